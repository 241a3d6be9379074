import { checkValue } from '../answers/check-answer-shape.ts';
import { isPlainObject, maxTextAnswerLength } from '../answers/value-shape.ts';
import type { Definition } from '../definition/schema.ts';
import { buildPlan } from '../plan/build-plan.ts';
import type { Level, PlanNode } from '../plan/plan-node.ts';
import type { Problem } from '../result.ts';
import type { CarryResult } from './types.ts';

type Dropped = CarryResult['dropped'];

/**
 * Moves a report's answers from one version of a definition to another, by id and by `renamedFrom`
 * (at top level and inside rows). A value whose shape no longer fits the new item (a text for what is
 * now an integer, an option or row that no longer exists) is dropped with the reason; inside tables,
 * repeats and loops only the part that no longer fits is dropped.
 *
 * @example
 * const { answers, carried, dropped } = carryAnswers(v1, v2, report.answers);
 * // carried: [{ from: 'pa_number', to: 'pa_count' }], dropped: [{ id: 'old_q', value: 'x', reason: '…' }]
 */
export function carryAnswers(
  _from: Definition,
  to: Definition,
  answers: Record<string, unknown>,
): CarryResult {
  const plan = buildPlan(to).plan;
  const out: Record<string, unknown> = {};
  const carried: CarryResult['carried'] = [];
  const dropped: Dropped = [];
  const source = isPlainObject(answers) ? answers : {};
  const used = new Set<string>();
  for (const node of plan.root.nodes) {
    if (!node.answerable || plan.answerNodes.get(node.id) !== node) continue;
    const targets: [string, boolean][] = [[node.id, false]];
    if (node.hasOther) targets.push([`${node.id}_other`, true]);
    for (const [target, other] of targets) {
      const candidates = [node.id, ...(node.item.renamedFrom ?? [])].map((id) =>
        other ? `${id}_other` : id,
      );
      const from = candidates.find((c) => Object.hasOwn(source, c) && !used.has(c));
      if (from === undefined) continue;
      used.add(from);
      const value = source[from];
      const moved =
        value === null
          ? null
          : other
            ? carryOther(value, from, dropped)
            : carryValue(node, value, from, dropped);
      if (moved === undefined) continue;
      out[target] = moved;
      carried.push({ from, to: target });
    }
  }
  for (const id of Object.keys(source)) {
    if (!used.has(id))
      dropped.push({ id, value: source[id], reason: 'no longer a question of this version' });
  }
  return { answers: out, carried, dropped };
}

function carryOther(value: unknown, id: string, dropped: Dropped): unknown {
  if (typeof value === 'string' && value.length <= maxTextAnswerLength) return value;
  dropped.push({ id, value, reason: 'expected a text' });
  return undefined;
}

/** The part of `value` that fits `node` in the new version (`undefined` when nothing does). */
function carryValue(node: PlanNode, value: unknown, id: string, dropped: Dropped): unknown {
  const item = node.item;
  if (item.type === 'repeat') {
    if (!Array.isArray(value)) return drop(node, value, id, dropped);
    return value.map((row, i) => carryRow(node.childLevel, row, `${id}.${i}`, dropped));
  }
  if (item.type === 'table' || item.type === 'loop') {
    if (!isPlainObject(value)) return drop(node, value, id, dropped);
    const rows: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      if (node.optionByValue !== null && !node.optionByValue.has(key)) {
        dropped.push({
          id: `${id}.${key}`,
          value: value[key],
          reason: `no longer a ${item.type === 'table' ? 'row' : 'option'} of ${node.id}`,
        });
        continue;
      }
      rows[key] = carryRow(node.childLevel, value[key], `${id}.${key}`, dropped);
    }
    return rows;
  }
  return drop(node, value, id, dropped);
}

/** Keeps a value whose shape fits the item; otherwise records why it is dropped. */
function drop(node: PlanNode, value: unknown, id: string, dropped: Dropped): unknown {
  const problems: Problem[] = [];
  if (checkValue(node, value, [], problems)) return value;
  dropped.push({ id, value, reason: problems[0]?.message ?? 'does not fit the new question' });
  return undefined;
}

function carryRow(level: Level | null, row: unknown, id: string, dropped: Dropped): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (level === null || !isPlainObject(row)) {
    if (row !== null && row !== undefined)
      dropped.push({ id, value: row, reason: 'expected an object of answers' });
    return out;
  }
  const used = new Set<string>();
  for (const node of level.nodes) {
    if (!node.answerable || level.byId.get(node.id) !== node) continue;
    const targets: [string, boolean][] = [[node.id, false]];
    if (node.hasOther) targets.push([`${node.id}_other`, true]);
    for (const [target, other] of targets) {
      const candidates = [node.id, ...(node.item.renamedFrom ?? [])].map((c) => (other ? `${c}_other` : c));
      const from = candidates.find((c) => Object.hasOwn(row, c) && !used.has(c));
      if (from === undefined) continue;
      used.add(from);
      const value = row[from];
      const path = `${id}.${from}`;
      const moved =
        value === null
          ? null
          : other
            ? carryOther(value, path, dropped)
            : carryValue(node, value, path, dropped);
      if (moved !== undefined) out[target] = moved;
    }
  }
  for (const key of Object.keys(row)) {
    if (!used.has(key))
      dropped.push({ id: `${id}.${key}`, value: row[key], reason: 'no longer a question of this version' });
  }
  return out;
}
