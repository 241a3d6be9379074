import type { ReportStatus } from '../db/schema.ts';
import type { RoleGrant } from './roles.ts';

/**
 * Everything a route may ask permission for. The rules below are the one place that decides;
 * docs/security.md shows them as a table.
 */
export type Permission =
  | 'reference.manage'
  | 'users.manage'
  | 'users.invite'
  | 'outbox.read'
  | 'questionnaire.read'
  | 'questionnaire.manage'
  | 'cycle.read'
  | 'cycle.manage'
  | 'cycle.export'
  | 'report.read'
  | 'report.write'
  | 'report.submit'
  | 'report.request-reopen'
  | 'report.reopen'
  | 'report.submit-on-behalf'
  | 'report.publish'
  | 'report.hand-over'
  | 'analysis.read';

/** What a permission is asked for: the instrument and Party concerned and, for a report, its state. */
export interface Scope {
  instrument?: string;
  party?: string;
  reportStatus?: ReportStatus;
  /**
   * For a write by a contributor: whether something of the report is handed over to the actor
   * (server/handover/access.ts sets it). The service then refuses, under the report's lock, each change
   * outside the hand-overs (server/handover/check.ts). A route that does not set it lets contributors
   * write nothing.
   */
  handedToActor?: boolean;
  /** For an invitation: the role to be given. */
  grant?: RoleGrant;
}

/** Who is asking: a signed-in user with their grants, or nobody. */
export interface Actor {
  userId: number;
  email: string;
  name: string;
  language: string;
  roles: RoleGrant[];
  via: 'session' | 'token';
  sessionId?: string;
}

type Rule = (grant: RoleGrant, scope: Scope) => boolean;

const sameInstrument = (grant: RoleGrant, scope: Scope) =>
  'instrument' in grant && grant.instrument === scope.instrument;
const sameParty = (grant: RoleGrant, scope: Scope) =>
  'party' in grant && grant.party === scope.party && sameInstrument(grant, scope);
const submitted = (scope: Scope) => scope.reportStatus === 'submitted';

/** For each permission, the roles that hold it and on what scope. */
export const rules: Record<Permission, Partial<Record<RoleGrant['role'], Rule>>> = {
  'reference.manage': { admin: () => true },
  'users.manage': { admin: () => true },
  // An admin gives any role; a focal point brings in contributors of its own Party and instrument only.
  'users.invite': {
    admin: () => true,
    focal_point: (grant, scope) => scope.grant?.role === 'contributor' && sameParty(grant, scope.grant),
  },
  'outbox.read': { admin: () => true },
  'questionnaire.read': {
    admin: () => true,
    analyst: () => true,
    secretariat: () => true,
    focal_point: () => true,
    contributor: () => true,
  },
  'questionnaire.manage': { secretariat: sameInstrument },
  'cycle.read': {
    admin: () => true,
    analyst: () => true,
    secretariat: sameInstrument,
  },
  'cycle.manage': { secretariat: sameInstrument },
  // The export route itself keeps an analyst to submitted reports.
  'cycle.export': { secretariat: sameInstrument, analyst: () => true },
  // A Party's draft is seen only by its own people and the instrument's secretariat.
  'report.read': {
    secretariat: sameInstrument,
    focal_point: sameParty,
    contributor: sameParty,
    analyst: (_grant, scope) => submitted(scope),
  },
  'report.write': {
    focal_point: (grant, scope) => sameParty(grant, scope) && !submitted(scope),
    // A contributor writes only what was handed to it: nothing on a route that does not ask.
    contributor: (grant, scope) =>
      sameParty(grant, scope) && !submitted(scope) && scope.handedToActor === true,
  },
  'report.submit': { focal_point: (grant, scope) => sameParty(grant, scope) && !submitted(scope) },
  'report.hand-over': { focal_point: sameParty },
  'report.request-reopen': { focal_point: (grant, scope) => sameParty(grant, scope) && submitted(scope) },
  'report.reopen': { secretariat: (grant, scope) => sameInstrument(grant, scope) && submitted(scope) },
  'report.submit-on-behalf': {
    secretariat: (grant, scope) => sameInstrument(grant, scope) && !submitted(scope),
  },
  'report.publish': { secretariat: (grant, scope) => sameInstrument(grant, scope) && submitted(scope) },
  // Distributions and comparisons of submitted answers: what an analyst reads anyway, and a secretariat
  // for its own instrument only (as report.read on submitted reports).
  'analysis.read': { analyst: () => true, secretariat: sameInstrument },
};

/**
 * Decides whether `actor` may do `permission` on `scope`.
 * `can(focalPointOfFrance, 'report.write', { instrument: 'CMS', party: 'FRA', reportStatus: 'in_progress' })` → true.
 */
export function can(actor: Actor | null, permission: Permission, scope: Scope = {}): boolean {
  if (!actor) return false;
  const byRole = rules[permission];
  return actor.roles.some((grant) => byRole[grant.role]?.(grant, scope) ?? false);
}
