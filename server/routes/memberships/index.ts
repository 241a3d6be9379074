import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError } from '../../errors.ts';
import { membersOf, removeMembership } from '../../repositories/catalogue.ts';
import { findInstrument } from '../../repositories/reference.ts';

const instrumentCode = z.string().regex(/^[A-Z][A-Z0-9-]{1,31}$/, 'upper-case letters, digits or -');
const partyCode = z.string().regex(/^[A-Z]{3}$/, 'an ISO 3166-1 alpha-3 code');

/** The members of an instrument (public, like the reference data) and the end of a membership (admin). */
const membershipRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/instruments/:code/parties',
    {
      config: { access: 'public' },
      schema: {
        tags: ['reference data'],
        summary: 'The member Parties of an instrument, with the date each joined',
        params: z.object({ code: instrumentCode }),
        response: {
          200: z.object({
            instrument: z.string(),
            members: z.array(
              z.object({
                code: z.string(),
                name: z.record(z.string(), z.string()),
                region: z.string().nullable(),
                since: z.iso.date().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const { code } = request.params;
      if (!(await findInstrument(app.db, code))) throw new NotFoundError('instrument');
      return { instrument: code, members: await membersOf(app.db, code) };
    },
  );

  app.delete(
    '/api/instruments/:code/parties/:party',
    {
      config: { access: { permission: 'reference.manage' } },
      schema: {
        tags: ['reference data'],
        summary: 'End the membership of a Party (its reports stay; cycles opened later leave it out)',
        params: z.object({ code: instrumentCode, party: partyCode }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { code, party } = request.params;
      if (!(await removeMembership(app.db, code, party))) throw new NotFoundError('membership');
      return reply.status(204).send(null);
    },
  );
};

export default membershipRoutes;
