import { carryAnswers, type Definition, type Plan } from '../../forms/index.ts';

/** How a question of one version was found in another. */
export type MatchKind = 'same' | 'carried' | 'concept';

/**
 * The question of `to` that answers `id` of `from`: the same id, else the one the engine's version
 * carry-over moves it to or from (by id or `renamedFrom`, either direction), else the top-level question
 * carrying the same concept. Null when none does.
 */
export function matchQuestion(
  from: { definition: Definition; plan: Plan },
  to: { definition: Definition; plan: Plan },
  id: string,
): { id: string; match: MatchKind } | null {
  if (from.plan === to.plan) return { id, match: 'same' };
  const topLevel = (plan: Plan, key: string) => {
    const item = plan.item(key);
    return item !== undefined && item.containerKey === null && item.answerId === key;
  };
  if (topLevel(to.plan, id)) return { id, match: 'same' };
  // Forward (to is newer: its renamedFrom names the old id) and backward (from is newer).
  const forward = carryAnswers(from.definition, to.definition, { [id]: null }).carried.find(
    (c) => c.from === id,
  );
  if (forward && topLevel(to.plan, forward.to)) return { id: forward.to, match: 'carried' };
  const everyId = Object.fromEntries(to.plan.answerIds.map((answerId) => [answerId, null]));
  const backward = carryAnswers(to.definition, from.definition, everyId).carried.find((c) => c.to === id);
  if (backward && topLevel(to.plan, backward.from)) return { id: backward.from, match: 'carried' };
  const concept = from.plan.item(id)?.item.concept;
  if (concept) {
    const same = to.plan.items.find((item) => item.item.concept === concept && topLevel(to.plan, item.key));
    if (same) return { id: same.key, match: 'concept' };
  }
  return null;
}
