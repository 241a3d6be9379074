import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { localize } from '../../../forms/index.ts';
import { NotFoundError } from '../../errors.ts';
import { cycleScope, reportScope } from '../../reporting/access.ts';
import { declineReopen, remindCycle, remindParty } from '../../reporting/desk-actions.ts';
import { findCycle } from '../../repositories/cycles.ts';
import { cycleTimeline, pendingReopenRequests } from '../../repositories/dashboard.ts';

const idParams = z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) });

/** The secretariat's desk: how a cycle went day by day, the requests to reopen, reminders. */
const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/cycles/:id/timeline',
    {
      config: { access: { permission: 'cycle.read', scope: cycleScope } },
      schema: {
        tags: ['cycles'],
        summary:
          "How many reports stood in each status at the end of each day (UTC), from the opening date to the close or today, with the reports' average progress and how many were complete",
        params: idParams,
        response: {
          200: z.object({
            days: z.array(
              z.object({
                day: z.iso.date(),
                notStarted: z.number(),
                inProgress: z.number(),
                submitted: z.number(),
                averagePercent: z.number(),
                complete: z.number(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const { id } = request.params;
      if (!(await findCycle(app.db, id))) throw new NotFoundError('cycle');
      return { days: await cycleTimeline(app.db, id) };
    },
  );

  app.get(
    '/api/cycles/:id/reopen-requests',
    {
      config: { access: { permission: 'cycle.manage', scope: cycleScope } },
      schema: {
        tags: ['cycles'],
        summary: 'The requests to reopen a submitted report that wait for the secretariat, oldest first',
        params: idParams,
        response: {
          200: z.object({
            requests: z.array(
              z.object({
                reportId: z.number(),
                party: z.object({ code: z.string(), name: z.string() }),
                requestedAt: z.string(),
                reason: z.string().nullable(),
                requestedBy: z.object({ name: z.string(), email: z.string() }).nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const language = request.actor?.language ?? 'en';
      const rows = await pendingReopenRequests(app.db, request.params.id);
      return {
        requests: rows.map((row) => ({
          reportId: row.id,
          party: { code: row.party_code, name: localize(row.party_name, language) },
          requestedAt: (row.reopen_requested_at as Date).toISOString(),
          reason: row.note,
          requestedBy: row.user_email === null ? null : { name: row.user_name ?? '', email: row.user_email },
        })),
      };
    },
  );

  app.post(
    '/api/reports/:id/decline-reopen',
    {
      config: { access: { permission: 'report.reopen', scope: reportScope(true) } },
      schema: {
        tags: ['reports'],
        summary: "The secretariat declines a Party's request to reopen its submitted report, saying why",
        params: idParams,
        body: z.object({ note: z.string().trim().min(1).max(2000) }),
        response: { 200: z.object({ status: z.literal('submitted'), reopenRequestedAt: z.null() }) },
      },
    },
    async (request) => {
      const actor = request.actor;
      if (!actor) throw new NotFoundError('report');
      const result = await declineReopen(app.db, request.params.id, actor, request.body.note);
      return { status: 'submitted' as const, reopenRequestedAt: result.reopenRequestedAt };
    },
  );

  app.post(
    '/api/reports/:id/remind',
    {
      config: { access: { permission: 'cycle.manage', scope: reportScope(true) } },
      schema: {
        tags: ['reports'],
        summary:
          "The secretariat reminds a Party's focal points of a report not yet submitted (one e-mail a person a day)",
        params: idParams,
        body: z.object({ message: z.string().trim().max(2000).optional() }).nullish(),
        response: { 200: z.object({ recipients: z.array(z.string()), day: z.iso.date() }) },
      },
    },
    async (request) => {
      const actor = request.actor;
      if (!actor) throw new NotFoundError('report');
      return remindParty(app.db, request.params.id, actor, request.body?.message || null);
    },
  );

  app.post(
    '/api/cycles/:id/remind',
    {
      config: { access: { permission: 'cycle.manage', scope: cycleScope } },
      schema: {
        tags: ['cycles'],
        summary: 'The secretariat reminds every Party of the cycle whose report is not submitted',
        params: idParams,
        body: z.object({ message: z.string().trim().max(2000).optional() }).nullish(),
        response: {
          200: z.object({
            reminded: z.array(z.string()),
            unreachable: z.array(z.string()),
            recipients: z.number(),
            day: z.iso.date(),
          }),
        },
      },
    },
    async (request) => {
      const actor = request.actor;
      if (!actor) throw new NotFoundError('cycle');
      return remindCycle(app.db, request.params.id, actor, request.body?.message || null);
    },
  );
};

export default dashboardRoutes;
