import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InputError, NotFoundError } from '../../errors.ts';
import {
  findInstrument,
  findParty,
  listInstruments,
  listParties,
  setMembership,
  upsertInstrument,
  upsertParty,
} from '../../repositories/reference.ts';

const localizedName = z
  .record(z.string().regex(/^[a-z]{2,3}$/), z.string().min(1).max(300))
  .refine((name) => Object.keys(name).length > 0, 'give the name in at least one language');
const instrumentCode = z.string().regex(/^[A-Z][A-Z0-9-]{1,31}$/, 'upper-case letters, digits or -');
const partyCode = z.string().regex(/^[A-Z]{3}$/, 'an ISO 3166-1 alpha-3 code');
const isoDate = z.iso.date();

const instrumentSchema = z.object({
  code: instrumentCode,
  name: localizedName,
  parent: instrumentCode.nullable(),
  languages: z.array(z.string()),
});
const partySchema = z.object({ code: partyCode, name: localizedName, region: z.string().nullable() });

const referenceRoutes: FastifyPluginAsyncZod = async (app) => {
  const manage = { access: { permission: 'reference.manage' as const } };

  app.get(
    '/api/instruments',
    {
      config: { access: 'public' },
      schema: {
        tags: ['reference data'],
        summary: 'Every instrument (convention, agreement, MoU)',
        response: { 200: z.object({ instruments: z.array(instrumentSchema) }) },
      },
    },
    async () => {
      const rows = await listInstruments(app.db);
      return {
        instruments: rows.map((row) => ({
          code: row.code,
          name: row.name,
          parent: row.parent_code,
          languages: row.languages,
        })),
      };
    },
  );

  app.post(
    '/api/instruments',
    {
      config: manage,
      schema: {
        tags: ['reference data'],
        summary: 'Create or update an instrument',
        body: z.object({
          code: instrumentCode,
          name: localizedName,
          parent: instrumentCode.nullish(),
          languages: z
            .array(z.enum(['en', 'fr', 'es']))
            .min(1)
            .optional(),
        }),
        response: { 201: z.object({ code: instrumentCode }) },
      },
    },
    async (request, reply) => {
      const { body } = request;
      if (body.parent && !(await findInstrument(app.db, body.parent))) {
        throw new InputError('the parent instrument does not exist', [
          { in: 'body', path: ['parent'], message: `no instrument ${body.parent}` },
        ]);
      }
      await upsertInstrument(app.db, body);
      return reply.status(201).send({ code: body.code });
    },
  );

  app.get(
    '/api/parties',
    {
      config: { access: 'public' },
      schema: {
        tags: ['reference data'],
        summary: 'Every Party, or the members of one instrument',
        querystring: z.object({ instrument: instrumentCode.optional() }),
        response: { 200: z.object({ parties: z.array(partySchema) }) },
      },
    },
    async (request) => ({ parties: await listParties(app.db, request.query.instrument) }),
  );

  app.post(
    '/api/parties',
    {
      config: manage,
      schema: {
        tags: ['reference data'],
        summary: 'Create or update a Party',
        body: z.object({ code: partyCode, name: localizedName, region: z.string().max(100).nullish() }),
        response: { 201: z.object({ code: partyCode }) },
      },
    },
    async (request, reply) => {
      await upsertParty(app.db, request.body);
      return reply.status(201).send({ code: request.body.code });
    },
  );

  app.put(
    '/api/instruments/:code/parties/:party',
    {
      config: manage,
      schema: {
        tags: ['reference data'],
        summary: 'Record that a Party is a member of an instrument',
        params: z.object({ code: instrumentCode, party: partyCode }),
        body: z.object({ since: isoDate.nullish() }).nullish(),
        response: {
          200: z.object({ instrument: instrumentCode, party: partyCode, since: isoDate.nullable() }),
        },
      },
    },
    async (request) => {
      const { code, party } = request.params;
      if (!(await findInstrument(app.db, code))) throw new NotFoundError('instrument');
      if (!(await findParty(app.db, party))) throw new NotFoundError('party');
      const since = request.body?.since ?? null;
      await setMembership(app.db, code, party, since);
      return { instrument: code, party, since };
    },
  );
};

export default referenceRoutes;
