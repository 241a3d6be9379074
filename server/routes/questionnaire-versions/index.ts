import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ConflictError, NotFoundError } from '../../errors.ts';
import { questionnaireScope } from '../../reporting/access.ts';
import { listVersions } from '../../repositories/catalogue.ts';
import {
  findDraft,
  findPublishedVersion,
  findQuestionnaire,
  saveDraft,
} from '../../repositories/questionnaires.ts';

const keyParam = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,99}$/);
const versionSchema = z.object({
  version: z.number(),
  contentHash: z.string(),
  publishedAt: z.string(),
  publishedBy: z.string().nullable(),
});

type VersionRow = Awaited<ReturnType<typeof listVersions>>[number];

function versionOf(row: VersionRow) {
  return {
    version: row.version ?? 0,
    contentHash: row.content_hash ?? '',
    publishedAt: row.published_at?.toISOString() ?? '',
    publishedBy: row.published_by_name ?? null,
  };
}

/** A questionnaire with its versions, and a new draft from a published version. */
const questionnaireVersionRoutes: FastifyPluginAsyncZod = async (app) => {
  const read = { access: { permission: 'questionnaire.read' as const, scope: questionnaireScope } };

  app.get(
    '/api/questionnaires/:key',
    {
      config: read,
      schema: {
        tags: ['questionnaires'],
        summary: 'A questionnaire: its instrument, its published versions and whether a draft exists',
        params: z.object({ key: keyParam }),
        response: {
          200: z.object({
            key: z.string(),
            instrument: z.string(),
            versions: z.array(versionSchema),
            draft: z.object({ updatedAt: z.string() }).nullable(),
          }),
        },
      },
    },
    async (request) => {
      const { key } = request.params;
      const questionnaire = await findQuestionnaire(app.db, key);
      if (!questionnaire) throw new NotFoundError('questionnaire');
      const [versions, draft] = await Promise.all([listVersions(app.db, key), findDraft(app.db, key)]);
      return {
        key,
        instrument: questionnaire.instrument_code,
        versions: versions.map(versionOf),
        draft: draft ? { updatedAt: draft.updated_at.toISOString() } : null,
      };
    },
  );

  app.get(
    '/api/questionnaires/:key/versions',
    {
      config: read,
      schema: {
        tags: ['questionnaires'],
        summary: 'The published versions of a questionnaire, oldest first',
        params: z.object({ key: keyParam }),
        response: { 200: z.object({ key: z.string(), versions: z.array(versionSchema) }) },
      },
    },
    async (request) => {
      const { key } = request.params;
      return { key, versions: (await listVersions(app.db, key)).map(versionOf) };
    },
  );

  app.post(
    '/api/questionnaires/:key/draft',
    {
      config: { access: { permission: 'questionnaire.manage', scope: questionnaireScope } },
      schema: {
        tags: ['questionnaires'],
        summary: 'Start a draft from a published version (409 while a draft exists: replace it with PUT)',
        params: z.object({ key: keyParam }),
        body: z.strictObject({ fromVersion: z.number().int().min(1) }),
        response: { 201: z.object({ key: z.string(), fromVersion: z.number() }) },
      },
    },
    async (request, reply) => {
      const { key } = request.params;
      const { fromVersion } = request.body;
      const version = await findPublishedVersion(app.db, key, fromVersion);
      if (!version) throw new NotFoundError('questionnaire version');
      // Replacing a draft here would lose its edits without a word.
      if (await findDraft(app.db, key)) throw new ConflictError('the questionnaire has a draft already');
      await saveDraft(app.db, key, version.definition, request.actor?.userId ?? null);
      return reply.status(201).send({ key, fromVersion });
    },
  );
};

export default questionnaireVersionRoutes;
