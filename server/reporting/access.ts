import type { FastifyRequest } from 'fastify';
import type { Scope } from '../auth/policy.ts';
import { findCycle } from '../repositories/cycles.ts';
import { findQuestionnaire } from '../repositories/questionnaires.ts';
import { findReportIdByCycleParty, findReportScope } from '../repositories/reports.ts';

// Access rules run before validation, so they read raw params and bodies defensively.

/** A database integer id from a raw route parameter, or null. */
export function idParam(value: unknown): number | null {
  if (typeof value !== 'string' || !/^[1-9]\d{0,9}$/.test(value)) return null;
  const id = Number(value);
  return id <= 2_147_483_647 ? id : null;
}

function param(request: FastifyRequest, name: string): unknown {
  return (request.params as Record<string, unknown> | undefined)?.[name];
}

/**
 * The scope of report `:id`. With `withStatus: false` the status is left out, for steps whose state
 * rule the service checks under the report's lock and answers with 409 ORS_WRONG_STATE.
 */
export function reportScope(withStatus: boolean) {
  return async (request: FastifyRequest): Promise<Scope | null> => {
    const id = idParam(param(request, 'id'));
    if (id === null) return null;
    const db = request.server.db;
    // A report's instrument and Party never change: without the status, a known report needs no query.
    const known = withStatus ? undefined : reportParties.get(db)?.get(id);
    if (known) return { ...known };
    const report = await findReportScope(db, id);
    if (!report) return null;
    const scope = { instrument: report.instrument_code, party: report.party_code };
    const byId = reportParties.get(db) ?? new Map();
    reportParties.set(db, byId);
    if (byId.size >= 10_000) byId.clear();
    byId.set(id, scope);
    return withStatus ? { ...scope, reportStatus: report.status } : { ...scope };
  };
}

const reportParties = new WeakMap<object, Map<number, { instrument: string; party: string }>>();

/** The scope of the report of Party `:party` in cycle `:id`. */
export async function cyclePartyScope(request: FastifyRequest): Promise<Scope | null> {
  const id = idParam(param(request, 'id'));
  const party = param(request, 'party');
  if (id === null || typeof party !== 'string' || !/^[A-Za-z]{3}$/.test(party)) return null;
  const report = await findReportIdByCycleParty(request.server.db, id, party.toUpperCase());
  if (!report) return null;
  return { instrument: report.instrument_code, party: report.party_code, reportStatus: report.status };
}

/** The scope of cycle `:id`: its instrument. */
export async function cycleScope(request: FastifyRequest): Promise<Scope | null> {
  const id = idParam(param(request, 'id'));
  if (id === null) return null;
  const cycle = await findCycle(request.server.db, id);
  return cycle ? { instrument: cycle.instrument_code } : null;
}

/** The scope of questionnaire `:key`: its instrument. */
export async function questionnaireScope(request: FastifyRequest): Promise<Scope | null> {
  const key = param(request, 'key');
  if (typeof key !== 'string' || key.length > 100) return null;
  const questionnaire = await findQuestionnaire(request.server.db, key);
  return questionnaire ? { instrument: questionnaire.instrument_code } : null;
}

/** The instrument a body names in `field` (validation, later, refuses a body without one). */
export function bodyInstrumentScope(field: string) {
  return (request: FastifyRequest): Scope => {
    const body = request.body as Record<string, unknown> | null | undefined;
    const value = body && typeof body === 'object' ? body[field] : undefined;
    return typeof value === 'string' ? { instrument: value } : {};
  };
}
