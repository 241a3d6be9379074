import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Definition } from '../../../forms/index.ts';
import type { Scope } from '../../auth/policy.ts';
import { ConflictError, InputError, NotFoundError } from '../../errors.ts';
import { questionnaireScope } from '../../reporting/access.ts';
import {
  createQuestionnaire,
  findDraft,
  findPublishedVersion,
  findQuestionnaire,
} from '../../repositories/questionnaires.ts';
import { findInstrument } from '../../repositories/reference.ts';
import { exportXlsForm, importXlsForm, type MappingNote, XlsFormReadError } from '../../xlsform/index.ts';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const maxBytes = 10 * 1024 * 1024;
const keyParam = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,99}$/);

const noteSchema = z.object({
  sheet: z.string(),
  row: z.number(),
  column: z.string().optional(),
  reason: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
});

const importQuery = z.object({
  instrument: z.string().min(1).max(50),
  key: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,99}$/)
    .optional(),
});

/** A raw workbook body, its bytes hidden from the JSON size guard (which would walk every byte). */
class WorkbookBody {
  readonly #bytes: Buffer;
  constructor(bytes: Buffer) {
    this.#bytes = bytes;
  }
  get bytes(): Buffer {
    return this.#bytes;
  }
}

// Runs before validation: the instrument the workbook is imported for, from the raw query string.
function queryInstrumentScope(request: FastifyRequest): Scope {
  const instrument = (request.query as Record<string, unknown> | undefined)?.instrument;
  return typeof instrument === 'string' ? { instrument } : {};
}

/** The uploaded workbook and its file name: a multipart `file` field or a raw .xlsx body. */
async function uploadedWorkbook(request: FastifyRequest): Promise<{ bytes: Buffer; fileName?: string }> {
  if (request.body instanceof WorkbookBody) return { bytes: request.body.bytes };
  if (request.isMultipart()) {
    const file = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
    if (file) return { bytes: await file.toBuffer(), fileName: file.filename.replace(/\.xlsx$/i, '') };
  }
  throw new InputError('send the workbook as a multipart "file" field or as an .xlsx body', [
    { in: 'body', path: [], message: `a multipart upload or a ${xlsxType} body` },
  ]);
}

async function readWorkbook(request: FastifyRequest, options: { instrument: string; key?: string }) {
  const { bytes, fileName } = await uploadedWorkbook(request);
  try {
    return await importXlsForm(bytes, { ...options, ...(fileName ? { fileName } : {}) });
  } catch (error) {
    if (error instanceof XlsFormReadError) {
      throw new InputError(
        error.message,
        [{ in: 'body', path: [], message: error.message }],
        400,
        'ORS_NOT_A_WORKBOOK',
      );
    }
    throw error;
  }
}

const asProblems = (report: MappingNote[]) =>
  report
    .filter((note) => note.severity === 'error')
    .map((note) => ({
      in: 'body' as const,
      path: [note.sheet, note.row, ...(note.column ? [note.column] : [])],
      message: note.reason,
    }));

function sendWorkbook(reply: FastifyReply, bytes: Buffer, name: string) {
  return reply
    .type(xlsxType)
    .header('content-disposition', `attachment; filename="${name}.xlsx"`)
    .send(bytes);
}

/** Spreadsheet (XLSForm) questionnaires: import a workbook as a draft, convert one, download a version. */
const xlsformRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(multipart, { limits: { fileSize: maxBytes, files: 1 } });
  app.addContentTypeParser(xlsxType, { parseAs: 'buffer', bodyLimit: maxBytes }, (_request, body, done) => {
    done(null, new WorkbookBody(body as Buffer));
  });
  const upload = {
    tags: ['questionnaires'],
    consumes: ['multipart/form-data', xlsxType],
    querystring: importQuery,
  };

  app.post(
    '/api/questionnaires/import/xlsform',
    {
      bodyLimit: maxBytes,
      config: { access: { permission: 'questionnaire.manage', scope: queryInstrumentScope } },
      schema: {
        ...upload,
        summary:
          'Create a questionnaire from an XLSForm workbook (survey, choices, settings) as its draft; the report lists every row or cell that could not be mapped',
        response: { 201: z.object({ key: z.string(), instrument: z.string(), report: z.array(noteSchema) }) },
      },
    },
    async (request, reply) => {
      const { instrument, key } = request.query;
      const { definition, report, valid } = await readWorkbook(request, {
        instrument,
        ...(key ? { key } : {}),
      });
      if (!valid) throw new InputError('the workbook does not give a valid definition', asProblems(report));
      if (!(await findInstrument(app.db, instrument))) {
        throw new InputError('the instrument does not exist', [
          { in: 'query', path: ['instrument'], message: `no instrument ${instrument}` },
        ]);
      }
      if (await findQuestionnaire(app.db, definition.key)) {
        throw new ConflictError(`a questionnaire ${definition.key} exists already: import under another key`);
      }
      await app.db.transaction().execute((trx) =>
        createQuestionnaire(trx, {
          key: definition.key,
          instrument,
          definition,
          userId: request.actor?.userId ?? null,
        }),
      );
      return reply.status(201).send({ key: definition.key, instrument, report });
    },
  );

  app.post(
    '/api/xlsform/convert',
    {
      bodyLimit: maxBytes,
      config: { access: { permission: 'questionnaire.manage', scope: queryInstrumentScope } },
      schema: {
        ...upload,
        summary: 'Convert an XLSForm workbook to a definition without saving it, with the mapping report',
        response: {
          200: z.object({ definition: z.unknown(), valid: z.boolean(), report: z.array(noteSchema) }),
        },
      },
    },
    async (request) => {
      const { instrument, key } = request.query;
      return readWorkbook(request, { instrument, ...(key ? { key } : {}) });
    },
  );

  app.get(
    '/api/questionnaires/:key/versions/:version/xlsform',
    {
      // As the version itself: a published version is public.
      config: { access: 'public' },
      schema: {
        tags: ['questionnaires'],
        summary: 'A published version as an XLSForm workbook',
        params: z.object({ key: keyParam, version: z.coerce.number().int().min(1).max(1_000_000) }),
        produces: [xlsxType],
      },
    },
    async (request, reply) => {
      const { key, version } = request.params;
      const row = await findPublishedVersion(app.db, key, version);
      if (!row) throw new NotFoundError('questionnaire version');
      const bytes = await exportXlsForm(row.definition as Definition);
      reply.header('cache-control', 'public, max-age=31536000, immutable');
      return sendWorkbook(reply, bytes, `${key}-v${version}`);
    },
  );

  app.get(
    '/api/questionnaires/:key/draft/xlsform',
    {
      config: { access: { permission: 'questionnaire.manage', scope: questionnaireScope } },
      schema: {
        tags: ['questionnaires'],
        summary: 'The draft of a questionnaire as an XLSForm workbook',
        params: z.object({ key: keyParam }),
        produces: [xlsxType],
      },
    },
    async (request, reply) => {
      const draft = await findDraft(app.db, request.params.key);
      if (!draft) throw new NotFoundError('draft');
      return sendWorkbook(
        reply,
        await exportXlsForm(draft.definition as Definition),
        `${request.params.key}-draft`,
      );
    },
  );
};

export default xlsformRoutes;
