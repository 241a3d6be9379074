import { localize, type Plan } from '../../forms/index.ts';
import { InputError } from '../errors.ts';
import type { HandOverPart } from './store.ts';

/**
 * The part a hand-over request names, checked against the questionnaire: an existing section, or a loop
 * directly in that section (not inside a repeat, table or another loop) with some of its options.
 */
export function validHandOverPart(
  plan: Plan,
  request: { sectionId: string; loopId?: string | undefined; iterations?: string[] | undefined },
): HandOverPart {
  const section = plan.definition.sections.find((each) => each.id === request.sectionId);
  if (!section) {
    throw new InputError('no such section', [
      { in: 'body', path: ['sectionId'], message: `the questionnaire has no section ${request.sectionId}` },
    ]);
  }
  if (request.loopId === undefined) {
    if (request.iterations !== undefined) {
      throw new InputError('iterations belong to a loop', [
        { in: 'body', path: ['iterations'], message: 'name the loop (loopId) these iterations belong to' },
      ]);
    }
    return { sectionId: section.id, loopId: null, iterations: null };
  }
  const loop = plan.item(request.loopId);
  if (loop?.type !== 'loop' || loop.containerKey !== null || loop.sectionId !== section.id) {
    throw new InputError('no such loop in this section', [
      { in: 'body', path: ['loopId'], message: `section ${section.id} has no loop ${request.loopId}` },
    ]);
  }
  if (!request.iterations) {
    throw new InputError('a loop is handed over by iterations', [
      { in: 'body', path: ['iterations'], message: 'name the options (iterations) handed over' },
    ]);
  }
  const known = loop.options ? new Set(loop.options.map((option) => String(option.value))) : null;
  const unknown = request.iterations.flatMap((value, index) => (known && !known.has(value) ? [index] : []));
  if (unknown.length > 0) {
    throw new InputError(
      'some iterations are not options of the loop',
      unknown.map((index) => ({
        in: 'body' as const,
        path: ['iterations', index],
        message: `${request.iterations?.[index]} is not an option of ${loop.id}`,
      })),
    );
  }
  return { sectionId: section.id, loopId: loop.id, iterations: [...new Set(request.iterations)] };
}

/** A part in words, for the e-mail: `section "General information"` or `"Species" for 3 options`. */
export function describePart(plan: Plan, part: HandOverPart, language: string): string {
  const section = plan.definition.sections.find((each) => each.id === part.sectionId);
  const sectionTitle = section ? localize(section.title, language, plan.definition.defaultLanguage) : '';
  if (part.loopId === null) return `the section "${sectionTitle}"`;
  const loop = plan.item(part.loopId);
  const label = loop ? localize(loop.item.label, language, plan.definition.defaultLanguage) : part.loopId;
  const options = (part.iterations ?? []).map((value) => {
    const option = loop?.options?.find((each) => String(each.value) === value);
    return option ? localize(option.label, language, plan.definition.defaultLanguage) : value;
  });
  return `"${label}" for ${options.join(', ')} (section "${sectionTitle}")`;
}
