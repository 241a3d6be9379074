import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InputError, NotFoundError, WrongStateError } from '../../errors.ts';
import { isAccepted, mediaTypeOf } from '../../files/media-type.ts';
import { deleteOrphanFiles, findReferencedFile, insertFile, readSlice } from '../../files/store.ts';
import { handOverWriteScope } from '../../handover/access.ts';
import { checkHandOver } from '../../handover/check.ts';
import { reportScope } from '../../reporting/access.ts';
import { lockReport } from '../../repositories/reports.ts';

/** The largest file any item takes, whatever its `maxSizeMB`; an item without one takes this much. */
export const maxFileMB = 50;
const sliceBytes = 256 * 1024;
/** Uploads never saved in an answer (and files of removed answers) are deleted after this long. */
const orphanHours = 24;

const idParams = z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) });
const fileAnswer = z.object({ file: z.string(), name: z.string(), size: z.number(), type: z.string() });

/** `attachment` with an ASCII fallback name and the exact one in RFC 5987 form. */
function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

const tooLarge = (limitMB: number) =>
  new InputError(
    `the file is larger than this question takes (${limitMB} MB)`,
    [{ in: 'body', path: ['file'], message: `at most ${limitMB} MB`, code: 'ORS_FILE_TOO_LARGE' }],
    413,
    'ORS_FILE_TOO_LARGE',
  );

const fileRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(multipart, { limits: { fileSize: maxFileMB * 1024 * 1024, files: 1, fields: 0 } });

  app.post(
    '/api/reports/:id/files',
    {
      config: { access: { permission: 'report.write', scope: handOverWriteScope } },
      schema: {
        tags: ['files'],
        summary:
          'Upload a file (multipart field "file") for a file question: its type is decided by content and must be one the question accepts; the answer is then saved with what this returns',
        params: idParams,
        querystring: z.object({ item: z.string().min(1).max(400) }),
        consumes: ['multipart/form-data'],
        response: { 201: fileAnswer },
      },
    },
    async (request, reply) => {
      const actor = request.actor;
      if (!actor) throw new NotFoundError('report');
      const reportId = request.params.id;
      const itemKey = request.query.item;
      const report = await app.db
        .selectFrom('reports as r')
        .innerJoin('cycles as c', 'c.id', 'r.cycle_id')
        .select(['r.id', 'r.status', 'r.party_code', 'r.questionnaire_version_id', 'c.instrument_code'])
        .where('r.id', '=', reportId)
        .executeTakeFirst();
      if (!report) throw new NotFoundError('report');
      const { plan } = await app.reporting.plans.get(report.questionnaire_version_id);
      const planned = plan.item(itemKey);
      if (planned?.item.type !== 'file' || planned.answerId === null) {
        throw new InputError('no such file question', [
          { in: 'query', path: ['item'], message: `${itemKey} is not a file question of this report` },
        ]);
      }
      const item = planned.item;
      const answerId = planned.answerId;
      await checkHandOver(app.db, {
        report: { id: report.id, instrument_code: report.instrument_code, party_code: report.party_code },
        actor,
        plan,
        touched: [{ id: answerId, oldValue: undefined, newValue: undefined }],
        pathOf: () => ['item'],
      });
      if (report.status === 'submitted') {
        throw new WrongStateError('the report is submitted: it can change only once reopened');
      }
      const limitMB = Math.min(item.maxSizeMB ?? maxFileMB, maxFileMB);
      let part: Awaited<ReturnType<typeof request.file>>;
      try {
        part = await request.file({ limits: { fileSize: Math.floor(limitMB * 1024 * 1024), files: 1 } });
      } catch (error) {
        if (
          error instanceof Error &&
          'code' in error &&
          error.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE'
        ) {
          throw new InputError('send the file as multipart/form-data', [
            { in: 'body', path: ['file'], message: 'a multipart "file" field is needed' },
          ]);
        }
        throw error;
      }
      if (part?.fieldname !== 'file') {
        throw new InputError('send the file as a multipart "file" field', [
          { in: 'body', path: ['file'], message: 'a multipart "file" field is needed' },
        ]);
      }
      let content: Buffer;
      try {
        content = await part.toBuffer();
      } catch (error) {
        if (error instanceof Error && 'code' in error && error.code === 'FST_REQ_FILE_TOO_LARGE') {
          throw tooLarge(limitMB);
        }
        throw error;
      }
      if (content.length > limitMB * 1024 * 1024) throw tooLarge(limitMB);
      const mediaType = await mediaTypeOf(content, part.mimetype);
      if (!isAccepted(mediaType, item.accept)) {
        throw new InputError(
          `this question takes ${item.accept?.join(', ')}; the file's content is ${mediaType}`,
          [{ in: 'body', path: ['file'], message: `${mediaType} is not accepted`, code: 'ORS_FILE_TYPE' }],
          415,
          'ORS_FILE_TYPE',
        );
      }
      const name = (part.filename || 'file').replace(/[\\/]/g, '_').slice(0, 255);
      const stored = await app.db.transaction().execute(async (trx) => {
        if (!(await lockReport(trx, reportId))) throw new NotFoundError('report');
        await deleteOrphanFiles(trx, reportId, orphanHours);
        return insertFile(trx, {
          reportId,
          itemKey,
          name,
          mediaType,
          sha256: createHash('sha256').update(content).digest('hex'),
          content,
          uploadedBy: actor.userId,
        });
      });
      reply.code(201);
      return { file: stored.id, name: stored.name, size: stored.size, type: stored.media_type };
    },
  );

  app.get(
    '/api/reports/:id/files/:fileId',
    {
      config: { access: { permission: 'report.read', scope: reportScope(true) } },
      schema: {
        tags: ['files'],
        summary:
          "Download a file of the report's answers (streamed); a file whose answer was removed or replaced is 404",
        params: idParams.extend({ fileId: z.uuid() }),
      },
    },
    async (request, reply) => {
      const { id, fileId } = request.params;
      const file = await findReferencedFile(app.db, id, fileId);
      if (!file) throw new NotFoundError('file');
      const db = app.db;
      const size = file.size;
      async function* slices() {
        for (let offset = 0; offset < size; offset += sliceBytes) {
          const slice = await readSlice(db, fileId, offset, sliceBytes);
          if (!slice || slice.length === 0) return;
          yield slice;
        }
      }
      return reply
        .header('content-type', file.media_type)
        .header('content-length', String(file.size))
        .header('content-disposition', contentDisposition(file.name))
        .header('cache-control', 'private, no-store')
        .header('etag', `"${file.sha256}"`)
        .send(Readable.from(slices()));
    },
  );
};

export default fileRoutes;
