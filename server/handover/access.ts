import type { FastifyRequest } from 'fastify';
import { can, type Scope } from '../auth/policy.ts';
import { idParam, reportScope } from '../reporting/access.ts';
import { hasHandOver } from './store.ts';

const withoutStatus = reportScope(false);

/**
 * The scope of a write to report `:id`, for `report.write`. A contributor passes when something of the
 * report is handed to it; which answers a save may change is decided under the report's lock
 * (`checkHandOver`), since the body is not validated yet and hand-overs may be revoked meanwhile.
 */
export async function handOverWriteScope(request: FastifyRequest): Promise<Scope | null> {
  const scope = await withoutStatus(request);
  const actor = request.actor;
  // Only someone who cannot write the whole report needs the look-up (a focal point never does).
  if (scope === null || actor === null || can(actor, 'report.write', scope)) return scope;
  const id = idParam((request.params as Record<string, unknown> | undefined)?.id);
  if (id === null) return scope;
  return { ...scope, handedToActor: await hasHandOver(request.server.db, id, actor.userId) };
}
