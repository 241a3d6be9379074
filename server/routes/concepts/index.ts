import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listConcepts } from '../../repositories/catalogue.ts';

const localized = z.record(z.string(), z.string());

/** The registry of shared question meanings; public, like the published questionnaires that use them. */
const conceptRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/concepts',
    {
      config: { access: 'public' },
      schema: {
        tags: ['concepts'],
        summary: 'Every concept, with its tags and the questions of published versions that carry it',
        querystring: z.object({
          tag: z.string().max(100).optional().describe('only concepts with this tag, e.g. gbf:3 or sdg:15.5'),
        }),
        response: {
          200: z.object({
            concepts: z.array(
              z.object({
                id: z.string(),
                label: localized,
                description: localized,
                tags: z.array(z.string()),
                questions: z.array(
                  z.object({ questionnaire: z.string(), version: z.number(), itemId: z.string() }),
                ),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const concepts = await listConcepts(app.db, request.query.tag);
      return {
        concepts: concepts.map((concept) => ({
          id: concept.id,
          label: concept.label,
          description: concept.description,
          tags: concept.tags,
          questions: concept.items.map((item) => ({
            questionnaire: item.questionnaire_key,
            version: item.version ?? 0,
            itemId: item.item_id,
          })),
        })),
      };
    },
  );
};

export default conceptRoutes;
