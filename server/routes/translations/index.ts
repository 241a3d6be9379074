import ExcelJS from 'exceljs';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { definitionTexts } from '../../../forms/index.ts';
import { InputError, NotFoundError } from '../../errors.ts';
import { questionnaireScope } from '../../reporting/access.ts';
import { checkedDefinition } from '../../reporting/questionnaires.ts';
import { findDraft, saveDraft } from '../../repositories/questionnaires.ts';
import { readSheets } from '../../xlsform/workbook.ts';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const maxBytes = 10 * 1024 * 1024;
const keyParam = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,99}$/);
const sheetName = 'texts';

/** A raw workbook body, kept out of the JSON size guard. */
class WorkbookBody {
  readonly #bytes: Buffer;
  constructor(bytes: Buffer) {
    this.#bytes = bytes;
  }
  get bytes(): Buffer {
    return this.#bytes;
  }
}

type Json = Record<string | number, unknown>;

/** Writes `text` (or removes it when empty) in `language` at `path` of `definition`; false if no text is there. */
function setText(
  definition: Json,
  path: (string | number)[],
  language: string,
  text: string,
  fallback: string,
) {
  let holder: unknown = definition;
  for (const segment of path.slice(0, -1)) {
    if (holder === null || typeof holder !== 'object') return false;
    holder = (holder as Json)[segment];
  }
  const field = path.at(-1);
  if (holder === null || typeof holder !== 'object' || field === undefined) return false;
  const current = (holder as Json)[field];
  const texts: Record<string, string> =
    typeof current === 'string'
      ? { [fallback]: current }
      : { ...((current ?? {}) as Record<string, string>) };
  if ((texts[language] ?? '') === text) return false;
  if (text === '') delete texts[language];
  else texts[language] = text;
  (holder as Json)[field] = texts;
  return true;
}

const segmentsOf = (path: string) =>
  path.split('/').map((part) => (/^\d+$/.test(part) ? Number(part) : part));

/** Every text of a draft in every language as a spreadsheet, and the same spreadsheet read back. */
const translationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addContentTypeParser(xlsxType, { parseAs: 'buffer', bodyLimit: maxBytes }, (_request, body, done) => {
    done(null, new WorkbookBody(body as Buffer));
  });
  const access = { access: { permission: 'questionnaire.manage' as const, scope: questionnaireScope } };

  app.get(
    '/api/questionnaires/:key/draft/translations',
    {
      config: access,
      schema: {
        tags: ['questionnaires'],
        summary:
          'Every text of the draft in every language, one row per text (path, id, field, then a column per language), as .xlsx',
        params: z.object({ key: keyParam }),
        produces: [xlsxType],
      },
    },
    async (request, reply) => {
      const draft = await findDraft(app.db, request.params.key);
      if (!draft) throw new NotFoundError('draft');
      const definition = draft.definition as { languages: string[]; defaultLanguage: string };
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet(sheetName);
      sheet.addRow(['path', 'id', 'field', ...definition.languages]);
      sheet.getRow(1).font = { bold: true };
      for (const { path, texts } of definitionTexts(definition, definition.defaultLanguage)) {
        const owner = path
          .slice(0, -1)
          .reduce<unknown>((node, segment) => (node as Json | undefined)?.[segment], definition);
        const id =
          (owner as { id?: unknown; value?: unknown } | undefined)?.id ??
          (owner as { value?: unknown })?.value ??
          '';
        sheet.addRow([
          path.join('/'),
          String(id),
          String(path.at(-1)),
          ...definition.languages.map((l) => texts[l] ?? ''),
        ]);
      }
      sheet.columns.forEach((column, i) => {
        column.width = i < 3 ? 24 : 48;
      });
      const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
      return reply
        .type(xlsxType)
        .header('content-disposition', `attachment; filename="${request.params.key}-texts.xlsx"`)
        .send(bytes);
    },
  );

  app.put(
    '/api/questionnaires/:key/draft/translations',
    {
      bodyLimit: maxBytes,
      config: access,
      schema: {
        tags: ['questionnaires'],
        summary:
          'Apply the texts of a spreadsheet as GET gives it (an empty cell removes that language) to the draft; 422 if the draft no longer checks',
        params: z.object({ key: keyParam }),
        consumes: [xlsxType],
        response: { 200: z.object({ key: z.string(), updated: z.number() }) },
      },
    },
    async (request) => {
      const { key } = request.params;
      if (!(request.body instanceof WorkbookBody)) {
        throw new InputError('send the spreadsheet as an .xlsx body', [
          { in: 'body', path: [], message: `a ${xlsxType} body` },
        ]);
      }
      const draft = await findDraft(app.db, key);
      if (!draft) throw new NotFoundError('draft');
      let sheets: Awaited<ReturnType<typeof readSheets>>;
      try {
        sheets = await readSheets(request.body.bytes);
      } catch {
        throw new InputError(
          'not a spreadsheet',
          [{ in: 'body', path: [], message: 'an .xlsx workbook' }],
          400,
        );
      }
      const rows = sheets[sheetName];
      const header = rows?.[0]?.map((cell) => String(cell ?? '').trim());
      if (!rows || !header || header[0] !== 'path') {
        throw new InputError(`the workbook has no "${sheetName}" sheet starting with a "path" column`, [
          { in: 'body', path: [sheetName], message: 'a sheet as GET gives it' },
        ]);
      }
      const definition = structuredClone(draft.definition) as Json & {
        languages: string[];
        defaultLanguage: string;
      };
      const known = new Set(
        definitionTexts(definition, definition.defaultLanguage).map((t) => t.path.join('/')),
      );
      const languages = header
        .map((name, i) => ({ name, i }))
        .filter(({ name, i }) => i >= 3 && definition.languages.includes(name));
      const problems: { in: 'body'; path: (string | number)[]; message: string }[] = [];
      let updated = 0;
      rows.slice(1).forEach((row, r) => {
        const path = String(row[0] ?? '').trim();
        if (path === '') return;
        if (!known.has(path)) {
          problems.push({ in: 'body', path: [sheetName, r + 2], message: `no text at ${path} in the draft` });
          return;
        }
        for (const { name, i } of languages) {
          const text = row[i] === null || row[i] === undefined ? '' : String(row[i]);
          if (setText(definition, segmentsOf(path), name, text, definition.defaultLanguage)) updated++;
        }
      });
      if (problems.length > 0)
        throw new InputError('the spreadsheet names texts the draft does not have', problems);
      const { definition: checked } = checkedDefinition(definition);
      await saveDraft(app.db, key, checked, request.actor?.userId ?? null);
      return { key, updated };
    },
  );
};

export default translationRoutes;
