import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AnalysisService } from '../../analysis/service.ts';
import { findAnalysedCycle } from '../../analysis/snapshots.ts';
import compareRoutes from '../compare/index.ts';
import { cycleSchema, distributionSchema, partyFilterQuery, toPartyFilter } from './schemas.ts';

const cycleParams = z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) });
const questionQuery = partyFilterQuery.extend({
  question: z.string().min(1).max(200).describe('the id of a top-level question of the cycle'),
});

/**
 * Reading across reports (docs/analysis.md): the distribution of a question's answers across the
 * Parties' submitted reports, the same question across an instrument's cycles, and (registered below)
 * the comparison of a concept across instruments. Analysts, and secretariats for their instrument.
 */
const analysisRoutes: FastifyPluginAsyncZod = async (app) => {
  const analysis = new AnalysisService(app.db, app.reporting.plans);
  const cycleScope = {
    permission: 'analysis.read' as const,
    scope: async (request: { params: unknown }) => {
      const { id } = request.params as { id: string };
      const cycle = /^\d{1,10}$/.test(id) ? await findAnalysedCycle(app.db, Number(id)) : undefined;
      return cycle ? { instrument: cycle.instrument_code } : null;
    },
  };

  app.get(
    '/api/analysis/cycles',
    {
      config: {
        access: {
          permission: 'analysis.read',
          // Without an instrument, every cycle: an analyst's view; a secretariat names its instrument.
          scope: (request) => {
            const { instrument } = request.query as { instrument?: unknown };
            return typeof instrument === 'string' ? { instrument } : {};
          },
        },
      },
      schema: {
        tags: ['analysis'],
        summary: 'The cycles that can be analysed, oldest first, with their number of submitted reports',
        querystring: z.object({ instrument: z.string().min(1).max(32).optional() }),
        response: { 200: z.object({ cycles: z.array(cycleSchema.extend({ submitted: z.number() })) }) },
      },
    },
    async (request) => {
      const cycles = await analysis.cycles(request.query.instrument);
      return { cycles: cycles.map((cycle) => ({ ...cycleOut(cycle), submitted: cycle.submitted })) };
    },
  );

  app.get(
    '/api/analysis/cycles/:id/questions',
    {
      config: { access: cycleScope },
      schema: {
        tags: ['analysis'],
        summary:
          "The questions of a cycle's questionnaire, and the Party regions and attributes to filter by",
        params: cycleParams,
        querystring: z.object({ lang: z.enum(['en', 'fr', 'es']).default('en') }),
        response: {
          200: z.object({
            cycle: cycleSchema,
            questions: z.array(
              z.object({
                id: z.string(),
                number: z.string().nullable(),
                label: z.string(),
                type: z.string(),
                section: z.string(),
                concept: z.string().nullable(),
              }),
            ),
            filters: z.object({
              regions: z.array(z.string()),
              attributes: z.record(z.string(), z.array(z.string())),
            }),
          }),
        },
      },
    },
    async (request) => {
      const found = await analysis.questions(request.params.id, request.query.lang);
      return { ...found, cycle: cycleOut(found.cycle) };
    },
  );

  app.get(
    '/api/analysis/cycles/:id/distribution',
    {
      config: { access: cycleScope },
      schema: {
        tags: ['analysis'],
        summary:
          "How the Parties answered a question in their submitted reports: counts per option, a histogram with statistics, or one of these per table cell; and each Party's answer",
        params: cycleParams,
        querystring: questionQuery,
        response: {
          200: z.object({
            cycle: cycleSchema,
            question: questionSchema(),
            questionId: z.string(),
            match: z.enum(['same', 'carried', 'concept']),
            reports: z.number(),
            distribution: distributionSchema,
            parties: z.array(
              z.object({
                code: z.string(),
                name: z.string(),
                region: z.string().nullable(),
                state: z.enum(['answered', 'unanswered', 'not-applicable']),
                value: z.unknown(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const { question, lang } = request.query;
      const found = await analysis.distribution(
        request.params.id,
        question,
        toPartyFilter(request.query),
        lang,
      );
      return { ...found, cycle: cycleOut(found.cycle) };
    },
  );

  app.get(
    '/api/analysis/cycles/:id/trend',
    {
      config: { access: cycleScope },
      schema: {
        tags: ['analysis'],
        summary:
          "The same question in every cycle of the instrument (matched by id, by the versions' carry-over, or by concept), oldest first",
        params: cycleParams,
        querystring: questionQuery,
        response: {
          200: z.object({
            cycle: cycleSchema,
            question: questionSchema(),
            points: z.array(
              z.object({
                cycle: z.object({ id: z.number(), title: z.string(), opensAt: z.string() }),
                questionId: z.string(),
                match: z.enum(['same', 'carried', 'concept']),
                reports: z.number(),
                distribution: distributionSchema,
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const { question, lang } = request.query;
      const found = await analysis.trend(request.params.id, question, toPartyFilter(request.query), lang);
      return { ...found, cycle: cycleOut(found.cycle) };
    },
  );

  await app.register(compareRoutes, { analysis });
};

function questionSchema() {
  return z.object({
    id: z.string(),
    label: z.string(),
    type: z.string(),
    multiple: z.boolean(),
    concept: z.string().nullable(),
  });
}

function cycleOut(cycle: {
  id: number;
  title: string;
  instrument_code: string;
  opens_at: string;
  closes_at: string;
  questionnaire_key: string;
  version: number | null;
}) {
  return {
    id: cycle.id,
    title: cycle.title,
    instrument: cycle.instrument_code,
    opensAt: cycle.opens_at,
    closesAt: cycle.closes_at,
    questionnaire: { key: cycle.questionnaire_key, version: cycle.version ?? 0 },
  };
}

export default analysisRoutes;
