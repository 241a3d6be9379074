import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AnalysisService } from '../../analysis/service.ts';
import { can } from '../../auth/policy.ts';
import { partyFilterQuery, toPartyFilter } from '../analysis/schemas.ts';

const instrumentList = z
  .string()
  .max(400)
  .regex(
    /^[A-Za-z][A-Za-z0-9-]{0,31}(,[A-Za-z][A-Za-z0-9-]{0,31})*$/,
    'instrument codes separated by commas',
  );

/**
 * GET /api/compare: a concept's (or a target tag's) answers of every Party in every instrument, side by
 * side. Without `instrument`, every instrument is compared, which only an analyst may read; a
 * secretariat names its own.
 */
const compareRoutes: FastifyPluginAsyncZod<{ analysis: AnalysisService }> = async (app, { analysis }) => {
  app.get(
    '/api/compare',
    {
      config: {
        access: {
          permission: 'analysis.read',
          scope: async (request) => {
            const { instrument } = request.query as { instrument?: unknown };
            const codes =
              typeof instrument === 'string' && instrumentList.safeParse(instrument).success
                ? instrument.split(',').map((code) => code.toUpperCase())
                : (await app.db.selectFrom('instruments').select('code').execute()).map((row) => row.code);
            return codes.map((code) => ({ instrument: code }));
          },
        },
      },
      schema: {
        tags: ['analysis'],
        summary:
          "For a concept or a target tag (gbf:3), every Party's answers in every instrument and cycle that asks it, side by side",
        querystring: partyFilterQuery
          .extend({
            concept: z.string().min(1).max(200).optional(),
            tag: z.string().min(1).max(100).optional(),
            instrument: instrumentList.optional().describe('only these instruments, e.g. CMS,AEWA'),
          })
          .refine((query) => (query.concept === undefined) !== (query.tag === undefined), {
            message: 'give either concept or tag',
            path: ['concept'],
          }),
        response: {
          200: z.object({
            concepts: z.array(z.object({ id: z.string(), label: z.string(), tags: z.array(z.string()) })),
            columns: z.array(
              z.object({
                concept: z.string(),
                instrument: z.string(),
                cycle: z.object({ id: z.number(), title: z.string(), opensAt: z.string() }),
                questionnaire: z.string(),
                version: z.number(),
                itemId: z.string(),
                label: z.string(),
                type: z.string(),
                options: z.array(z.object({ value: z.string(), label: z.string() })).nullable(),
              }),
            ),
            rows: z.array(
              z.object({
                party: z.object({ code: z.string(), name: z.string(), region: z.string().nullable() }),
                cells: z.array(z.unknown()),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const { concept, tag, instrument, lang } = request.query;
      const wanted = instrument ? new Set(instrument.toUpperCase().split(',')) : null;
      const actor = request.actor;
      return analysis.compare(
        { ...(concept !== undefined ? { concept } : {}), ...(tag !== undefined ? { tag } : {}) },
        toPartyFilter(request.query),
        lang,
        (code) => (wanted === null || wanted.has(code)) && can(actor, 'analysis.read', { instrument: code }),
      );
    },
  );
};

export default compareRoutes;
