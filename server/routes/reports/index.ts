import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { localize } from '../../../forms/index.ts';
import { NotFoundError } from '../../errors.ts';
import { handOverWriteScope } from '../../handover/access.ts';
import { sendAnswerConflict, sendProblem } from '../../plugins/problems.ts';
import { cyclePartyScope, reportScope } from '../../reporting/access.ts';
import { changeReportVersion } from '../../reporting/change-version.ts';
import { prefillSuggestions } from '../../reporting/prefill.ts';
import { findReportIdByCycleParty, reportHistory, reportsReadableBy } from '../../repositories/reports.ts';

const statusSchema = z.enum(['not_started', 'in_progress', 'submitted']);
const pathSchema = z.array(z.union([z.string(), z.number()]));
/** Issues, progress and calculated values exactly as the engine (forms/evaluateReport) gives them. */
const issueSchema = z.object({
  path: pathSchema,
  key: z.string(),
  itemId: z.string(),
  sectionId: z.string(),
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  message: z.string(),
});
const counts = { answered: z.number(), required: z.number(), percent: z.number(), issues: z.number() };
const progressSchema = z.object({
  ...counts,
  sections: z.record(z.string(), z.object({ ...counts, relevant: z.boolean() })),
});
const calculatedSchema = z.record(z.string(), z.unknown());
const userSchema = z.object({ id: z.number(), name: z.string(), email: z.string() }).nullable();
const idParams = z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) });

const reportSchema = z.object({
  id: z.number(),
  party: z.object({ code: z.string(), name: z.string() }),
  instrument: z.string(),
  cycle: z.object({ id: z.number(), title: z.string(), closesAt: z.string() }),
  questionnaire: z.object({ key: z.string(), version: z.number() }),
  status: statusSchema,
  revision: z.number(),
  answers: z.record(z.string(), z.unknown()),
  calculated: calculatedSchema,
  progress: progressSchema,
  issues: z.array(issueSchema),
  lastChangedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  reopenRequestedAt: z.string().nullable(),
});

const iso = (date: Date | null) => date?.toISOString() ?? null;

const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  async function readReport(id: number, language: string) {
    const { header, answers, evaluation } = await app.reporting.read(id);
    return {
      id: header.id,
      party: { code: header.party_code, name: localize(header.party_name, language) },
      instrument: header.instrument_code,
      cycle: { id: header.cycle_id, title: header.cycle_title, closesAt: header.closes_at },
      questionnaire: { key: header.questionnaire_key, version: header.version ?? 0 },
      status: header.status,
      revision: header.revision,
      answers,
      calculated: evaluation.calculated,
      progress: evaluation.progress,
      issues: evaluation.issues,
      lastChangedAt: iso(header.last_changed_at),
      submittedAt: iso(header.submitted_at),
      reopenRequestedAt: iso(header.reopen_requested_at),
    };
  }

  app.get(
    '/api/my/reports',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['reports'],
        summary: 'Every report the person can read',
        response: {
          200: z.object({
            reports: z.array(
              z.object({
                id: z.number(),
                instrument: z.string(),
                party: z.object({ code: z.string(), name: z.string() }),
                cycle: z.object({
                  id: z.number(),
                  title: z.string(),
                  opensAt: z.string(),
                  closesAt: z.string(),
                }),
                questionnaire: z.object({ key: z.string(), version: z.number() }),
                status: statusSchema,
                progress: z.object({ answered: z.number(), required: z.number(), percent: z.number() }),
                issueCount: z.number(),
                revision: z.number(),
                lastChangedAt: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const actor = request.actor;
      if (!actor) return { reports: [] };
      const rows = await reportsReadableBy(app.db, actor.roles);
      return {
        reports: rows.map((row) => ({
          id: row.id,
          instrument: row.instrument_code,
          party: { code: row.party_code, name: localize(row.party_name, actor.language) },
          cycle: { id: row.cycle_id, title: row.cycle_title, opensAt: row.opens_at, closesAt: row.closes_at },
          questionnaire: { key: row.questionnaire_key, version: row.version ?? 0 },
          status: row.status,
          progress: {
            answered: row.progress.answered,
            required: row.progress.required,
            percent: row.progress.percent,
          },
          issueCount: row.issue_count,
          revision: row.revision,
          lastChangedAt: iso(row.last_changed_at),
        })),
      };
    },
  );

  app.get(
    '/api/reports/:id',
    {
      config: { access: { permission: 'report.read', scope: reportScope(true) } },
      schema: {
        tags: ['reports'],
        summary: 'A report: its answers, and the issues, progress and calculations the engine finds',
        params: idParams,
        response: { 200: reportSchema },
      },
    },
    (request) => readReport(request.params.id, request.actor?.language ?? 'en'),
  );

  app.get(
    '/api/cycles/:id/reports/:party',
    {
      config: { access: { permission: 'report.read', scope: cyclePartyScope } },
      schema: {
        tags: ['reports'],
        summary: "A Party's report in a cycle (as GET /api/reports/:id)",
        params: z.object({
          id: z.coerce.number().int().min(1).max(2_147_483_647),
          party: z.string().length(3),
        }),
        response: { 200: reportSchema },
      },
    },
    async (request) => {
      const found = await findReportIdByCycleParty(
        app.db,
        request.params.id,
        request.params.party.toUpperCase(),
      );
      if (!found) throw new NotFoundError('report');
      return readReport(found.id, request.actor?.language ?? 'en');
    },
  );

  app.patch(
    '/api/reports/:id/answers',
    {
      bodyLimit: 5 * 1024 * 1024,
      config: { access: { permission: 'report.write', scope: handOverWriteScope } },
      schema: {
        tags: ['reports'],
        summary:
          'Autosave: set and unset answers; 409 ORS_ANSWER_CONFLICT when a question changed after baseRevision',
        params: idParams,
        body: z.strictObject({
          baseRevision: z.number().int().min(0),
          set: z.record(z.string().min(1).max(200), z.unknown()).optional(),
          unset: z.array(z.string().min(1).max(200)).max(10_000).optional(),
          saveId: z.uuid().optional(),
        }),
        response: {
          200: z.object({
            revision: z.number(),
            issues: z.array(issueSchema),
            progress: progressSchema,
            calculated: calculatedSchema,
          }),
        },
      },
    },
    async (request, reply) => {
      const actor = request.actor;
      if (!actor) throw new NotFoundError('report');
      const outcome = await app.reporting.save(request.params.id, actor, request.body);
      if (outcome.ok) return outcome.result;
      return sendAnswerConflict(reply, outcome.conflicts);
    },
  );

  const workflowResponse = z.object({
    status: statusSchema,
    revision: z.number(),
    snapshotId: z.number().optional(),
  });

  for (const [path, onBehalf, permission, summary] of [
    ['submit', false, 'report.submit', 'Submit the report (422 ORS_REPORT_INCOMPLETE while issues remain)'],
    [
      'submit-on-behalf',
      true,
      'report.submit-on-behalf',
      "The secretariat submits on a Party's behalf a report received by e-mail, as it came (issues allowed), with a note",
    ],
  ] as const) {
    app.post(
      `/api/reports/:id/${path}`,
      {
        config: { access: { permission, scope: reportScope(false) } },
        schema: {
          tags: ['reports'],
          summary,
          params: idParams,
          body: z.object({ note: z.string().trim().max(2000).optional() }).nullish(),
          response: { 200: workflowResponse },
        },
      },
      async (request, reply) => {
        const actor = request.actor;
        if (!actor) throw new NotFoundError('report');
        const note = onBehalf ? request.body?.note || null : null;
        const outcome = await app.reporting.submit(request.params.id, actor, onBehalf, note);
        if (outcome.ok) return outcome.result;
        const problem = {
          type: 'about:blank',
          status: 422,
          code: 'ORS_REPORT_INCOMPLETE',
          detail: `the report has ${outcome.issues.length} issue(s) left: see issues`,
          issues: outcome.issues,
        };
        return sendProblem(reply, problem);
      },
    );
  }

  app.post(
    '/api/reports/:id/reopen',
    {
      config: { access: { permission: 'report.reopen', scope: reportScope(true) } },
      schema: {
        tags: ['reports'],
        summary: 'The secretariat reopens a submitted report',
        params: idParams,
        body: z.object({ note: z.string().trim().max(2000).optional() }).nullish(),
        response: { 200: workflowResponse },
      },
    },
    async (request) => {
      const actor = request.actor;
      if (!actor) throw new NotFoundError('report');
      return app.reporting.reopen(request.params.id, actor, request.body?.note || null);
    },
  );

  app.post(
    '/api/reports/:id/request-reopen',
    {
      config: { access: { permission: 'report.request-reopen', scope: reportScope(true) } },
      schema: {
        tags: ['reports'],
        summary: 'The focal point asks the secretariat to reopen a submitted report',
        params: idParams,
        body: z.object({ reason: z.string().trim().min(1).max(2000) }),
        response: { 200: z.object({ status: statusSchema, reopenRequestedAt: z.string() }) },
      },
    },
    async (request) => {
      const actor = request.actor;
      if (!actor) throw new NotFoundError('report');
      return app.reporting.requestReopen(request.params.id, actor, request.body.reason);
    },
  );

  for (const [path, publish, summary] of [
    ['publish', true, 'The secretariat publishes a submitted report to the public portal'],
    ['withdraw', false, 'The secretariat withdraws a published report from the public portal'],
  ] as const) {
    app.post(
      `/api/reports/:id/${path}`,
      {
        config: { access: { permission: 'report.publish', scope: reportScope(true) } },
        schema: {
          tags: ['reports'],
          summary,
          params: idParams,
          response: { 200: z.object({ status: statusSchema, publishedAt: z.string().nullable() }) },
        },
      },
      async (request) => {
        const actor = request.actor;
        if (!actor) throw new NotFoundError('report');
        return app.reporting.publish(request.params.id, actor, publish);
      },
    );
  }

  app.get(
    '/api/reports/:id/prefill',
    {
      config: { access: { permission: 'report.read', scope: reportScope(true) } },
      schema: {
        tags: ['reports'],
        summary:
          "Answers offered for the questions not yet answered, from the Party's earlier report and its reports to other instruments (shared concepts), each with its source",
        params: idParams,
        response: {
          200: z.object({
            suggestions: z.array(
              z.object({
                id: z.string(),
                value: z.unknown(),
                kind: z.enum(['previous-cycle', 'other-instrument']),
                concept: z.string().nullable(),
                source: z.object({
                  reportId: z.number(),
                  instrument: z.string(),
                  cycle: z.object({ id: z.number(), title: z.string() }),
                  questionnaire: z.object({ key: z.string(), version: z.number() }),
                  itemId: z.string(),
                  submittedAt: z.string(),
                }),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const { header, answers } = await app.reporting.read(request.params.id);
      const { plan } = await app.reporting.plans.get(header.questionnaire_version_id);
      const suggestions = await prefillSuggestions(
        app.db,
        { id: header.id, party: header.party_code, questionnaireKey: header.questionnaire_key, answers },
        plan,
      );
      return { suggestions };
    },
  );

  const versionChangeSchema = z.object({
    from: z.object({ key: z.string(), version: z.number() }),
    to: z.object({ key: z.string(), version: z.number() }),
    changes: z.array(z.unknown()),
    carried: z.array(z.object({ from: z.string(), to: z.string() })),
    dropped: z.array(z.object({ id: z.string(), value: z.unknown(), reason: z.string() })),
    revision: z.number(),
  });
  const versionNumber = z.coerce.number().int().min(1).max(1_000_000);

  app.get(
    '/api/reports/:id/version-change',
    {
      config: { access: { permission: 'report.read', scope: reportScope(true) } },
      schema: {
        tags: ['reports'],
        summary:
          'What moving the report to another published version would do: the diff, answers carried and dropped',
        params: idParams,
        querystring: z.object({ to: versionNumber }),
        response: { 200: versionChangeSchema },
      },
    },
    async (request) => {
      const actor = request.actor;
      if (!actor) throw new NotFoundError('report');
      return changeReportVersion(app.db, app.reporting.plans, {
        reportId: request.params.id,
        actor,
        version: request.query.to,
        apply: false,
      });
    },
  );

  app.post(
    '/api/reports/:id/version-change',
    {
      config: { access: { permission: 'report.write', scope: reportScope(false) } },
      schema: {
        tags: ['reports'],
        summary: 'Move the report to another published version, carrying answers by id or renamedFrom',
        params: idParams,
        body: z.object({ version: z.number().int().min(1).max(1_000_000) }),
        response: { 200: versionChangeSchema },
      },
    },
    async (request) => {
      const actor = request.actor;
      if (!actor) throw new NotFoundError('report');
      return changeReportVersion(app.db, app.reporting.plans, {
        reportId: request.params.id,
        actor,
        version: request.body.version,
        apply: true,
      });
    },
  );

  app.get(
    '/api/reports/:id/history',
    {
      config: { access: { permission: 'report.read', scope: reportScope(true) } },
      schema: {
        tags: ['reports'],
        summary: 'Every change to the answers, and every workflow event, oldest first',
        params: idParams,
        response: {
          200: z.object({
            changes: z.array(
              z.object({
                revision: z.number(),
                itemId: z.string(),
                oldValue: z.unknown(),
                newValue: z.unknown(),
                source: z.string(),
                user: userSchema,
                at: z.string(),
              }),
            ),
            events: z.array(
              z.object({
                kind: z.string(),
                fromStatus: z.string().nullable(),
                toStatus: z.string().nullable(),
                user: userSchema,
                note: z.string().nullable(),
                at: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const { changes, events } = await reportHistory(app.db, request.params.id);
      const userOf = (row: { user_id: number | null; name: string | null; email: string | null }) =>
        row.user_id === null ? null : { id: row.user_id, name: row.name ?? '', email: row.email ?? '' };
      return {
        changes: changes.map((row) => ({
          revision: row.revision,
          itemId: row.item_id,
          oldValue: row.old_value,
          newValue: row.new_value,
          source: row.source,
          user: userOf(row),
          at: row.created_at.toISOString(),
        })),
        events: events.map((row) => ({
          kind: row.kind,
          fromStatus: row.from_status,
          toStatus: row.to_status,
          user: userOf(row),
          note: row.note,
          at: row.created_at.toISOString(),
        })),
      };
    },
  );
};

export default reportRoutes;
