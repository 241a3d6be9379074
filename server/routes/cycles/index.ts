import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { localize } from '../../../forms/index.ts';
import { InputError, NotFoundError } from '../../errors.ts';
import { bodyInstrumentScope, cycleScope } from '../../reporting/access.ts';
import { cycleReports, findCycle, listCycles } from '../../repositories/cycles.ts';
import { findPublishedVersion } from '../../repositories/questionnaires.ts';
import { listParties } from '../../repositories/reference.ts';

const isoDate = z.iso.date();
const cycleSchema = z.object({
  id: z.number(),
  instrument: z.string(),
  title: z.string(),
  opensAt: isoDate,
  closesAt: isoDate,
  closedAt: z.string().nullable(),
  questionnaire: z.object({ key: z.string(), version: z.number() }),
});

type CycleRow = NonNullable<Awaited<ReturnType<typeof findCycle>>>;

function cycleOf(row: CycleRow) {
  return {
    id: row.id,
    instrument: row.instrument_code,
    title: row.title,
    opensAt: row.opens_at,
    closesAt: row.closes_at,
    closedAt: row.closed_at?.toISOString() ?? null,
    questionnaire: { key: row.questionnaire_key, version: row.version ?? 0 },
  };
}

const cycleRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/cycles',
    {
      config: { access: { permission: 'cycle.manage', scope: bodyInstrumentScope('instrument') } },
      schema: {
        tags: ['cycles'],
        summary: 'Open a reporting cycle: one report for each member Party, or for each of `parties`',
        body: z
          .object({
            instrument: z.string().min(1).max(32),
            questionnaire: z.string().min(1).max(100),
            version: z.number().int().min(1),
            title: z.string().trim().min(1).max(300),
            opensAt: isoDate,
            closesAt: isoDate,
            parties: z
              .array(z.string().regex(/^[A-Z]{3}$/))
              .min(1)
              .max(1000)
              .refine((codes) => new Set(codes).size === codes.length, 'a Party is listed twice')
              .optional()
              .describe(
                'the Parties that report in this cycle; every member Party of the instrument when absent',
              ),
          })
          .refine((body) => body.closesAt >= body.opensAt, {
            path: ['closesAt'],
            message: 'the deadline cannot be before the opening date',
          }),
        response: { 201: z.object({ id: z.number(), reports: z.number() }) },
      },
    },
    async (request, reply) => {
      const { body } = request;
      const version = await findPublishedVersion(app.db, body.questionnaire, body.version);
      if (!version) {
        throw new InputError('no such published questionnaire version', [
          {
            in: 'body',
            path: ['version'],
            message: `${body.questionnaire} has no published version ${body.version}`,
          },
        ]);
      }
      if (version.instrument_code !== body.instrument) {
        throw new InputError('the questionnaire belongs to another instrument', [
          {
            in: 'body',
            path: ['questionnaire'],
            message: `${body.questionnaire} is ${version.instrument_code}'s`,
          },
        ]);
      }
      if (body.parties) {
        const members = new Set((await listParties(app.db, body.instrument)).map((party) => party.code));
        const strangers = body.parties.flatMap((code, index) => (members.has(code) ? [] : [{ code, index }]));
        if (strangers.length > 0) {
          throw new InputError(
            'only member Parties of the instrument can report in its cycles',
            strangers.map(({ code, index }) => ({
              in: 'body' as const,
              path: ['parties', index],
              message: `${code} is not a member of ${body.instrument}`,
            })),
          );
        }
      }
      const created = await app.reporting.openCycle({
        instrument: body.instrument,
        questionnaireVersionId: version.id,
        title: body.title,
        opensAt: body.opensAt,
        closesAt: body.closesAt,
        userId: request.actor?.userId ?? null,
        ...(body.parties ? { parties: body.parties } : {}),
      });
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/cycles',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['cycles'],
        summary: 'The cycles the person may follow, newest first, with how many reports are submitted',
        response: {
          200: z.object({
            cycles: z.array(cycleSchema.extend({ reportCount: z.number(), submittedCount: z.number() })),
          }),
        },
      },
    },
    async (request) => {
      const roles = request.actor?.roles ?? [];
      const all = roles.some((grant) => grant.role === 'admin' || grant.role === 'analyst');
      const instruments = all
        ? null
        : roles.flatMap((grant) => (grant.role === 'secretariat' ? [grant.instrument] : []));
      const rows = await listCycles(app.db, instruments);
      return {
        cycles: rows.map((row) => ({
          ...cycleOf(row),
          reportCount: Number(row.report_count ?? 0),
          submittedCount: Number(row.submitted_count ?? 0),
        })),
      };
    },
  );

  app.get(
    '/api/cycles/:id',
    {
      config: { access: { permission: 'cycle.read', scope: cycleScope } },
      schema: {
        tags: ['cycles'],
        summary: 'A reporting cycle',
        params: z.object({ id: z.coerce.number().int().min(1) }),
        response: { 200: cycleSchema },
      },
    },
    async (request) => {
      const cycle = await findCycle(app.db, request.params.id);
      if (!cycle) throw new NotFoundError('cycle');
      return cycleOf(cycle);
    },
  );

  app.get(
    '/api/cycles/:id/reports',
    {
      config: { access: { permission: 'cycle.read', scope: cycleScope } },
      schema: {
        tags: ['cycles'],
        summary: 'Every report of a cycle: Party, status, progress, last change',
        params: z.object({ id: z.coerce.number().int().min(1) }),
        response: {
          200: z.object({
            reports: z.array(
              z.object({
                id: z.number(),
                party: z.object({ code: z.string(), name: z.string() }),
                status: z.string(),
                revision: z.number(),
                progress: z.object({ answered: z.number(), required: z.number(), percent: z.number() }),
                issueCount: z.number(),
                lastChangedAt: z.string().nullable(),
                submittedAt: z.string().nullable(),
                reopenRequestedAt: z.string().nullable(),
                publishedAt: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const language = request.actor?.language ?? 'en';
      const rows = await cycleReports(app.db, request.params.id);
      return {
        reports: rows.map((row) => ({
          id: row.id,
          party: { code: row.party_code, name: localize(row.party_name, language) },
          status: row.status,
          revision: row.revision,
          progress: row.progress,
          issueCount: row.issue_count,
          lastChangedAt: row.last_changed_at?.toISOString() ?? null,
          submittedAt: row.submitted_at?.toISOString() ?? null,
          reopenRequestedAt: row.reopen_requested_at?.toISOString() ?? null,
          publishedAt: row.published_at?.toISOString() ?? null,
        })),
      };
    },
  );
};

export default cycleRoutes;
