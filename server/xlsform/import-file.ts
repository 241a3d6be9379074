import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { publishQuestionnaire } from '../reporting/questionnaires.ts';
import { createQuestionnaire, findQuestionnaire, saveDraft } from '../repositories/questionnaires.ts';
import { findInstrument } from '../repositories/reference.ts';
import { importXlsForm, type MappingNote, XlsFormReadError } from './index.ts';

/** One report line: `  warning  survey row 34 (type): the type "geopoint" … is not supported`. */
export function formatNote(note: MappingNote): string {
  const where = `${note.sheet} row ${note.row}${note.column ? ` (${note.column})` : ''}`;
  return `  ${note.severity.padEnd(7)}  ${where}: ${note.reason}`;
}

/**
 * Imports an XLSForm workbook as the draft of a questionnaire (created, or its draft replaced), printing
 * the mapping report and the key. Returns the exit code: 0, or 1 when nothing was saved.
 */
export async function importWorkbookFile(
  db: Kysely<Database>,
  file: string,
  options: { instrument?: string; key?: string; publish?: boolean },
  print: (line: string) => void,
): Promise<number> {
  let result: Awaited<ReturnType<typeof importXlsForm>>;
  try {
    result = await importXlsForm(await readFile(file), {
      ...(options.instrument ? { instrument: options.instrument } : {}),
      ...(options.key ? { key: options.key } : {}),
      fileName: basename(file, extname(file)),
    });
  } catch (error) {
    print(`${file}: ${error instanceof XlsFormReadError ? error.message : (error as Error).message}`);
    return 1;
  }
  const { definition, report, valid } = result;
  const counts = (['error', 'warning', 'info'] as const).map(
    (s) => `${report.filter((n) => n.severity === s).length} ${s}s`,
  );
  print(`${file}: ${report.length ? `mapping report (${counts.join(', ')}):` : 'every row mapped'}`);
  for (const note of report) print(formatNote(note));
  if (!valid) {
    print('not imported: the definition has errors (above)');
    return 1;
  }
  if (!(await findInstrument(db, definition.instrument))) {
    print(`not imported: no instrument ${definition.instrument}`);
    return 1;
  }
  return db.transaction().execute(async (trx) => {
    const existing = await findQuestionnaire(trx, definition.key);
    if (existing && existing.instrument_code !== definition.instrument) {
      print(
        `not imported: ${definition.key} belongs to ${existing.instrument_code}, not ${definition.instrument}`,
      );
      return 1;
    }
    if (existing) await saveDraft(trx, definition.key, definition, null);
    else {
      await createQuestionnaire(trx, {
        key: definition.key,
        instrument: definition.instrument,
        definition,
        userId: null,
      });
    }
    print(`${definition.key}: draft ${existing ? 'replaced' : 'created'}`);
    if (options.publish) {
      const published = await publishQuestionnaire(trx, definition.key, null);
      print(`${definition.key}: published version ${published.version} (${published.contentHash})`);
    }
    return 0;
  });
}
