import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { evaluateReport, localize } from '../../../forms/index.ts';
import { NotFoundError } from '../../errors.ts';
import { findPublishedReport, publishedReports } from '../../repositories/reports.ts';

const summarySchema = z.object({
  id: z.number(),
  instrument: z.string(),
  party: z.object({ code: z.string(), name: z.string() }),
  cycle: z.object({ id: z.number(), title: z.string() }),
  questionnaire: z.object({ key: z.string(), version: z.number() }),
  submittedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
});

const languageQuery = z.object({ lang: z.enum(['en', 'fr', 'es']).default('en') });

/** The public portal: published reports only, as submitted (their last snapshot), for anyone. */
const publicRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/public/reports',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary: 'Every published report, newest first',
        querystring: languageQuery.extend({ instrument: z.string().max(32).optional() }),
        response: { 200: z.object({ reports: z.array(summarySchema) }) },
      },
    },
    async (request) => {
      const rows = await publishedReports(app.db, request.query.instrument);
      return {
        reports: rows.map((row) => ({
          id: row.id,
          instrument: row.instrument_code,
          party: { code: row.party_code, name: localize(row.party_name, request.query.lang) },
          cycle: { id: row.cycle_id, title: row.cycle_title },
          questionnaire: { key: row.questionnaire_key, version: row.version ?? 0 },
          submittedAt: row.submitted_at?.toISOString() ?? null,
          publishedAt: row.published_at?.toISOString() ?? null,
        })),
      };
    },
  );

  app.get(
    '/api/public/reports/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary: 'A published report as submitted: its answers (relevant ones) and calculated values',
        params: z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) }),
        querystring: languageQuery,
        response: {
          200: summarySchema.extend({
            revision: z.number(),
            answers: z.record(z.string(), z.unknown()),
            calculated: z.record(z.string(), z.unknown()),
          }),
        },
      },
    },
    async (request) => {
      const row = await findPublishedReport(app.db, request.params.id);
      if (!row) throw new NotFoundError('published report');
      const { plan } = await app.reporting.plans.get(row.questionnaire_version_id);
      const answers = row.answers as Record<string, unknown>;
      // What was not relevant stays out of what the public reads, as out of exports.
      const irrelevant = new Set(evaluateReport(plan, answers, { party: row.party_code }).irrelevant);
      const shown = Object.fromEntries(Object.entries(answers).filter(([id]) => !irrelevant.has(id)));
      return {
        id: row.id,
        instrument: row.instrument_code,
        party: { code: row.party_code, name: localize(row.party_name, request.query.lang) },
        cycle: { id: row.cycle_id, title: row.cycle_title },
        questionnaire: { key: row.questionnaire_key, version: row.version ?? 0 },
        submittedAt: row.submitted_at.toISOString(),
        publishedAt: row.published_at?.toISOString() ?? null,
        revision: row.revision,
        answers: shown,
        calculated: row.calculated as Record<string, unknown>,
      };
    },
  );
};

export default publicRoutes;
