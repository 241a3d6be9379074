import type { FastifyInstance } from 'fastify';
import { bearerFor } from '../../helpers/auth.ts';
import { openTestCycle, seedReference } from '../../helpers/reporting.ts';
import type { DeclaredRoute } from './app-with-probe.ts';

/**
 * Every route × every role, checked against the rules of docs/security.md. The route list comes from
 * the app itself: a route added without a line in `expectations` below fails this test.
 *
 * The resource of every request belongs to France in CMS. "Own" roles hold that scope; the others hold
 * the same role on another Party or instrument.
 */
export const subjects = [
  'anonymous',
  'admin',
  'analyst',
  'secretariat:CMS',
  'secretariat:AEWA',
  'focal_point:FRA:CMS',
  'focal_point:DEU:CMS',
  'focal_point:FRA:AEWA',
  'contributor:FRA:CMS',
  'contributor:DEU:CMS',
] as const;
export type Subject = (typeof subjects)[number];
export type Allowed = 'everyone' | 'signed-in' | Subject[];

export interface Variant {
  /** What this request is about (e.g. the report's state). */
  case: string;
  url: string;
  body?: unknown;
  allowed: Allowed;
}

export interface Fixture {
  cycleId: number;
  submittedCycleId: number;
  draftReport: number;
  submittedReport: number;
  questionnaire: string;
  userId: number;
  tokenId: number;
}

const own = {
  secretariat: 'secretariat:CMS',
  focalPoint: 'focal_point:FRA:CMS',
  contributor: 'contributor:FRA:CMS',
} as const;
const admin: Subject[] = ['admin'];
const nobody: Subject[] = [];

/** Who may read a report: its Party's people and the instrument's secretariat; analysts once submitted. */
function reportReads(draftUrl: string, submittedUrl: string): Variant[] {
  return [
    { case: 'draft', url: draftUrl, allowed: [own.secretariat, own.focalPoint, own.contributor] },
    {
      case: 'submitted',
      url: submittedUrl,
      allowed: [own.secretariat, own.focalPoint, own.contributor, 'analyst'],
    },
  ];
}

/** The same rule whatever the report's state. */
function bothStates(f: Fixture, path: string, allowed: Subject[], body?: unknown): Variant[] {
  return [
    { case: 'draft', url: `/api/reports/${f.draftReport}${path}`, allowed, body },
    { case: 'submitted', url: `/api/reports/${f.submittedReport}${path}`, allowed, body },
  ];
}

export const expectations = (f: Fixture): Record<string, Variant[]> => ({
  'GET /health': [{ case: '', url: '/health', allowed: 'everyone' }],

  // Identity (docs/security.md, "Accounts")
  'POST /api/auth/login': [{ case: '', url: '/api/auth/login', allowed: 'everyone' }],
  'POST /api/auth/logout': [{ case: '', url: '/api/auth/logout', allowed: 'everyone' }],
  'GET /api/auth/me': [{ case: '', url: '/api/auth/me', allowed: 'signed-in' }],
  'PATCH /api/auth/me': [{ case: '', url: '/api/auth/me', allowed: 'signed-in' }],
  'POST /api/auth/password': [{ case: '', url: '/api/auth/password', allowed: 'signed-in' }],
  'POST /api/auth/password-reset': [{ case: '', url: '/api/auth/password-reset', allowed: 'everyone' }],
  'POST /api/auth/password-reset/confirm': [
    { case: '', url: '/api/auth/password-reset/confirm', allowed: 'everyone' },
  ],
  'POST /api/auth/tokens': [{ case: '', url: '/api/auth/tokens', allowed: 'signed-in' }],
  'GET /api/auth/tokens': [{ case: '', url: '/api/auth/tokens', allowed: 'signed-in' }],
  'DELETE /api/auth/tokens/:id': [{ case: '', url: `/api/auth/tokens/${f.tokenId}`, allowed: 'signed-in' }],
  'POST /api/invitations': [
    {
      case: 'a contributor of France in CMS',
      url: '/api/invitations',
      body: { roles: ['contributor:FRA:CMS'] },
      allowed: ['admin', own.focalPoint],
    },
    {
      case: 'a focal point',
      url: '/api/invitations',
      body: { roles: ['focal_point:FRA:CMS'] },
      allowed: admin,
    },
    {
      case: 'a contributor and a secretariat at once',
      url: '/api/invitations',
      body: { roles: ['contributor:FRA:CMS', 'secretariat:CMS'] },
      allowed: admin,
    },
  ],
  'POST /api/invitations/accept': [{ case: '', url: '/api/invitations/accept', allowed: 'everyone' }],
  'GET /api/users': [{ case: '', url: '/api/users', allowed: admin }],
  'POST /api/users': [{ case: '', url: '/api/users', allowed: admin }],
  'PATCH /api/users/:id': [{ case: '', url: `/api/users/${f.userId}`, allowed: admin }],
  'GET /api/outbox': [{ case: '', url: '/api/outbox', allowed: admin }],

  // Reference data
  'GET /api/instruments': [{ case: '', url: '/api/instruments', allowed: 'everyone' }],
  'POST /api/instruments': [{ case: '', url: '/api/instruments', allowed: admin }],
  'GET /api/parties': [{ case: '', url: '/api/parties', allowed: 'everyone' }],
  'POST /api/parties': [{ case: '', url: '/api/parties', allowed: admin }],
  'PUT /api/instruments/:code/parties/:party': [
    { case: '', url: '/api/instruments/CMS/parties/FRA', allowed: admin },
  ],
  'GET /api/instruments/:code/parties': [
    { case: '', url: '/api/instruments/CMS/parties', allowed: 'everyone' },
  ],
  'DELETE /api/instruments/:code/parties/:party': [
    { case: '', url: '/api/instruments/AEWA/parties/KEN', allowed: admin },
  ],
  'GET /api/concepts': [{ case: '', url: '/api/concepts', allowed: 'everyone' }],

  // Questionnaires
  'GET /api/questionnaires': [{ case: '', url: '/api/questionnaires', allowed: 'signed-in' }],
  'POST /api/questionnaires': [
    { case: 'for CMS', url: '/api/questionnaires', body: { instrument: 'CMS' }, allowed: [own.secretariat] },
  ],
  'GET /api/questionnaires/:key': [
    { case: '', url: `/api/questionnaires/${f.questionnaire}`, allowed: 'signed-in' },
  ],
  'GET /api/questionnaires/:key/versions': [
    { case: '', url: `/api/questionnaires/${f.questionnaire}/versions`, allowed: 'signed-in' },
  ],
  'POST /api/questionnaires/:key/draft': [
    { case: '', url: `/api/questionnaires/${f.questionnaire}/draft`, allowed: [own.secretariat] },
  ],
  'GET /api/questionnaires/:key/draft': [
    { case: '', url: `/api/questionnaires/${f.questionnaire}/draft`, allowed: [own.secretariat] },
  ],
  'PUT /api/questionnaires/:key/draft': [
    { case: '', url: `/api/questionnaires/${f.questionnaire}/draft`, allowed: [own.secretariat] },
  ],
  'POST /api/questionnaires/:key/publish': [
    { case: '', url: `/api/questionnaires/${f.questionnaire}/publish`, allowed: [own.secretariat] },
  ],
  'GET /api/questionnaires/:key/versions/:version': [
    { case: 'published', url: `/api/questionnaires/${f.questionnaire}/versions/1`, allowed: 'everyone' },
  ],
  'POST /api/questionnaires/import/xlsform': [
    { case: 'for CMS', url: '/api/questionnaires/import/xlsform?instrument=CMS', allowed: [own.secretariat] },
  ],
  'POST /api/xlsform/convert': [
    { case: 'for CMS', url: '/api/xlsform/convert?instrument=CMS', allowed: [own.secretariat] },
  ],
  'GET /api/questionnaires/:key/versions/:version/xlsform': [
    {
      case: 'published',
      url: `/api/questionnaires/${f.questionnaire}/versions/1/xlsform`,
      allowed: 'everyone',
    },
  ],
  'GET /api/questionnaires/:key/draft/xlsform': [
    { case: '', url: `/api/questionnaires/${f.questionnaire}/draft/xlsform`, allowed: [own.secretariat] },
  ],
  'GET /api/questionnaires/:key/diff': [
    { case: '', url: `/api/questionnaires/${f.questionnaire}/diff?from=1&to=1`, allowed: 'signed-in' },
  ],

  // Cycles: their lists of every Party's report are the secretariat's (and staff's) desk.
  'POST /api/cycles': [
    { case: 'for CMS', url: '/api/cycles', body: { instrument: 'CMS' }, allowed: [own.secretariat] },
  ],
  'GET /api/cycles': [{ case: '', url: '/api/cycles', allowed: 'signed-in' }],
  'GET /api/cycles/:id': [
    { case: '', url: `/api/cycles/${f.cycleId}`, allowed: ['admin', 'analyst', own.secretariat] },
  ],
  'PATCH /api/cycles/:id': [{ case: '', url: `/api/cycles/${f.cycleId}`, allowed: [own.secretariat] }],
  'GET /api/cycles/:id/reports': [
    { case: '', url: `/api/cycles/${f.cycleId}/reports`, allowed: ['admin', 'analyst', own.secretariat] },
  ],
  // The instrument's secretariat exports every report, an analyst the submitted ones (cycle.export).
  'GET /api/cycles/:id/export': [
    { case: '', url: `/api/cycles/${f.cycleId}/export`, allowed: ['analyst', own.secretariat] },
  ],

  // Reports
  'GET /api/my/reports': [{ case: '', url: '/api/my/reports', allowed: 'signed-in' }],
  'GET /api/reports/:id': reportReads(`/api/reports/${f.draftReport}`, `/api/reports/${f.submittedReport}`),
  'GET /api/cycles/:id/reports/:party': reportReads(
    `/api/cycles/${f.cycleId}/reports/FRA`,
    `/api/cycles/${f.submittedCycleId}/reports/FRA`,
  ),
  'GET /api/reports/:id/history': reportReads(
    `/api/reports/${f.draftReport}/history`,
    `/api/reports/${f.submittedReport}/history`,
  ),
  // The state rule of writes is the service's (409 ORS_WRONG_STATE), checked under the report's lock.
  // A contributor writes nothing until hand-over (issue 7) says what was handed to it.
  'PATCH /api/reports/:id/answers': bothStates(f, '/answers', [own.focalPoint]),
  'POST /api/reports/:id/submit': bothStates(f, '/submit', [own.focalPoint]),
  'POST /api/reports/:id/submit-on-behalf': bothStates(f, '/submit-on-behalf', [own.secretariat]),
  'POST /api/reports/:id/reopen': [
    { case: 'draft', url: `/api/reports/${f.draftReport}/reopen`, allowed: nobody },
    { case: 'submitted', url: `/api/reports/${f.submittedReport}/reopen`, allowed: [own.secretariat] },
  ],
  // Prefill offers the Party's submitted answers (snapshots), never another report's draft.
  'GET /api/reports/:id/prefill': reportReads(
    `/api/reports/${f.draftReport}/prefill`,
    `/api/reports/${f.submittedReport}/prefill`,
  ),
  'GET /api/reports/:id/export': reportReads(
    `/api/reports/${f.draftReport}/export`,
    `/api/reports/${f.submittedReport}/export`,
  ),
  'GET /api/reports/:id/version-change': reportReads(
    `/api/reports/${f.draftReport}/version-change?to=1`,
    `/api/reports/${f.submittedReport}/version-change?to=1`,
  ),
  'POST /api/reports/:id/version-change': bothStates(f, '/version-change', [own.focalPoint]),
  'POST /api/reports/:id/publish': [
    { case: 'draft', url: `/api/reports/${f.draftReport}/publish`, allowed: nobody },
    { case: 'submitted', url: `/api/reports/${f.submittedReport}/publish`, allowed: [own.secretariat] },
  ],
  'POST /api/reports/:id/withdraw': [
    { case: 'draft', url: `/api/reports/${f.draftReport}/withdraw`, allowed: nobody },
    { case: 'submitted', url: `/api/reports/${f.submittedReport}/withdraw`, allowed: [own.secretariat] },
  ],

  // The public portal: published reports only (the service answers 404 for any other).
  'GET /api/public/reports': [{ case: '', url: '/api/public/reports', allowed: 'everyone' }],
  'GET /api/public/reports/:id': [
    { case: '', url: `/api/public/reports/${f.submittedReport}`, allowed: 'everyone' },
  ],
  // Collaboration (issues 6 and 7): files, hand-over, prefill. A contributor writes only through a
  // hand-over, and the fixture hands it nothing, so it is refused like the other roles.
  'POST /api/reports/:id/files': bothStates(f, '/files?item=report_file', [own.focalPoint]),
  'GET /api/reports/:id/files/:fileId': reportReads(
    `/api/reports/${f.draftReport}/files/00000000-0000-4000-8000-000000000000`,
    `/api/reports/${f.submittedReport}/files/00000000-0000-4000-8000-000000000000`,
  ),
  'GET /api/reports/:id/handovers': reportReads(
    `/api/reports/${f.draftReport}/handovers`,
    `/api/reports/${f.submittedReport}/handovers`,
  ),
  'GET /api/reports/:id/contributions': reportReads(
    `/api/reports/${f.draftReport}/contributions`,
    `/api/reports/${f.submittedReport}/contributions`,
  ),
  'GET /api/reports/:id/contributors': bothStates(f, '/contributors', [own.focalPoint]),
  'POST /api/reports/:id/handovers': bothStates(f, '/handovers', [own.focalPoint]),
  'DELETE /api/reports/:id/handovers/:handoverId': bothStates(f, '/handovers/1', [own.focalPoint]),
  'POST /api/reports/:id/prefill/apply': bothStates(f, '/prefill/apply', [own.focalPoint]),
  'POST /api/reports/:id/handovers/:handoverId/done': bothStates(f, '/handovers/1/done', [own.focalPoint]),
  // Analysis (docs/analysis.md): analysts, and a secretariat for its own instrument only; no admin.
  'GET /api/analysis/cycles': [
    { case: 'every instrument', url: '/api/analysis/cycles', allowed: ['analyst'] },
    { case: 'CMS', url: '/api/analysis/cycles?instrument=CMS', allowed: ['analyst', own.secretariat] },
  ],
  'GET /api/analysis/cycles/:id/questions': [
    { case: '', url: `/api/analysis/cycles/${f.cycleId}/questions`, allowed: ['analyst', own.secretariat] },
  ],
  'GET /api/analysis/cycles/:id/distribution': [
    {
      case: '',
      url: `/api/analysis/cycles/${f.cycleId}/distribution?question=pa_count`,
      allowed: ['analyst', own.secretariat],
    },
  ],
  'GET /api/analysis/cycles/:id/trend': [
    {
      case: '',
      url: `/api/analysis/cycles/${f.cycleId}/trend?question=pa_count`,
      allowed: ['analyst', own.secretariat],
    },
  ],
  'GET /api/compare': [
    { case: 'every instrument', url: '/api/compare?concept=party.focal-point.name', allowed: ['analyst'] },
    {
      case: 'CMS',
      url: '/api/compare?concept=party.focal-point.name&instrument=CMS',
      allowed: ['analyst', own.secretariat],
    },
  ],
  'GET /api/public/reports/:id/pdf': [
    { case: '', url: `/api/public/reports/${f.submittedReport}/pdf`, allowed: 'everyone' },
  ],
  'POST /api/reports/:id/request-reopen': [
    { case: 'draft', url: `/api/reports/${f.draftReport}/request-reopen`, allowed: nobody },
    { case: 'submitted', url: `/api/reports/${f.submittedReport}/request-reopen`, allowed: [own.focalPoint] },
  ],

  // The secretariat's desk (cycles dashboard): the timeline is read like the cycle's reports; requests
  // to reopen, declining them and reminders are the instrument's secretariat's (cycle.manage, report.reopen).
  'GET /api/cycles/:id/timeline': [
    { case: '', url: `/api/cycles/${f.cycleId}/timeline`, allowed: ['admin', 'analyst', own.secretariat] },
  ],
  'GET /api/cycles/:id/reopen-requests': [
    { case: '', url: `/api/cycles/${f.cycleId}/reopen-requests`, allowed: [own.secretariat] },
  ],
  'POST /api/reports/:id/decline-reopen': [
    { case: 'draft', url: `/api/reports/${f.draftReport}/decline-reopen`, allowed: nobody },
    {
      case: 'submitted',
      url: `/api/reports/${f.submittedReport}/decline-reopen`,
      allowed: [own.secretariat],
    },
  ],
  'POST /api/reports/:id/remind': bothStates(f, '/remind', [own.secretariat]),
  'POST /api/cycles/:id/remind': [
    { case: '', url: `/api/cycles/${f.cycleId}/remind`, allowed: [own.secretariat] },
  ],
  // The questionnaire designer: the draft's texts as a spreadsheet, and back.
  'GET /api/questionnaires/:key/draft/translations': [
    {
      case: '',
      url: `/api/questionnaires/${f.questionnaire}/draft/translations`,
      allowed: [own.secretariat],
    },
  ],
  'PUT /api/questionnaires/:key/draft/translations': [
    {
      case: '',
      url: `/api/questionnaires/${f.questionnaire}/draft/translations`,
      allowed: [own.secretariat],
    },
  ],
});

/** Routes other plugins add: the API documentation and the client's page and files, public by design. */
export const publicByDesign = (route: DeclaredRoute) =>
  route.method === 'GET' &&
  (route.url === '/*' ||
    route.url.startsWith('/docs') ||
    route.url.startsWith('/assets/') ||
    /^\/[^/]+\.[a-z0-9]+$/.test(route.url));

export function isAllowed(allowed: Allowed, subject: Subject): boolean {
  if (allowed === 'everyone') return true;
  if (allowed === 'signed-in') return subject !== 'anonymous';
  return allowed.includes(subject);
}

/**
 * The resources every request of the table is about: CMS, France, a questionnaire, a cycle with France's
 * report in progress and a second cycle with it submitted; a token for each subject.
 */
export async function buildFixture(app: FastifyInstance) {
  await seedReference(app);
  const first = await openTestCycle(app);
  const second = await app.inject({
    method: 'POST',
    url: '/api/cycles',
    headers: first.secretariat,
    payload: {
      instrument: 'CMS',
      questionnaire: 'cms-test-report',
      version: first.version,
      title: 'Reports to COP14',
      opensAt: '2023-01-01',
      closesAt: '2023-06-30',
    },
  });
  if (second.statusCode !== 201) throw new Error(second.body);
  const submittedCycleId: number = second.json().id;
  const submitted = await app.db
    .updateTable('reports')
    .set({ status: 'submitted', submitted_at: new Date() })
    .where('cycle_id', '=', submittedCycleId)
    .where('party_code', '=', 'FRA')
    .returning('id')
    .executeTakeFirstOrThrow();
  const headers = new Map<Subject, Record<string, string>>([['anonymous', {}]]);
  for (const subject of subjects) {
    if (subject !== 'anonymous') headers.set(subject, await bearerFor(app, [subject]));
  }
  const someone = await app.db.selectFrom('users').select('id').orderBy('id').executeTakeFirstOrThrow();
  const token = await app.db.selectFrom('api_tokens').select('id').orderBy('id').executeTakeFirstOrThrow();
  const fixture: Fixture = {
    cycleId: first.cycleId,
    submittedCycleId,
    draftReport: first.reports.FRA as number,
    submittedReport: submitted.id,
    questionnaire: 'cms-test-report',
    userId: someone.id,
    tokenId: token.id,
  };
  return { fixture, headers };
}
