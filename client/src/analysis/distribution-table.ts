import type { CellDistribution, Distribution } from './analysis-api.ts';
import type { CsvCell } from './export.ts';

/** The words a table needs, in the reader's language. */
export interface TableWords {
  option: string;
  count: string;
  share: string;
  from: string;
  to: string;
  statistic: string;
  value: string;
  row: string;
  column: string;
  yes: string;
  no: string;
  answered: string;
  stats: { n: string; min: string; max: string; mean: string; median: string; q1: string; q3: string };
}

export interface DataTable {
  head: string[];
  rows: CsvCell[][];
}

/** The label of an option of a distribution (booleans have none: yes / no). */
export function optionLabel(
  option: { value: string; label: string | null },
  words: Pick<TableWords, 'yes' | 'no'>,
) {
  if (option.label !== null) return option.label;
  return option.value === 'true' ? words.yes : option.value === 'false' ? words.no : option.value;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

function cellRows(distribution: CellDistribution, words: TableWords): { head: string[]; rows: CsvCell[][] } {
  switch (distribution.kind) {
    case 'choice':
      return {
        head: [words.option, words.count, words.share],
        rows: distribution.options.map((option) => [
          optionLabel(option, words),
          option.count,
          distribution.n === 0 ? null : `${Math.round((option.count / distribution.n) * 100)}%`,
        ]),
      };
    case 'number': {
      const s = distribution.summary;
      const stats: CsvCell[][] = s
        ? (['n', 'min', 'max', 'mean', 'median', 'q1', 'q3'] as const).map((key) => [
            words.stats[key],
            null,
            round(s[key]),
          ])
        : [[words.stats.n, null, 0]];
      return {
        head: [words.from, words.to, words.count],
        rows: [
          ...distribution.bins.map((bin) => [round(bin.from), round(bin.to), bin.count] as CsvCell[]),
          ...stats,
        ],
      };
    }
    case 'answered':
      return { head: [words.statistic, words.value], rows: [[words.answered, distribution.n]] };
  }
}

/** A cell's distribution in three columns shared by every kind: answer or statistic, Parties, value. */
function uniformRows(distribution: CellDistribution, words: TableWords): CsvCell[][] {
  switch (distribution.kind) {
    case 'choice':
      return cellRows(distribution, words).rows;
    case 'number': {
      const { rows } = cellRows(distribution, words);
      return rows.map(([from, to, count]) =>
        // Bins have both bounds; statistics have a name and a value.
        to === null ? [from ?? null, null, count ?? null] : [`${from}–${to}`, count ?? null, null],
      );
    }
    case 'answered':
      return [[words.answered, distribution.n, null]];
  }
}

/**
 * A distribution as a table: the chart's text alternative and its CSV. A table question gives one block
 * of rows per cell, each prefixed with the row and column, in columns every kind of cell shares.
 */
export function distributionTable(distribution: Distribution, words: TableWords): DataTable {
  if (distribution.kind !== 'table') return cellRows(distribution, words);
  const rows: CsvCell[][] = [];
  for (const cell of distribution.cells) {
    for (const row of uniformRows(cell.distribution, words))
      rows.push([cell.row.label, cell.column.label, ...row]);
  }
  return { head: [words.row, words.column, words.option, words.count, words.value], rows };
}
