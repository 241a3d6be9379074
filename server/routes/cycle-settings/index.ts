import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InputError, NotFoundError } from '../../errors.ts';
import { cycleScope } from '../../reporting/access.ts';
import { updateCycle } from '../../repositories/catalogue.ts';
import { findCycle } from '../../repositories/cycles.ts';

/** Changes to an open cycle: its deadline, and whether it is closed. */
const cycleSettingsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.patch(
    '/api/cycles/:id',
    {
      config: { access: { permission: 'cycle.manage', scope: cycleScope } },
      schema: {
        tags: ['cycles'],
        summary: 'Move the deadline of a cycle, or close (closed: true) or reopen (closed: false) it',
        params: z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) }),
        body: z
          .strictObject({ closesAt: z.iso.date().optional(), closed: z.boolean().optional() })
          .refine((body) => body.closesAt !== undefined || body.closed !== undefined, {
            message: 'give closesAt, closed or both',
          }),
        response: {
          200: z.object({
            id: z.number(),
            opensAt: z.iso.date(),
            closesAt: z.iso.date(),
            closedAt: z.string().nullable(),
          }),
        },
      },
    },
    async (request) => {
      const { id } = request.params;
      const cycle = await findCycle(app.db, id);
      if (!cycle) throw new NotFoundError('cycle');
      const { closesAt, closed } = request.body;
      if (closesAt !== undefined && closesAt < cycle.opens_at) {
        throw new InputError('the deadline cannot come before the opening date', [
          { in: 'body', path: ['closesAt'], message: `must be on or after ${cycle.opens_at}` },
        ]);
      }
      const row = await updateCycle(app.db, id, {
        ...(closesAt !== undefined ? { closesAt } : {}),
        ...(closed !== undefined ? { closed } : {}),
      });
      if (!row) throw new NotFoundError('cycle');
      return {
        id: row.id,
        opensAt: row.opens_at,
        closesAt: row.closes_at,
        closedAt: row.closed_at?.toISOString() ?? null,
      };
    },
  );
};

export default cycleSettingsRoutes;
