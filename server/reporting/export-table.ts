import type { Plan, PlannedItem, ReportEvaluation } from '../../forms/index.ts';

/** One column of a cycle export: a question id or an answer path (`table.row.column`, `loop.option.item`). */
export interface ExportColumn {
  header: string;
  /** Sort key: the position of each segment in the definition (item order, row or option order). */
  order: number[];
}

export type Cell = string | number | boolean | null;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A leaf answer as one cell: lists of values joined with `;`, anything else structured as JSON. */
function cellOf(value: unknown): Cell {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) {
    return value.join(';');
  }
  if (isObject(value) && typeof value.name === 'string' && 'file' in value) return value.name;
  return JSON.stringify(value);
}

/**
 * Flattens answers into export columns in the definition's order: a table or loop answer
 * (`{row: {column: value}}`) gives one column per answered cell; values of items that are not
 * relevant are left out, as the engine decides.
 */
export class ExportTable {
  readonly #plan: Plan;
  readonly #position = new Map<string, number>();
  readonly #optionPosition = new Map<string, Map<string, number>>();
  readonly #columns = new Map<string, ExportColumn>();

  constructor(plan: Plan) {
    this.#plan = plan;
    plan.items.forEach((item, index) => {
      this.#position.set(item.key, index);
      if (item.options) {
        this.#optionPosition.set(item.key, new Map(item.options.map((option, i) => [option.value, i])));
      }
    });
    plan.answerIds.forEach((id, index) => {
      if (!this.#position.has(id)) {
        // `<id>_other` holds no item of its own: it sorts right after its choice.
        const base = this.#position.get(id.replace(/_other$/, '')) ?? plan.items.length + index;
        this.#position.set(id, base + 0.5);
      }
    });
  }

  /** The cells of one report, by column header; records the columns it meets. */
  cells(answers: Record<string, unknown>, evaluation: ReportEvaluation): Map<string, Cell> {
    const irrelevant = new Set(evaluation.irrelevant);
    const cells = new Map<string, Cell>();
    const hidden = (key: string): boolean => {
      if (irrelevant.has(key)) return true;
      const parent = this.#plan.item(key)?.parentKey;
      return parent ? hidden(parent) : false;
    };
    for (const id of this.#plan.answerIds) {
      if (!(id in answers) || hidden(id)) continue;
      this.#flatten(id, id, answers[id], [this.#position.get(id) ?? 0], cells, irrelevant);
    }
    for (const item of this.#plan.items) {
      if (item.type !== 'calculated' || item.containerKey !== null || hidden(item.key)) continue;
      const value = evaluation.calculated[item.key];
      if (value === undefined) continue;
      this.#add(item.key, [this.#position.get(item.key) ?? 0], cellOf(value), cells);
    }
    return cells;
  }

  /** Every column met so far, in the definition's order. */
  columns(): ExportColumn[] {
    return [...this.#columns.values()].sort((a, b) => {
      for (let i = 0; i < Math.max(a.order.length, b.order.length); i++) {
        const diff = (a.order[i] ?? -1) - (b.order[i] ?? -1);
        if (diff !== 0) return diff;
      }
      return a.header < b.header ? -1 : a.header > b.header ? 1 : 0;
    });
  }

  #flatten(
    header: string,
    templateKey: string,
    value: unknown,
    order: number[],
    cells: Map<string, Cell>,
    irrelevant: Set<string>,
  ): void {
    const item: PlannedItem | undefined = this.#plan.item(templateKey);
    const nested = item && (item.type === 'table' || item.type === 'loop') && isObject(value);
    if (!nested) {
      this.#add(header, order, cellOf(value), cells);
      return;
    }
    const options = this.#optionPosition.get(templateKey);
    for (const [row, columns] of Object.entries(value)) {
      if (!isObject(columns) || irrelevant.has(`${header}.${row}`)) continue;
      const rowOrder = options?.get(row) ?? Number.MAX_SAFE_INTEGER;
      for (const [column, cell] of Object.entries(columns)) {
        const key = `${header}.${row}.${column}`;
        if (irrelevant.has(key)) continue;
        const childKey = `${templateKey}.${column}`;
        const childOrder = this.#position.get(childKey) ?? Number.MAX_SAFE_INTEGER;
        this.#flatten(key, childKey, cell, [...order, rowOrder, childOrder], cells, irrelevant);
      }
    }
  }

  #add(header: string, order: number[], cell: Cell, cells: Map<string, Cell>): void {
    if (cell === null) return;
    cells.set(header, cell);
    if (!this.#columns.has(header)) this.#columns.set(header, { header, order });
  }
}
