import type { LocalizedText } from '../definition/localized-text.ts';
import type { ItemType } from '../definition/schema.ts';
import type { ReportEvaluation } from '../evaluate/types.ts';
import type { Plan, PlannedItem } from '../plan/types.ts';

/** One export column: one answerable leaf of the questionnaire (a question, a table cell, a loop item …). */
export interface AnswerColumn {
  /** Column name: `pa_count`, `threats.wind.level`, `new_sites.1.site_name`, `species.aquila_clanga.trend`. */
  key: string;
  /** Template key of the item (`new_sites.site_name`). */
  itemId: string;
  /** Top-level answer id that stores the value. */
  answerId: string;
  type: ItemType;
  label: LocalizedText;
  /** Labels of the enclosing rows, loop options and repeat rows, outermost first, for a readable header. */
  context: (LocalizedText | number)[];
  /** Where the value sits inside the top-level answer (repeat indexes 0-based). */
  path: (string | number)[];
  /** The engine's instance key of the value and of everything that encloses it, innermost first. */
  scopes: string[];
}

export type Cell = string | number | boolean | null;

export interface AnswerColumnsOptions {
  /** Number of row column sets per repeat id (e.g. the most rows seen in the data); default `maxItems` or 0. */
  repeatRows?: Record<string, number>;
}

function childrenOf(plan: Plan): Map<string | null, PlannedItem[]> {
  const byParent = new Map<string | null, PlannedItem[]>();
  for (const item of plan.items) {
    const list = byParent.get(item.parentKey) ?? [];
    list.push(item);
    byParent.set(item.parentKey, list);
  }
  return byParent;
}

interface Frame {
  key: string;
  instance: string;
  answerId: string | null;
  path: (string | number)[];
  context: (LocalizedText | number)[];
  scopes: string[];
}

/**
 * The export columns of a questionnaire, in questionnaire order: one per answerable item; table cells as
 * `table.row.col`, repeat rows as `repeat.<n>.item` (n from 1), loop iterations as `loop.<option>.item`,
 * `<id>_other` beside its choice; calculated values included, notes and groups left out.
 *
 * @example
 * answerColumns(plan, { repeatRows: { new_sites: 2 } }).map((c) => c.key);
 * // ['pa_count', 'new_sites.1.site_name', 'new_sites.2.site_name', …]
 */
export function answerColumns(plan: Plan, options: AnswerColumnsOptions = {}): AnswerColumn[] {
  const byParent = childrenOf(plan);
  const columns: AnswerColumn[] = [];
  const leaf = (item: PlannedItem, frame: Frame, id: string, label: LocalizedText) => {
    const key = `${frame.key}${id}`;
    const instance = `${frame.instance}${id}`;
    columns.push({
      key,
      itemId: item.key,
      answerId: frame.answerId ?? id,
      type: item.type,
      label,
      context: frame.context,
      path: [...frame.path, id],
      scopes: [instance, ...frame.scopes],
    });
  };
  const visit = (item: PlannedItem, frame: Frame) => {
    const children = byParent.get(item.key) ?? [];
    const into = (
      segment: string | number,
      instanceSegment: string | number,
      label: LocalizedText | number,
    ) => {
      const instance = `${frame.instance}${item.id}.${instanceSegment}`;
      const inner: Frame = {
        key: `${frame.key}${item.id}.${segment}.`,
        instance: `${instance}.`,
        answerId: frame.answerId ?? item.id,
        path: [...frame.path, item.id, instanceSegment],
        context: [...frame.context, label],
        scopes: [instance, `${frame.instance}${item.id}`, ...frame.scopes],
      };
      for (const child of children) visit(child, inner);
    };
    switch (item.type) {
      case 'note':
        return;
      case 'group': {
        const inner = { ...frame, scopes: [`${frame.instance}${item.id}`, ...frame.scopes] };
        for (const child of children) visit(child, inner);
        return;
      }
      case 'table':
      case 'loop':
        for (const option of item.options ?? []) into(option.value, option.value, option.label);
        return;
      case 'repeat': {
        const maxItems = item.item.type === 'repeat' ? item.item.maxItems : undefined;
        const rows = options.repeatRows?.[item.key] ?? maxItems ?? 0;
        for (let n = 1; n <= rows; n++) into(n, n - 1, n);
        return;
      }
      default:
        leaf(item, frame, item.id, item.item.label ?? item.id);
        if (item.item.type === 'choice' && item.item.other) {
          leaf(item, frame, `${item.id}_other`, item.item.label ?? item.id);
        }
    }
  };
  for (const section of plan.definition.sections) {
    const frame: Frame = {
      key: '',
      instance: '',
      answerId: null,
      path: [],
      context: [],
      scopes: [section.id],
    };
    for (const item of byParent.get(null) ?? []) if (item.sectionId === section.id) visit(item, frame);
  }
  return columns;
}

/** The number of rows of each repeat in `answers`, to size `repeatRows` (take the maximum over reports). */
export function repeatRowCounts(plan: Plan, answers: Record<string, unknown>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of plan.items) {
    if (item.type !== 'repeat' || item.containerKey !== null) continue;
    const value = answers[item.id];
    if (Array.isArray(value)) counts[item.key] = value.length;
  }
  return counts;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** One answer as one cell: a multiple choice or ranking as its values joined with `;`, a file as its name. */
function cellOf(value: unknown): Cell {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value))
    return value.map((v) => (isObject(v) ? String(v.name ?? '') : String(v))).join(';');
  if (isObject(value) && typeof value.name === 'string' && 'file' in value) return value.name;
  return JSON.stringify(value);
}

function valueAt(answers: Record<string, unknown>, path: (string | number)[]): unknown {
  let value: unknown = answers;
  for (const segment of path) {
    if (typeof segment === 'number' ? !Array.isArray(value) : !isObject(value)) return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

/**
 * A report's answers as cells by column key; answers the engine found not relevant, and empty answers,
 * are left out. Pass `columns` (from `answerColumns`) when flattening many reports of one questionnaire.
 *
 * @example
 * flattenAnswers(plan, { pa_count: 12, threats: { wind: { level: 2 } } }, evaluateReport(plan, answers));
 * // { pa_count: 12, 'threats.wind.level': 2 }
 */
export function flattenAnswers(
  plan: Plan,
  answers: Record<string, unknown>,
  evaluation: ReportEvaluation,
  columns: readonly AnswerColumn[] = answerColumns(plan, { repeatRows: repeatRowCounts(plan, answers) }),
): Record<string, Cell> {
  const irrelevant = new Set(evaluation.irrelevant);
  const sections = evaluation.progress.sections;
  const cells: Record<string, Cell> = {};
  for (const column of columns) {
    if (column.scopes.some((scope) => irrelevant.has(scope) || sections[scope]?.relevant === false)) continue;
    const value =
      column.type === 'calculated'
        ? evaluation.calculated[column.scopes[0] ?? column.key]
        : valueAt(answers, column.path);
    const cell = cellOf(value);
    if (cell !== null && cell !== '') cells[column.key] = cell;
  }
  return cells;
}
