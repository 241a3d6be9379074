import { PassThrough, type Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { evaluateReport, localize } from '../../forms/index.ts';
import { type Actor, can } from '../auth/policy.ts';
import type { Database } from '../db/schema.ts';
import { cycleAnswers } from '../repositories/reports.ts';
import { type Cell, ExportTable } from './export-table.ts';
import type { PlanCache } from './plans.ts';

const fixedHeaders = ['party', 'party_name', 'status', 'submitted_at', 'revision'];

/**
 * Every answer of a cycle's reports that `actor` may read, one row per Party and one column per
 * question id or answer path, in the definition's order.
 */
export async function cycleExportRows(
  db: Kysely<Database>,
  plans: PlanCache,
  cycle: { id: number; instrument: string },
  actor: Actor,
): Promise<{ headers: string[]; rows: Cell[][] }> {
  // A secretariat sees every report of its instrument; others only what the policy lets them read.
  const everyReport = can(actor, 'report.read', {
    instrument: cycle.instrument,
    reportStatus: 'in_progress',
  });
  const reports = (await cycleAnswers(db, cycle.id, !everyReport)).filter((report) =>
    can(actor, 'report.read', {
      instrument: cycle.instrument,
      party: report.party_code,
      reportStatus: report.status,
    }),
  );
  const tables = new Map<number, ExportTable>();
  const collected: { fixed: Cell[]; cells: Map<string, Cell> }[] = [];
  for (const report of reports) {
    const { plan } = await plans.get(report.questionnaire_version_id);
    let table = tables.get(report.questionnaire_version_id);
    if (!table) {
      table = new ExportTable(plan);
      tables.set(report.questionnaire_version_id, table);
    }
    const evaluation = evaluateReport(plan, report.answers, { party: report.party_code });
    collected.push({
      fixed: [
        report.party_code,
        localize(report.party_name, actor.language),
        report.status,
        report.submitted_at?.toISOString() ?? null,
        report.revision,
      ],
      cells: table.cells(report.answers, evaluation),
    });
  }
  const seen = new Set<string>();
  const columns: string[] = [];
  for (const table of tables.values()) {
    for (const column of table.columns()) {
      if (seen.has(column.header)) continue;
      seen.add(column.header);
      columns.push(column.header);
    }
  }
  const rows = collected.map(({ fixed, cells }) => [
    ...fixed,
    ...columns.map((header) => cells.get(header) ?? null),
  ]);
  return { headers: [...fixedHeaders, ...columns], rows };
}

/** The rows as CSV (RFC 4180, UTF-8 with a byte order mark so that spreadsheets read accents right). */
export function csvStream(headers: string[], rows: Cell[][]): Readable {
  const output = stringify({ bom: true, cast: { boolean: (value) => String(value) } });
  output.write(headers);
  for (const row of rows) output.write(row);
  output.end();
  return output;
}

/** The rows as an XLSX workbook, streamed as it is written. */
export function xlsxStream(title: string, headers: string[], rows: Cell[][]): Readable {
  const stream = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(title.slice(0, 31).replace(/[\\/?*[\]:]/g, ' ') || 'answers');
  sheet.addRow(headers).commit();
  for (const row of rows) sheet.addRow(row).commit();
  sheet.commit();
  workbook.commit().catch((error: unknown) => stream.destroy(error as Error));
  return stream;
}
