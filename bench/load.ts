/**
 * The load generator of the autosave bench (autocannon): in the bench's own process, or in a process of
 * its own (`node --import tsx bench/load.ts '<options as JSON>'`) so that it does not take the server's
 * CPU. The saves it sends never conflict while there are more questions than connections.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

export interface AutosaveTarget {
  reportId: number;
  /** Text questions the saves rewrite in turn. */
  textIds: string[];
  /** The newest revision a save returned. */
  latest: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  durationSeconds: number;
  /** `bare`: POST /update; `autosave`: PATCH /api/reports/:id/answers over `reports`, in turn. */
  kind: 'bare' | 'autosave';
  authorization?: string;
  reports?: AutosaveTarget[];
}

export interface LoadResult {
  ok: number;
  seconds: number;
  p99: number;
  conflicts: number;
  shed: number;
  /** Other non-2xx answers and connection errors. */
  failed: number;
  /** The reports with their newest revision, for the next round. */
  reports?: AutosaveTarget[];
}

export async function load(options: LoadOptions): Promise<LoadResult> {
  const reports = options.reports?.map((report) => ({ ...report })) ?? [];
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    requests:
      options.kind === 'bare' ? [{ method: 'POST', path: '/update' }] : autosaveRequests(options, reports),
  });
  const count = (status: string) => result.statusCodeStats?.[status as '200']?.count ?? 0;
  return {
    ok: result['2xx'],
    seconds: result.duration,
    p99: result.latency.p99,
    conflicts: count('409'),
    shed: count('503'),
    failed: result.non2xx - count('409') - count('503') + result.errors + result.timeouts,
    ...(options.kind === 'autosave' ? { reports } : {}),
  };
}

/** Runs `load` in a process of its own. */
export function loadInChild(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), JSON.stringify(options)],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`the load generator exited with ${code}`));
      resolve(JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as LoadResult);
    });
  });
}

/**
 * Saves go to the reports in turn, each to a question with no save in flight, with the newest revision
 * seen: so no save conflicts. (autocannon keeps a context only from a request to its answer.)
 */
function autosaveRequests(options: LoadOptions, reports: AutosaveTarget[]): autocannon.Request[] {
  const inFlight = reports.map(() => new Set<string>());
  // One turn counter for the reports, one for the questions of each.
  const turns = reports.map(() => 0);
  let turn = 0;
  return [
    {
      method: 'PATCH',
      path: '/',
      headers: { authorization: options.authorization ?? '', 'content-type': 'application/json' },
      setupRequest: (request, context) => {
        turn += 1;
        const r = turn % reports.length;
        const report = reports[r] as AutosaveTarget;
        const busy = inFlight[r] as Set<string>;
        let id: string;
        let tries = 0;
        do {
          turns[r] = (turns[r] ?? 0) + 1;
          id = report.textIds[(turns[r] ?? 0) % report.textIds.length] as string;
          tries += 1;
        } while (busy.has(id) && tries < report.textIds.length);
        busy.add(id);
        Object.assign(context as object, { r, id });
        const body = { baseRevision: report.latest, set: { [id]: `saved at turn ${turn}` } };
        return { ...request, path: `/api/reports/${report.reportId}/answers`, body: JSON.stringify(body) };
      },
      onResponse: (status, body, context) => {
        const { r, id } = context as { r: number; id: string };
        const report = reports[r] as AutosaveTarget;
        inFlight[r]?.delete(id);
        if (status === 200) {
          report.latest = Math.max(report.latest, (JSON.parse(body) as { revision: number }).revision);
        } else if (status === 409) {
          // A save cut off by the end of the previous round changed a question after `latest`.
          const { conflicts } = JSON.parse(body) as { conflicts?: { revision: number }[] };
          report.latest = Math.max(report.latest, ...(conflicts ?? []).map((conflict) => conflict.revision));
        }
      },
    },
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await load(JSON.parse(process.argv[2] ?? '{}') as LoadOptions);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
