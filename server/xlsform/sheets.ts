// The workbook as plain arrays, so the mapping to and from a definition is testable without a file.

/** One cell's value, as the workbook stores it. */
export type Cell = string | number | boolean | null;

/** A sheet's rows: index 0 is spreadsheet row 1 (the header). */
export type SheetRows = Cell[][];

/** The sheets of an XLSForm workbook, by lower-case name. */
export type XlsFormSheets = Record<string, SheetRows>;

/** One row or cell that could not be mapped as written, with where it is in the workbook. */
export interface MappingNote {
  sheet: string;
  /** 1-based, as a spreadsheet shows it. */
  row: number;
  /** The column's header, e.g. `relevant` or `label::French (fr)`. */
  column?: string;
  reason: string;
  /** `error`: the row is lost or the definition is invalid; `warning`: imported with a loss; `info`: adapted. */
  severity: 'error' | 'warning' | 'info';
}

/** Cell text, trimmed; '' for an empty cell. */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  return String(cell).trim();
}

// Values of `ors::<property>` columns: the properties of a definition that XLSForm has no column for.
// Texts are written as they are, everything else (and a text that would read as JSON) as JSON.
const textProperties = new Set([
  'number',
  'concept',
  'unit',
  'pattern',
  'format',
  'appearance',
  'over',
  'filter',
  'relevant',
  'constraint',
  'expression',
  'options',
]);

const looksJson = (text: string) => /^[[{"]/.test(text);
const looksLiteral = (text: string) => /^(true|false|null|-?\d+(\.\d+)?([eE][-+]?\d+)?)$/.test(text);

/** The value of an `ors::<property>` cell. */
export function decodeExtra(property: string, cell: Cell): unknown {
  if (typeof cell !== 'string') return textProperties.has(property) ? cellText(cell) : cell;
  const text = cell.trim();
  if (looksJson(text) || (!textProperties.has(property) && looksLiteral(text))) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/** The cell for a property in an `ors::<property>` column. */
export function encodeExtra(property: string, value: unknown): Cell {
  if (typeof value === 'string') {
    return looksJson(value) || (!textProperties.has(property) && looksLiteral(value))
      ? JSON.stringify(value)
      : value;
  }
  if (typeof value === 'number' && !textProperties.has(property)) return value;
  return JSON.stringify(value);
}
