import { checkDefinition, type Definition, type Path } from '../../forms/index.ts';
import { definitionToSheets } from './definition-to-rows.ts';
import { type ImportOptions, rowsToDefinition } from './rows-to-definition.ts';
import type { MappingNote, XlsFormSheets } from './sheets.ts';
import { readSheets, writeSheets } from './workbook.ts';

export type { ImportOptions } from './rows-to-definition.ts';
export type { MappingNote } from './sheets.ts';

/** The definition read from a workbook and what could not be mapped, row by row. */
export interface XlsFormImport {
  definition: Definition;
  report: MappingNote[];
  /** Whether the definition passes `checkDefinition` (its problems are in the report). */
  valid: boolean;
}

// The XLSForm column a definition property is written in, for pointing a problem at a cell.
const columnOf: Record<string, string> = {
  relevant: 'relevant',
  constraint: 'constraint',
  required: 'required',
  expression: 'calculation',
  default: 'default',
  label: 'label',
  text: 'label',
  help: 'hint',
  constraintMessage: 'constraint_message',
  options: 'type',
  over: 'type',
  id: 'name',
  value: 'name',
  readonly: 'read_only',
  title: 'label',
  description: 'hint',
};

/**
 * Maps sheets to a definition and runs `checkDefinition` on it: its problems join the report,
 * at the row of the item (or choice) they are about.
 */
export function importSheets(sheets: XlsFormSheets, options: ImportOptions = {}): XlsFormImport {
  const { definition, report, origin } = rowsToDefinition(sheets, options);
  const checked = checkDefinition(definition);
  const problems = checked.ok ? checked.warnings : checked.issues;
  const instrumentReported = report.some(
    (n) => n.sheet === 'settings' && n.reason.startsWith('no instrument'),
  );
  for (const problem of problems) {
    if (instrumentReported && problem.path[0] === 'instrument') continue;
    const where = locate(definition, problem.path, origin);
    const property = [...problem.path].reverse().find((p) => typeof p === 'string' && p in columnOf) as
      | string
      | undefined;
    const column =
      problem.path.length === 1 && property === 'title' ? 'form_title' : property && columnOf[property];
    report.push({
      sheet: where.sheet,
      row: where.row,
      ...(column ? { column } : {}),
      reason: `${problem.path.join('.')}: ${problem.message}`,
      severity: problem.severity,
    });
  }
  return { definition: checked.ok ? checked.value : definition, report, valid: checked.ok };
}

function locate(
  definition: Definition,
  path: Path,
  origin: WeakMap<object, { sheet: string; row: number }>,
): { sheet: string; row: number } {
  let found = {
    sheet: path[0] === 'codeLists' ? 'choices' : path[0] === 'sections' ? 'survey' : 'settings',
    row: path[0] === 'sections' || path[0] === 'codeLists' ? 1 : 2,
  };
  let node: unknown = definition;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') break;
    node = (node as Record<string | number, unknown>)[segment];
    if (node !== null && typeof node === 'object') {
      const from = origin.get(node);
      if (from) found = from;
    }
  }
  return found;
}

/**
 * Reads an XLSForm workbook (survey, choices and settings sheets) as an ORS definition.
 *
 * @example
 * const { definition, report } = await importXlsForm(await readFile('form.xlsx'), { instrument: 'CMS' });
 */
export async function importXlsForm(
  buffer: Buffer | Uint8Array,
  options: ImportOptions = {},
): Promise<XlsFormImport> {
  let sheets: XlsFormSheets;
  try {
    sheets = await readSheets(buffer);
  } catch (error) {
    throw new XlsFormReadError(`the file is not an .xlsx workbook (${(error as Error).message})`);
  }
  return importSheets(sheets, options);
}

/** The file could not be read as a workbook at all. */
export class XlsFormReadError extends Error {
  override name = 'XlsFormReadError';
}

/** Writes a definition as an XLSForm workbook (survey, choices, settings; a label column per language). */
export async function exportXlsForm(definition: Definition): Promise<Buffer> {
  return writeSheets(definitionToSheets(definition));
}
