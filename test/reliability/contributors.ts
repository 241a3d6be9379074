import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

/** One autosave as a contributor meant it: its values (unique across the run) and what became of it. */
export interface SaveIntent {
  contributor: number;
  reportId: number;
  set: Record<string, string>;
  /** The revision the server acknowledged it at; null while not acknowledged. */
  revision: number | null;
  /** Refused for good (a conflict the contributor did not retry before the end). */
  dropped: boolean;
}

export interface Counts {
  /** Requests sent (retries included). */
  sent: number;
  acknowledged: number;
  /** 409 answer conflicts: the contributor re-read the report and sent its answers again. */
  conflicts: number;
  /** Requests sent again after a 503 or a connection cut, with the same save id. */
  retried: number;
  /** 503 answers, each with Retry-After. */
  unavailable: number;
  /** Requests cut by a killed server or a failed connection. */
  interrupted: number;
  /** Saves acknowledged after one of their attempts was cut (applied or not, the same save id told). */
  acknowledgedAfterCut: number;
  /** Answers a client could not act on (anything but 200, 409, 503 with Retry-After): must stay 0. */
  unactionable: number;
}

export function emptyCounts(): Counts {
  return {
    sent: 0,
    acknowledged: 0,
    conflicts: 0,
    retried: 0,
    unavailable: 0,
    interrupted: 0,
    acknowledgedAfterCut: 0,
    unactionable: 0,
  };
}

export interface ContributorOptions {
  index: number;
  baseUrl: () => string;
  authorization: string;
  reportId: number;
  /** The questions this contributor answers (overlapping with others on the same report). */
  questions: string[];
  /** When to stop starting new saves. */
  until: number;
  counts: Counts;
  intents: SaveIntent[];
  problems: string[];
  random: () => number;
}

type Answer =
  | { kind: 'ok'; revision: number }
  | { kind: 'conflict' }
  | { kind: 'wrong-state' }
  | { kind: 'retry'; afterMs: number; cut?: boolean }
  | { kind: 'unactionable' };

/**
 * A contributor's autosave as client/src/report/autosave.ts does it: one save in flight at a time, with
 * the newest revision it knows as baseRevision and a save id kept across retries; on 503 it waits for
 * Retry-After, on a cut connection it retries the same save id, on 409 it re-reads the report and sends
 * its answers again (keeping its own) under a new save id.
 */
export async function runContributor(options: ContributorOptions): Promise<void> {
  const { counts, random } = options;
  let baseRevision = await readRevision(options);
  let sequence = 0;
  while (Date.now() < options.until) {
    await sleep(50 + Math.floor(random() * 250));
    const count = 1 + Math.floor(random() * 3);
    const set: Record<string, string> = {};
    for (let i = 0; i < count; i++) {
      const id = options.questions[Math.floor(random() * options.questions.length)] as string;
      sequence += 1;
      set[id] = `c${options.index}-s${sequence}`;
    }
    const intent: SaveIntent = {
      contributor: options.index,
      reportId: options.reportId,
      set,
      revision: null,
      dropped: false,
    };
    options.intents.push(intent);
    let saveId = randomUUID();
    let cut = false;
    // After the end, a save already started is still carried through (a client keeps it until sent).
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0 && Date.now() > options.until + 120_000) {
        options.problems.push(
          `contributor ${options.index}: a save still not settled 2 minutes after the end`,
        );
        return;
      }
      const answer = await send(options, { baseRevision, set, saveId });
      if (answer.kind === 'ok') {
        counts.acknowledged += 1;
        if (cut) counts.acknowledgedAfterCut += 1;
        intent.revision = answer.revision;
        baseRevision = Math.max(baseRevision, answer.revision);
        break;
      }
      if (answer.kind === 'retry') {
        counts.retried += 1;
        cut ||= answer.cut === true;
        await sleep(answer.afterMs);
        continue;
      }
      if (answer.kind === 'conflict') {
        counts.conflicts += 1;
        if (Date.now() > options.until) {
          intent.dropped = true;
          break;
        }
        baseRevision = Math.max(baseRevision, await readRevision(options));
        saveId = randomUUID();
        continue;
      }
      intent.dropped = true;
      if (answer.kind === 'wrong-state') break;
      return;
    }
  }
}

async function send(
  options: ContributorOptions,
  body: { baseRevision: number; set: Record<string, string>; saveId: string },
): Promise<Answer> {
  const { counts } = options;
  counts.sent += 1;
  let response: Response;
  let text: string;
  try {
    response = await fetch(`${options.baseUrl()}/api/reports/${options.reportId}/answers`, {
      method: 'PATCH',
      headers: { authorization: options.authorization, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    text = await response.text();
  } catch {
    // The server was killed, or the connection failed: was it applied? The same save id answers that.
    counts.interrupted += 1;
    return { kind: 'retry', afterMs: 300, cut: true };
  }
  if (response.status === 200)
    return { kind: 'ok', revision: (JSON.parse(text) as { revision: number }).revision };
  const code = safeCode(text);
  if (response.status === 409 && code === 'ORS_ANSWER_CONFLICT') return { kind: 'conflict' };
  if (response.status === 409 && code === 'ORS_WRONG_STATE') return { kind: 'wrong-state' };
  if (response.status === 503) {
    const retryAfter = Number(response.headers.get('retry-after'));
    if (Number.isFinite(retryAfter) && retryAfter > 0) {
      counts.unavailable += 1;
      return { kind: 'retry', afterMs: Math.min(retryAfter, 5) * 1000 };
    }
  }
  counts.unactionable += 1;
  options.problems.push(`save on report ${options.reportId}: ${response.status} ${text.slice(0, 300)}`);
  return { kind: 'unactionable' };
}

/** The report's revision, read again (after a conflict) until the server answers. */
async function readRevision(options: ContributorOptions): Promise<number> {
  for (;;) {
    try {
      const response = await fetch(`${options.baseUrl()}/api/reports/${options.reportId}`, {
        headers: { authorization: options.authorization },
        signal: AbortSignal.timeout(30_000),
      });
      if (response.status === 200) return ((await response.json()) as { revision: number }).revision;
      await response.arrayBuffer();
    } catch {
      // The server is being restarted.
    }
    await sleep(500);
  }
}

function safeCode(text: string): string | undefined {
  try {
    return (JSON.parse(text) as { code?: string }).code;
  } catch {
    return undefined;
  }
}

/** A small seeded generator (mulberry32), so that a failing run can be replayed with its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
