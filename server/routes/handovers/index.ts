import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { publicUrl } from '../../auth/accounts.ts';
import { can } from '../../auth/policy.ts';
import { ForbiddenError, InputError, NotFoundError, WrongStateError } from '../../errors.ts';
import { handOverWriteScope } from '../../handover/access.ts';
import { describePart, validHandOverPart } from '../../handover/parts.ts';
import {
  contributorsOf,
  createHandOver,
  findHandOver,
  handOversOf,
  latestChanges,
  markHandOverDone,
  revokeHandOver,
} from '../../handover/store.ts';
import { reportScope } from '../../reporting/access.ts';
import { notifyHandOver } from '../../reporting/notifications.ts';
import { lockReport } from '../../repositories/reports.ts';

const idParams = z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) });
const person = z.object({ id: z.number(), name: z.string(), email: z.string() });
const handOverSchema = z.object({
  id: z.number(),
  contributor: person,
  sectionId: z.string(),
  loopId: z.string().nullable(),
  iterations: z.array(z.string()).nullable(),
  note: z.string().nullable(),
  handedBy: z.object({ name: z.string(), email: z.string() }).nullable(),
  at: z.string(),
  doneAt: z.string().nullable(),
});

const handOverRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/reports/:id/handovers',
    {
      config: { access: { permission: 'report.read', scope: reportScope(true) } },
      schema: {
        tags: ['hand-over'],
        summary: 'The parts of the report handed to contributors (sections, or iterations of a loop)',
        params: idParams,
        response: { 200: z.object({ handovers: z.array(handOverSchema) }) },
      },
    },
    async (request) => {
      const rows = await handOversOf(app.db, request.params.id);
      return {
        handovers: rows.map((row) => ({
          id: row.id,
          contributor: { id: row.user_id, name: row.user_name, email: row.user_email },
          sectionId: row.section_id,
          loopId: row.loop_id,
          iterations: row.iterations,
          note: row.note,
          handedBy: row.by_email === null ? null : { name: row.by_name ?? '', email: row.by_email },
          at: row.created_at.toISOString(),
          doneAt: row.done_at?.toISOString() ?? null,
        })),
      };
    },
  );

  app.get(
    '/api/reports/:id/contributors',
    {
      config: { access: { permission: 'report.hand-over', scope: reportScope(true) } },
      schema: {
        tags: ['hand-over'],
        summary:
          "The contributors of the report's Party and instrument, to hand parts to (`invited`: not accepted yet)",
        params: idParams,
        response: { 200: z.object({ contributors: z.array(person.extend({ invited: z.boolean() })) }) },
      },
    },
    async (request) => {
      const header = await app.db
        .selectFrom('reports as r')
        .innerJoin('cycles as c', 'c.id', 'r.cycle_id')
        .select(['r.party_code', 'c.instrument_code'])
        .where('r.id', '=', request.params.id)
        .executeTakeFirst();
      if (!header) throw new NotFoundError('report');
      const rows = await contributorsOf(app.db, header.instrument_code, header.party_code);
      return { contributors: rows.map(({ id, name, email, invited }) => ({ id, name, email, invited })) };
    },
  );

  app.post(
    '/api/reports/:id/handovers',
    {
      bodyLimit: 64 * 1024,
      config: { access: { permission: 'report.hand-over', scope: reportScope(true) } },
      schema: {
        tags: ['hand-over'],
        summary:
          'Hand a section, or some iterations of a loop, to a contributor of the same Party and instrument (who gets an e-mail)',
        params: idParams,
        body: z.strictObject({
          contributorId: z.number().int().min(1).max(2_147_483_647),
          sectionId: z.string().min(1).max(200),
          loopId: z.string().min(1).max(200).optional(),
          iterations: z.array(z.string().min(1).max(200)).min(1).max(10_000).optional(),
          note: z.string().trim().max(2000).optional(),
        }),
        response: { 201: z.object({ id: z.number(), at: z.string() }) },
      },
    },
    async (request, reply) => {
      const actor = request.actor;
      if (!actor) throw new NotFoundError('report');
      const body = request.body;
      const created = await app.db.transaction().execute(async (trx) => {
        const report = await lockReport(trx, request.params.id);
        if (!report) throw new NotFoundError('report');
        if (report.status === 'submitted') throw new WrongStateError('the report is submitted');
        const contributor = (await contributorsOf(trx, report.instrument_code, report.party_code)).find(
          (each) => each.id === body.contributorId,
        );
        if (!contributor) {
          throw new InputError('hand parts only to a contributor of the same Party and instrument', [
            { in: 'body', path: ['contributorId'], message: 'not a contributor of this report' },
          ]);
        }
        const { plan } = await app.reporting.plans.get(report.questionnaire_version_id);
        const part = validHandOverPart(plan, body);
        const row = await createHandOver(trx, {
          reportId: report.id,
          userId: contributor.id,
          ...part,
          note: body.note || null,
          createdBy: actor.userId,
        });
        await notifyHandOver(trx, {
          id: row.id,
          reportId: report.id,
          instrument: report.instrument_code,
          party: report.party_code,
          to: contributor.email,
          what: describePart(plan, part, contributor.language),
          note: body.note || null,
          actor,
          link: `${publicUrl(app)}/reports/${report.id}`,
        });
        return row;
      });
      reply.code(201);
      return { id: created.id, at: created.created_at.toISOString() };
    },
  );

  app.delete(
    '/api/reports/:id/handovers/:handoverId',
    {
      config: { access: { permission: 'report.hand-over', scope: reportScope(true) } },
      schema: {
        tags: ['hand-over'],
        summary: 'Revoke a hand-over: the contributor can no longer change that part',
        params: idParams.extend({ handoverId: z.coerce.number().int().min(1).max(2_147_483_647) }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const actor = request.actor;
      if (!actor) throw new NotFoundError('report');
      const revoked = await app.db.transaction().execute(async (trx) => {
        // Under the report's lock, so that a save in flight sees the hand-over either whole or gone.
        if (!(await lockReport(trx, request.params.id))) return false;
        return revokeHandOver(trx, request.params.id, request.params.handoverId, actor.userId);
      });
      if (!revoked) throw new NotFoundError('hand-over');
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/reports/:id/handovers/:handoverId/done',
    {
      config: { access: { permission: 'report.write', scope: handOverWriteScope } },
      schema: {
        tags: ['hand-over'],
        summary:
          'The contributor marks the part handed to it done (or not done again); the focal point may too',
        params: idParams.extend({ handoverId: z.coerce.number().int().min(1).max(2_147_483_647) }),
        body: z.strictObject({ done: z.boolean() }),
        response: { 200: z.object({ doneAt: z.string().nullable() }) },
      },
    },
    async (request) => {
      const actor = request.actor;
      if (!actor) throw new NotFoundError('report');
      const doneAt = await app.db.transaction().execute(async (trx) => {
        const report = await lockReport(trx, request.params.id);
        if (!report) throw new NotFoundError('report');
        if (report.status === 'submitted') throw new WrongStateError('the report is submitted');
        const handOver = await findHandOver(trx, report.id, request.params.handoverId);
        if (!handOver) throw new NotFoundError('hand-over');
        const scope = { instrument: report.instrument_code, party: report.party_code };
        if (handOver.user_id !== actor.userId && !can(actor, 'report.write', scope)) {
          throw new ForbiddenError();
        }
        return markHandOverDone(trx, handOver.id, request.body.done);
      });
      return { doneAt: doneAt?.toISOString() ?? null };
    },
  );

  app.get(
    '/api/reports/:id/contributions',
    {
      config: { access: { permission: 'report.read', scope: reportScope(true) } },
      schema: {
        tags: ['hand-over'],
        summary: 'Who last changed each answer, when, and how (edit, prefill …), from the answer history',
        params: idParams,
        response: {
          200: z.object({
            answers: z.record(
              z.string(),
              z.object({ user: person.nullable(), at: z.string(), source: z.string(), revision: z.number() }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const rows = await latestChanges(app.db, request.params.id);
      return {
        answers: Object.fromEntries(
          rows.map((row) => [
            row.item_id,
            {
              user:
                row.user_id === null
                  ? null
                  : { id: row.user_id, name: row.name ?? '', email: row.email ?? '' },
              at: row.created_at.toISOString(),
              source: row.source,
              revision: row.revision,
            },
          ]),
        ),
      };
    },
  );
};

export default handOverRoutes;
