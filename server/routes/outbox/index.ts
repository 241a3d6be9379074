import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listOutbox } from '../../repositories/outbox.ts';

/** The e-mail outbox: what was sent, or waits, when no SMTP transport is configured. Administrators only. */
const outboxRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/outbox',
    {
      config: { access: { permission: 'outbox.read' } },
      schema: {
        tags: ['users'],
        summary: 'E-mail messages, newest first',
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(500).default(100),
          before: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
        }),
        response: {
          200: z.object({
            messages: z.array(
              z.object({
                id: z.number().int(),
                kind: z.string(),
                to: z.string(),
                subject: z.string(),
                body: z.string(),
                createdAt: z.date(),
                attempts: z.number().int(),
                sentAt: z.date().nullable(),
                lastError: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const rows = await listOutbox(app.db, { limit: request.query.limit, beforeId: request.query.before });
      return {
        messages: rows.map((row) => ({
          id: row.id,
          kind: row.kind,
          to: row.to_address,
          subject: row.subject,
          body: row.body,
          createdAt: row.created_at,
          attempts: row.attempts,
          sentAt: row.sent_at,
          lastError: row.last_error,
        })),
      };
    },
  );
};

export default outboxRoutes;
