import { type LocalizedText, localize, type Plan, type PlannedItem } from '../../forms/index.ts';

export interface NumberSummary {
  n: number;
  min: number;
  max: number;
  mean: number;
  median: number;
  q1: number;
  q3: number;
}

/** How the answers to one question (or one table cell) are spread across Parties. */
export type CellDistribution =
  | { kind: 'choice'; n: number; options: { value: string; label: string | null; count: number }[] }
  | {
      kind: 'number';
      n: number;
      summary: NumberSummary | null;
      bins: { from: number; to: number; count: number }[];
    }
  | { kind: 'answered'; n: number };

/** A question's distribution: of its answers, or one per cell of a table or loop. */
export type Distribution =
  | CellDistribution
  | {
      kind: 'table';
      n: number;
      cells: {
        row: { id: string; label: string };
        column: { id: string; label: string };
        distribution: CellDistribution;
      }[];
    };

/** What a distribution is computed for: a top-level question, or a column inside a table or loop. */
export interface Question {
  item: PlannedItem;
  /** For a table or loop: its rows and scalar columns. */
  cells?: { row: { id: string; label: LocalizedText }; column: PlannedItem }[];
}

/** The question `id` of a plan (a top-level item that holds an answer), with its cells for a table or loop. */
export function questionOf(plan: Plan, id: string): Question | null {
  const item = plan.item(id);
  if (!item || item.containerKey !== null || item.answerId !== id) return null;
  if (item.type !== 'table' && item.type !== 'loop') return { item };
  const columns = plan.items.filter((child) => child.parentKey === item.key && isScalar(child));
  return {
    item,
    cells: (item.options ?? []).flatMap((row) =>
      columns.map((column) => ({ row: { id: row.value, label: row.label }, column })),
    ),
  };
}

const scalarTypes = new Set([
  'text',
  'textarea',
  'integer',
  'decimal',
  'date',
  'boolean',
  'choice',
  'calculated',
]);
const isScalar = (item: PlannedItem) => scalarTypes.has(item.type);

/** Linear interpolation between closest ranks (PostgreSQL's percentile_cont). */
function quantile(sorted: number[], p: number): number {
  const at = (sorted.length - 1) * p;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  const a = sorted[low] ?? 0;
  const b = sorted[high] ?? a;
  return a + (b - a) * (at - low);
}

/** n, min, max, mean, median and quartiles of numbers (null for none). */
export function summarize(values: number[]): NumberSummary | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((total, v) => total + v, 0);
  return {
    n: sorted.length,
    min: sorted[0] ?? 0,
    max: sorted[sorted.length - 1] ?? 0,
    mean: sum / sorted.length,
    median: quantile(sorted, 0.5),
    q1: quantile(sorted, 0.25),
    q3: quantile(sorted, 0.75),
  };
}

/**
 * Histogram bins over [min, max]: Sturges' number of bins (at most 12); whole-number widths for
 * integers, so that a bin never splits one value. The last bin includes its upper bound.
 */
export function histogram(values: number[], integer: boolean) {
  if (values.length === 0) return [];
  const min = Math.min(...values);
  const max = Math.max(...values);
  if (min === max) return [{ from: min, to: max, count: values.length }];
  const wanted = Math.min(12, Math.ceil(Math.log2(values.length)) + 1);
  const width = integer ? Math.max(1, Math.ceil((max - min + 1) / wanted)) : (max - min) / wanted;
  const count = integer ? Math.ceil((max - min + 1) / width) : wanted;
  const bins = Array.from({ length: count }, (_, i) => ({
    from: min + i * width,
    to: integer ? min + (i + 1) * width - 1 : min + (i + 1) * width,
    count: 0,
  }));
  for (const value of values) {
    const index = Math.min(count - 1, Math.floor((value - min) / width));
    const bin = bins[index];
    if (bin) bin.count++;
  }
  return bins;
}

/** The distribution of the relevant answers `values` (one per answering Party) to `item`. */
export function distributionOf(item: PlannedItem, values: unknown[], language: string): CellDistribution {
  const type = item.type === 'calculated' ? calculatedKind(values) : item.type;
  switch (type) {
    case 'choice':
    case 'ranking':
    case 'boolean': {
      const counts = new Map<string, number>();
      const options =
        type === 'boolean'
          ? [
              { value: 'true', label: null },
              { value: 'false', label: null },
            ]
          : (item.options ?? []).map((option) => ({
              value: option.value,
              label: localize(option.label, language),
            }));
      for (const option of options) counts.set(option.value, 0);
      for (const value of values) {
        // A multiple choice counts each option chosen.
        for (const chosen of Array.isArray(value) ? value : [value]) {
          const key = String(chosen);
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
      }
      const known = new Set(options.map((option) => option.value));
      const extra = [...counts.keys()]
        .filter((key) => !known.has(key))
        .map((value) => ({ value, label: value }));
      return {
        kind: 'choice',
        n: values.length,
        options: [...options, ...extra].map((option) => ({
          ...option,
          count: counts.get(option.value) ?? 0,
        })),
      };
    }
    case 'integer':
    case 'decimal':
    case 'number': {
      const numbers = values.filter(
        (value): value is number => typeof value === 'number' && Number.isFinite(value),
      );
      const integer = type === 'integer' || numbers.every(Number.isInteger);
      return {
        kind: 'number',
        n: numbers.length,
        summary: summarize(numbers),
        bins: histogram(numbers, integer),
      };
    }
    default:
      return { kind: 'answered', n: values.length };
  }
}

function calculatedKind(values: unknown[]): string {
  if (values.length > 0 && values.every((value) => typeof value === 'number')) return 'number';
  if (values.length > 0 && values.every((value) => typeof value === 'boolean')) return 'boolean';
  return 'text';
}
