import { once } from 'node:events';
import { PassThrough, pipeline, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import {
  type AnswerColumn,
  answerColumns,
  type Cell,
  evaluateReport,
  flattenAnswers,
  type LocalizedText,
  localize,
} from '../../forms/index.ts';
import type { Database } from '../db/schema.ts';
import type { PlanCache } from '../reporting/plans.ts';
import { cycleReportBatch, cycleShape } from './export-queries.ts';

export interface CycleExportOptions {
  cycleId: number;
  title: string;
  format: 'csv' | 'xlsx';
  layout: 'wide' | 'long';
  separator: string;
  language: string;
  /** Analysts export submitted reports only; the secretariat every report. */
  onlySubmitted: boolean;
}

const batchSize = 50;
const fixedKeys = ['party', 'party_name', 'status', 'questionnaire_version', 'submitted_at'];
const fixedLabels = ['Party', 'Party name', 'Status', 'Questionnaire version', 'Submitted at'];
const longKeys = ['party', 'party_name', 'item', 'value'];

interface Sheet {
  /** The header rows: ids, then labels (wide); a single header (long). */
  headers: Cell[][];
  /** The rows, batch by batch from the database. */
  rows: AsyncIterable<Cell[]>;
  /** For the XLSX "Questions" sheet: item id and label of each column. */
  questions: Cell[][];
}

/** The columns of every questionnaire version the cycle's reports use, merged in questionnaire order. */
async function columnsOf(db: Kysely<Database>, plans: PlanCache, options: CycleExportOptions) {
  const shape = await cycleShape(db, options.cycleId, options.onlySubmitted);
  const columns = new Map<string, { column: AnswerColumn; defaultLanguage: string }>();
  const byVersion = new Map<number, AnswerColumn[]>();
  for (const versionId of shape.versionIds) {
    const { plan } = await plans.get(versionId);
    const repeatRows = Object.fromEntries(
      plan.items
        .filter((item) => item.type === 'repeat' && item.containerKey === null)
        .map((item) => [item.key, shape.arrayLengths[item.id] ?? 0]),
    );
    const versionColumns = answerColumns(plan, { repeatRows });
    byVersion.set(versionId, versionColumns);
    for (const column of versionColumns) {
      if (!columns.has(column.key)) {
        columns.set(column.key, { column, defaultLanguage: plan.definition.defaultLanguage });
      }
    }
  }
  return { columns: [...columns.values()], byVersion };
}

function sheetOf(db: Kysely<Database>, plans: PlanCache, options: CycleExportOptions): Promise<Sheet> {
  return columnsOf(db, plans, options).then(({ columns, byVersion }) => {
    const text = (value: LocalizedText | number, defaultLanguage: string) =>
      typeof value === 'number' ? String(value) : localize(value, options.language, defaultLanguage);
    const labelOf = ({ column, defaultLanguage }: (typeof columns)[number]) =>
      [...column.context.map((c) => text(c, defaultLanguage)), text(column.label, defaultLanguage)].join(
        ' — ',
      );
    const keys = columns.map(({ column }) => column.key);
    const rows = async function* (): AsyncGenerator<Cell[]> {
      let after: string | null = null;
      for (;;) {
        const batch = await cycleReportBatch(db, options.cycleId, {
          after,
          limit: batchSize,
          onlySubmitted: options.onlySubmitted,
        });
        for (const report of batch) {
          const { plan } = await plans.get(report.questionnaire_version_id);
          const evaluation = evaluateReport(plan, report.answers, { party: report.party_code });
          const versionColumns = byVersion.get(report.questionnaire_version_id) ?? [];
          const cells = flattenAnswers(plan, report.answers, evaluation, versionColumns);
          const partyName = localize(report.party_name as LocalizedText, options.language);
          if (options.layout === 'long') {
            for (const key of keys) {
              const value = cells[key];
              if (value !== undefined) yield [report.party_code, partyName, key, value];
            }
            continue;
          }
          yield [
            report.party_code,
            partyName,
            report.status,
            report.version,
            report.submitted_at?.toISOString() ?? null,
            ...keys.map((key) => cells[key] ?? null),
          ];
        }
        if (batch.length < batchSize) return;
        after = batch[batch.length - 1]?.party_code ?? null;
      }
    };
    return {
      headers:
        options.layout === 'long'
          ? [longKeys]
          : [
              [...fixedKeys, ...keys],
              [...fixedLabels, ...columns.map(labelOf)],
            ],
      rows: rows(),
      questions: columns.map((entry) => [entry.column.key, labelOf(entry)]),
    };
  });
}

/** The cycle's answers as a CSV stream (UTF-8 with a byte order mark, so that spreadsheets read accents). */
/**
 * A text cell a spreadsheet would take as a formula (`=`, `+`, `-`, `@`, tab or carriage return first)
 * gets a leading apostrophe, as OWASP advises against CSV injection. Numbers are written as numbers.
 */
export function escapeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvStream(sheet: Sheet, separator: string): Readable {
  const output = stringify({
    bom: true,
    delimiter: separator,
    cast: { boolean: (value) => String(value), string: escapeFormula },
  });
  const rows = Readable.from(
    (async function* () {
      yield* sheet.headers;
      yield* sheet.rows;
    })(),
    { objectMode: true },
  );
  // A client that goes away destroys `output`, and with it the rows: no more batches are read.
  pipeline(rows, output, () => {});
  return output;
}

const sheetName = (title: string) =>
  title
    .slice(0, 31)
    .replace(/[\\/?*[\]:]/g, ' ')
    .trim() || 'Answers';

/** The cycle's answers as an XLSX workbook written row by row: "Answers", then "Questions" (id, label). */
function xlsxStream(sheet: Sheet, title: string, layout: 'wide' | 'long'): Readable {
  const stream = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: false,
    useSharedStrings: false,
  });
  const write = async () => {
    const answers = workbook.addWorksheet(sheetName(title));
    // The ids head the columns; their labels are on the "Questions" sheet.
    answers.addRow(sheet.headers[0] ?? []).commit();
    for await (const row of sheet.rows) {
      if (stream.destroyed) return;
      answers.addRow(row).commit();
      // Wait for a slow client rather than buffer the workbook.
      if (stream.writableNeedDrain) await Promise.race([once(stream, 'drain'), once(stream, 'close')]);
    }
    answers.commit();
    if (layout === 'wide') {
      const questions = workbook.addWorksheet('Questions');
      questions.addRow(['item', 'label']).commit();
      for (const row of sheet.questions) questions.addRow(row).commit();
      questions.commit();
    }
    await workbook.commit();
  };
  write().catch((error: unknown) => stream.destroy(error as Error));
  return stream;
}

/**
 * Every answer of a cycle as CSV or XLSX, streamed: reports are read from the database in batches of
 * 50 by Party and written out as they come. Wide: one row per Party; long: one row per (Party, item, value).
 */
export async function cycleExport(
  db: Kysely<Database>,
  plans: PlanCache,
  options: CycleExportOptions,
): Promise<Readable> {
  const sheet = await sheetOf(db, plans, options);
  return options.format === 'xlsx'
    ? xlsxStream(sheet, options.title, options.layout)
    : csvStream(sheet, options.separator);
}
