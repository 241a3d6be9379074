import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { UnavailableError } from '../../errors.ts';

const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Whether the server and its database answer',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async (request, reply) => {
      try {
        await sql`SELECT 1`.execute(app.db);
      } catch (error) {
        request.log.warn({ err: error }, 'health check: the database does not answer');
        reply.header('retry-after', '2');
        throw new UnavailableError();
      }
      return { status: 'ok' as const };
    },
  );
};

export default healthRoutes;
