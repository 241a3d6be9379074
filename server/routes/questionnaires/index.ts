import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Definition, diffDefinitions } from '../../../forms/index.ts';
import { ConflictError, InputError, NotFoundError } from '../../errors.ts';
import { bodyInstrumentScope, questionnaireScope } from '../../reporting/access.ts';
import { checkedDefinition, publishQuestionnaire } from '../../reporting/questionnaires.ts';
import {
  createQuestionnaire,
  findDraft,
  findPublishedVersion,
  findQuestionnaire,
  listQuestionnaires,
  saveDraft,
} from '../../repositories/questionnaires.ts';
import { findInstrument } from '../../repositories/reference.ts';

/** Definitions of thousands of questions exceed Fastify's default 1 MB body limit. */
const definitionBodyLimit = 20 * 1024 * 1024;
const keyParam = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,99}$/);
const problemSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  code: z.string(),
  message: z.string(),
});

const questionnaireRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/questionnaires',
    {
      config: { access: { permission: 'questionnaire.read' } },
      schema: {
        tags: ['questionnaires'],
        summary: 'Every questionnaire, with its latest published version and whether a draft exists',
        querystring: z.object({ instrument: z.string().max(32).optional() }),
        response: {
          200: z.object({
            questionnaires: z.array(
              z.object({
                key: z.string(),
                instrument: z.string(),
                latestVersion: z.number().nullable(),
                hasDraft: z.boolean(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const rows = await listQuestionnaires(app.db, request.query.instrument);
      return {
        questionnaires: rows.map((row) => ({
          key: row.key,
          instrument: row.instrument_code,
          latestVersion: row.latest_version ?? null,
          hasDraft: Boolean(row.has_draft),
        })),
      };
    },
  );

  app.post(
    '/api/questionnaires',
    {
      bodyLimit: definitionBodyLimit,
      config: { access: { permission: 'questionnaire.manage', scope: bodyInstrumentScope('instrument') } },
      schema: {
        tags: ['questionnaires'],
        summary:
          'Create a questionnaire with the definition as its draft (422 lists every problem and its path)',
        body: z.record(z.string(), z.unknown()),
        response: {
          201: z.object({ key: z.string(), instrument: z.string(), warnings: z.array(problemSchema) }),
        },
      },
    },
    async (request, reply) => {
      const { definition, warnings } = checkedDefinition(request.body);
      if (!(await findInstrument(app.db, definition.instrument))) {
        throw new InputError('the instrument does not exist', [
          { in: 'body', path: ['instrument'], message: `no instrument ${definition.instrument}` },
        ]);
      }
      if (await findQuestionnaire(app.db, definition.key)) {
        throw new ConflictError(
          `a questionnaire ${definition.key} exists already: replace its draft instead`,
        );
      }
      await app.db.transaction().execute((trx) =>
        createQuestionnaire(trx, {
          key: definition.key,
          instrument: definition.instrument,
          definition,
          userId: request.actor?.userId ?? null,
        }),
      );
      return reply.status(201).send({ key: definition.key, instrument: definition.instrument, warnings });
    },
  );

  app.get(
    '/api/questionnaires/:key/draft',
    {
      config: { access: { permission: 'questionnaire.manage', scope: questionnaireScope } },
      schema: {
        tags: ['questionnaires'],
        summary: 'The draft of a questionnaire',
        params: z.object({ key: keyParam }),
        response: { 200: z.object({ key: z.string(), updatedAt: z.string(), definition: z.unknown() }) },
      },
    },
    async (request) => {
      const draft = await findDraft(app.db, request.params.key);
      if (!draft) throw new NotFoundError('draft');
      return {
        key: request.params.key,
        updatedAt: draft.updated_at.toISOString(),
        definition: draft.definition,
      };
    },
  );

  app.put(
    '/api/questionnaires/:key/draft',
    {
      bodyLimit: definitionBodyLimit,
      config: { access: { permission: 'questionnaire.manage', scope: questionnaireScope } },
      schema: {
        tags: ['questionnaires'],
        summary: 'Replace the draft of a questionnaire',
        params: z.object({ key: keyParam }),
        body: z.record(z.string(), z.unknown()),
        response: { 200: z.object({ key: z.string(), warnings: z.array(problemSchema) }) },
      },
    },
    async (request) => {
      const { key } = request.params;
      const { definition, warnings } = checkedDefinition(request.body);
      const questionnaire = await findQuestionnaire(app.db, key);
      if (!questionnaire) throw new NotFoundError('questionnaire');
      const mismatches = [
        definition.key !== key && { path: ['key'], message: `must be ${key}, the questionnaire's key` },
        definition.instrument !== questionnaire.instrument_code && {
          path: ['instrument'],
          message: `must be ${questionnaire.instrument_code}, the questionnaire's instrument`,
        },
      ].filter((m) => m !== false);
      if (mismatches.length > 0) {
        throw new InputError(
          'the definition belongs to another questionnaire',
          mismatches.map((m) => ({ in: 'body' as const, ...m })),
        );
      }
      await saveDraft(app.db, key, definition, request.actor?.userId ?? null);
      return { key, warnings };
    },
  );

  app.post(
    '/api/questionnaires/:key/publish',
    {
      config: { access: { permission: 'questionnaire.manage', scope: questionnaireScope } },
      schema: {
        tags: ['questionnaires'],
        summary: 'Freeze the draft as the next version',
        params: z.object({ key: keyParam }),
        response: { 200: z.object({ key: z.string(), version: z.number(), contentHash: z.string() }) },
      },
    },
    async (request) => {
      const { key } = request.params;
      const published = await app.db
        .transaction()
        .execute((trx) => publishQuestionnaire(trx, key, request.actor?.userId ?? null));
      return { key, version: published.version, contentHash: published.contentHash };
    },
  );

  app.get(
    '/api/questionnaires/:key/versions/:version',
    {
      config: { access: 'public' },
      schema: {
        tags: ['questionnaires'],
        summary: 'A published version of a questionnaire (immutable: cached for a year)',
        params: z.object({ key: keyParam, version: z.coerce.number().int().min(1).max(1_000_000) }),
        response: {
          200: z.object({
            key: z.string(),
            version: z.number(),
            instrument: z.string(),
            contentHash: z.string(),
            publishedAt: z.string(),
            definition: z.unknown(),
          }),
        },
      },
    },
    async (request, reply) => {
      const row = await findPublishedVersion(app.db, request.params.key, request.params.version);
      if (!row) throw new NotFoundError('questionnaire version');
      reply.header('cache-control', 'public, max-age=31536000, immutable');
      return {
        key: row.key,
        version: row.version ?? request.params.version,
        instrument: row.instrument_code,
        contentHash: row.content_hash ?? '',
        publishedAt: row.published_at?.toISOString() ?? '',
        definition: row.definition,
      };
    },
  );

  app.get(
    '/api/questionnaires/:key/diff',
    {
      config: { access: { permission: 'questionnaire.read' } },
      schema: {
        tags: ['questionnaires'],
        summary: 'What changed between two published versions, or from one to the draft (to=draft)',
        params: z.object({ key: keyParam }),
        querystring: z.object({
          from: z.coerce.number().int().min(1).max(1_000_000),
          to: z.union([z.literal('draft'), z.coerce.number().int().min(1).max(1_000_000)]),
        }),
        response: {
          200: z.object({
            key: z.string(),
            from: z.number(),
            to: z.union([z.number(), z.literal('draft')]),
            changes: z.array(z.unknown()),
          }),
        },
      },
    },
    async (request) => {
      const { key } = request.params;
      const { from, to } = request.query;
      const [older, newer] = await Promise.all([
        findPublishedVersion(app.db, key, from),
        to === 'draft' ? findDraft(app.db, key) : findPublishedVersion(app.db, key, to),
      ]);
      if (!older || !newer) throw new NotFoundError(to === 'draft' ? 'draft' : 'questionnaire version');
      const changes = diffDefinitions(older.definition as Definition, newer.definition as Definition);
      return { key, from, to, changes };
    },
  );
};

export default questionnaireRoutes;
