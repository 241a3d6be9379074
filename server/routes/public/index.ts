import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  answerColumns,
  evaluateReport,
  flattenAnswers,
  localize,
  repeatRowCounts,
} from '../../../forms/index.ts';
import { NotFoundError } from '../../errors.ts';
import { reportPdf } from '../../exports/report-document.ts';
import { findPublishedReport, publishedReports } from '../../repositories/reports.ts';

const summarySchema = z.object({
  id: z.number(),
  instrument: z.string(),
  party: z.object({ code: z.string(), name: z.string() }),
  cycle: z.object({ id: z.number(), title: z.string() }),
  questionnaire: z.object({ key: z.string(), version: z.number() }),
  languages: z.array(z.string()),
  submittedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
});

const languageQuery = z.object({ lang: z.enum(['en', 'fr', 'es']).default('en') });
const idParams = z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) });

/**
 * The public portal: published reports only, as submitted (their last snapshot), for anyone. Every route
 * reads through findPublishedReport/publishedReports, which ask for a submitted report with a
 * publication date; anything else is "not found", whatever id is asked for.
 */
const publicRoutes: FastifyPluginAsyncZod = async (app) => {
  /** A published report as the public may read it: the relevant answers of its last submission. */
  async function publishedReport(id: number) {
    const row = await findPublishedReport(app.db, id);
    if (!row) throw new NotFoundError('published report');
    const { plan } = await app.reporting.plans.get(row.questionnaire_version_id);
    const answers = row.answers as Record<string, unknown>;
    const submittedOn = row.submitted_at.toISOString().slice(0, 10);
    const evaluation = evaluateReport(plan, answers, { party: row.party_code, today: submittedOn });
    // What was not relevant stays out of what the public reads, as out of exports: an answer is shown
    // when the engine finds any of its cells relevant and answered.
    const columns = answerColumns(plan, { repeatRows: repeatRowCounts(plan, answers) });
    const cells = flattenAnswers(plan, answers, evaluation, columns);
    const shownIds = new Set(
      columns.filter((column) => column.key in cells).map((column) => column.answerId),
    );
    const shown = Object.fromEntries(Object.entries(answers).filter(([answerId]) => shownIds.has(answerId)));
    return { row, plan, answers: shown, evaluation };
  }

  const summary = (
    row: {
      id: number;
      instrument_code: string;
      party_code: string;
      party_name: Record<string, string>;
      cycle_id: number;
      cycle_title: string;
      questionnaire_key: string;
      version: number | null;
      languages: unknown;
      submitted_at: Date | null;
      published_at: Date | null;
    },
    lang: string,
  ) => ({
    id: row.id,
    instrument: row.instrument_code,
    party: { code: row.party_code, name: localize(row.party_name, lang) },
    cycle: { id: row.cycle_id, title: row.cycle_title },
    questionnaire: { key: row.questionnaire_key, version: row.version ?? 0 },
    languages: Array.isArray(row.languages) ? row.languages.map(String) : [],
    submittedAt: row.submitted_at?.toISOString() ?? null,
    publishedAt: row.published_at?.toISOString() ?? null,
  });

  app.get(
    '/api/public/reports',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary: 'Every published report, newest first; by instrument, cycle or Party',
        querystring: languageQuery.extend({
          instrument: z.string().max(32).optional(),
          cycle: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
          party: z
            .string()
            .regex(/^[A-Za-z]{3}$/, 'an ISO 3166-1 alpha-3 code')
            .optional(),
        }),
        response: { 200: z.object({ reports: z.array(summarySchema) }) },
      },
    },
    async (request) => {
      const { instrument, cycle, party, lang } = request.query;
      const rows = await publishedReports(app.db, {
        ...(instrument !== undefined ? { instrument } : {}),
        ...(cycle !== undefined ? { cycle } : {}),
        ...(party !== undefined ? { party: party.toUpperCase() } : {}),
      });
      return { reports: rows.map((row) => summary(row, lang)) };
    },
  );

  app.get(
    '/api/public/reports/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary: 'A published report as submitted: its answers (relevant ones) and calculated values',
        params: idParams,
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
      const { row, answers } = await publishedReport(request.params.id);
      return {
        ...summary(row, request.query.lang),
        submittedAt: row.submitted_at.toISOString(),
        revision: row.revision,
        answers,
        calculated: row.calculated as Record<string, unknown>,
      };
    },
  );

  app.get(
    '/api/public/reports/:id/pdf',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary: 'A published report as submitted, as a PDF document in the chosen language',
        params: idParams,
        querystring: languageQuery.extend({ variant: z.enum(['full', 'short']).default('full') }),
      },
    },
    async (request, reply) => {
      const { row, plan, answers, evaluation } = await publishedReport(request.params.id);
      const name = `${row.instrument_code}-${row.party_code}-report-${row.id}`.toLowerCase();
      reply.header('content-disposition', `attachment; filename="${name}.pdf"`);
      return reply.type('application/pdf').send(
        reportPdf({
          header: { ...row, status: 'submitted' },
          answers,
          evaluation,
          plan,
          variant: request.query.variant,
          language: request.query.lang,
        }),
      );
    },
  );
};

export default publicRoutes;
