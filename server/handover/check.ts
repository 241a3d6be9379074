import type { Kysely } from 'kysely';
import { handedShares, type Plan } from '../../forms/index.ts';
import { type Actor, can } from '../auth/policy.ts';
import type { Database } from '../db/schema.ts';
import { InputError, type ProblemDetail } from '../errors.ts';
import { type HandOverPart, partsHandedTo } from './store.ts';

/**
 * Whether an actor's saves need the hand-over check: anyone holding a contributor role (a focal point
 * writes its whole report). Such saves take the service's save under the report's lock.
 */
export function writesThroughHandOver(actor: Actor): boolean {
  return actor.roles.some((grant) => grant.role === 'contributor');
}

/** One answer a save changes, with its value before and after (undefined: no answer). */
export interface TouchedAnswer {
  id: string;
  oldValue: unknown;
  newValue: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The iterations (option values) of a loop answer whose content differs between two values. */
export function changedIterations(oldValue: unknown, newValue: unknown): string[] {
  const before = isRecord(oldValue) ? oldValue : {};
  const after = isRecord(newValue) ? newValue : {};
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

/**
 * What of `touched` lies outside `parts`: for each refused answer, the iterations refused (a loop handed
 * over in part) or `null` (the whole answer). Empty when every change was handed over.
 */
export function refusedChanges(
  plan: Plan,
  parts: readonly HandOverPart[],
  touched: readonly TouchedAnswer[],
): { id: string; iterations: string[] | null }[] {
  const shareOf = handedShares(parts, (id) => plan.sectionOf(id));
  const refused: { id: string; iterations: string[] | null }[] = [];
  for (const change of touched) {
    const share = shareOf(change.id);
    if (share.kind === 'all') continue;
    if (share.kind === 'none') {
      refused.push({ id: change.id, iterations: null });
      continue;
    }
    const outside = changedIterations(change.oldValue, change.newValue).filter(
      (key) => !share.iterations.has(key),
    );
    if (outside.length > 0) refused.push({ id: change.id, iterations: outside });
  }
  return refused;
}

/**
 * Refuses (403 ORS_NOT_HANDED_OVER, with the path of each refused question) a save by an actor who may
 * write the report only through hand-overs, when it changes anything not handed to it. Run it inside
 * the save's transaction, after the report's lock, so that a revoked hand-over cannot slip through.
 */
export async function checkHandOver(
  db: Kysely<Database>,
  input: {
    report: { id: number; instrument_code: string; party_code: string };
    actor: Actor;
    plan: Plan;
    touched: readonly TouchedAnswer[];
    /** Where each answer id sits in the request, for the problem paths. */
    pathOf: (id: string) => (string | number)[];
  },
): Promise<void> {
  if (input.touched.length === 0) return;
  const scope = { instrument: input.report.instrument_code, party: input.report.party_code };
  if (can(input.actor, 'report.write', scope)) return;
  const parts = await partsHandedTo(db, input.report.id, input.actor.userId);
  const refused = refusedChanges(input.plan, parts, input.touched);
  if (refused.length === 0) return;
  const errors: ProblemDetail[] = refused.flatMap(({ id, iterations }) =>
    iterations === null
      ? [{ in: 'body' as const, path: input.pathOf(id), message: `${id} was not handed over to you` }]
      : iterations.map((iteration) => ({
          in: 'body' as const,
          path: [...input.pathOf(id), iteration],
          message: `${id} for ${iteration} was not handed over to you`,
        })),
  );
  throw new InputError(
    'you may change only what was handed over to you: nothing was saved',
    errors,
    403,
    'ORS_NOT_HANDED_OVER',
  );
}
