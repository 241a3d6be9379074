import { definitionLimits } from '../definition/limits.ts';
import type { CompiledPlan } from '../plan/compiled-plan.ts';
import type { Level, PlanNode } from '../plan/plan-node.ts';
import type { Plan } from '../plan/types.ts';
import type { Path, Problem } from '../result.ts';
import { expectedKind, isPlainObject, maxTextAnswerLength, scalarShapeFits } from './value-shape.ts';

/**
 * The autosave shape check: for each answer id of `set`, whether the id exists and takes answers and
 * whether the value has the JSON shape of its item (a number for an integer, an ISO date, known options,
 * rows and columns…). `null` clears an answer and always fits. Completeness (required answers,
 * constraints, bounds) is not checked here: see `evaluateReport`. Paths start with the answer id.
 *
 * @example
 * checkAnswerShape(plan, { pa_count: 'many' });
 * // [{ path: ['pa_count'], code: 'type', message: 'expected a whole number', severity: 'error' }]
 */
export function checkAnswerShape(plan: Plan, set: Record<string, unknown>): Problem[] {
  const compiled = plan as CompiledPlan;
  const problems: Problem[] = [];
  if (!isPlainObject(set)) return [problem([], 'type', 'answers must be an object of id → value')];
  for (const id of Object.keys(set)) {
    if (problems.length >= definitionLimits.maxProblems) break;
    const value = set[id];
    const node = compiled.answerNodes.get(id);
    if (node === undefined) {
      const item = compiled.item(id);
      problems.push(
        item !== undefined && item.level === compiled.root
          ? problem([id], 'not_answerable', `"${id}" is a ${item.type} and takes no answer`)
          : problem([id], 'unknown_id', `unknown answer id "${id}"`),
      );
      continue;
    }
    if (value === null) continue;
    if (id !== node.id) {
      checkOther(value, [id], problems);
      continue;
    }
    checkValue(node, value, [id], problems);
  }
  return problems;
}

function problem(path: Path, code: string, message: string): Problem {
  return { path, code, message, severity: 'error' };
}

function checkOther(value: unknown, path: Path, problems: Problem[]): void {
  if (typeof value !== 'string' || value.length > maxTextAnswerLength)
    problems.push(problem(path, 'type', 'expected a text'));
}

/** Shape of one answer value of a node (recursing into rows); returns whether it fits. */
export function checkValue(node: PlanNode, value: unknown, path: Path, problems: Problem[]): boolean {
  const item = node.item;
  const before = problems.length;
  if (!scalarShapeFits(item, value)) {
    problems.push(problem(path, 'type', `expected a ${expectedKind(item)}`));
    return false;
  }
  switch (item.type) {
    case 'choice':
    case 'ranking': {
      const options = node.optionByValue;
      if (options === null) break;
      for (const v of Array.isArray(value) ? value : [value]) {
        if (!options.has(v as string)) {
          problems.push(problem(path, 'unknown_option', `"${String(v)}" is not an option of ${node.id}`));
          break;
        }
      }
      break;
    }
    case 'repeat':
      (value as unknown[]).forEach((row, i) => {
        checkRow(node.childLevel, row, [...path, i], problems);
      });
      break;
    case 'table':
    case 'loop': {
      const options = node.optionByValue;
      for (const key of Object.keys(value as object)) {
        if (problems.length >= definitionLimits.maxProblems) break;
        if (options !== null && !options.has(key)) {
          problems.push(
            problem(
              [...path, key],
              'unknown_row',
              `"${key}" is not a ${item.type === 'table' ? 'row' : 'option'} of ${node.id}`,
            ),
          );
          continue;
        }
        checkRow(node.childLevel, (value as Record<string, unknown>)[key], [...path, key], problems);
      }
      break;
    }
    default:
      break;
  }
  return problems.length === before;
}

function checkRow(level: Level | null, row: unknown, path: Path, problems: Problem[]): void {
  if (row === null || level === null) return;
  if (!isPlainObject(row)) {
    problems.push(problem(path, 'type', 'expected an object of id → value'));
    return;
  }
  for (const id of Object.keys(row)) {
    if (problems.length >= definitionLimits.maxProblems) return;
    const value = row[id];
    let node = level.byId.get(id);
    const other = node === undefined && id.endsWith('_other');
    if (other) {
      const choice = level.byId.get(id.slice(0, -'_other'.length));
      node = choice?.hasOther ? choice : undefined;
    }
    if (node === undefined) {
      problems.push(problem([...path, id], 'unknown_id', `unknown id "${id}" here`));
      continue;
    }
    if (!node.answerable) {
      problems.push(
        problem([...path, id], 'not_answerable', `"${id}" is a ${node.type} and takes no answer`),
      );
      continue;
    }
    if (value === null) continue;
    if (other) checkOther(value, [...path, id], problems);
    else checkValue(node, value, [...path, id], problems);
  }
}
