/**
 * The reliability suite (`npm run test:reliability`): no acknowledged answer is ever lost, under load and
 * faults. Starts its own embedded PostgreSQL and the server as a child process, then:
 *  1. 50 contributors on 10 reports autosave for RELIABILITY_SECONDS (60 by default) while the database
 *     restarts 5 times and the server is killed (SIGKILL) and started again twice; every acknowledged
 *     save must be in the history at its revision and in the final reports, nothing applied twice;
 *  2. submits racing autosaves: a save lands before the snapshot or is refused, the snapshot is what the
 *     submitter was shown plus what was acknowledged before it;
 *  3. the database unavailable: /health 503, writes 503 with Retry-After, cached reference reads still
 *     served; recovery without restarting the server.
 * Prints the counts and exits with 1 on any failure. RELIABILITY_SEED replays a run's random choices.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { buildApp } from '../../server/build-app.ts';
import { loadConfig } from '../../server/config.ts';
import { migrate } from '../../server/db/connect.ts';
import { setMembership, upsertInstrument, upsertParty } from '../../server/repositories/reference.ts';
import { bearerFor } from '../helpers/auth.ts';
import { openTestCycle } from '../helpers/reporting.ts';
import { verify } from './checks.ts';
import { Database, freePort, ServerProcess } from './cluster.ts';
import { emptyCounts, runContributor, type SaveIntent, seededRandom } from './contributors.ts';

const SECONDS = Number(process.env.RELIABILITY_SECONDS ?? 60);
const SEED = Number(process.env.RELIABILITY_SEED ?? Date.now() % 1_000_000);
const PARTIES = ['FRA', 'DEU', 'KEN', 'ITA', 'ESP', 'NLD', 'BEL', 'SEN', 'GHA', 'NOR'];
const CONTRIBUTORS_PER_REPORT = 5;
const QUESTIONS = 40;
const DATABASE_RESTARTS = 5;
const SERVER_KILLS = 2;

const failures: string[] = [];
const check = (ok: boolean, message: string) => {
  if (!ok) failures.push(message);
};
const log = (line: string) =>
  process.stdout.write(`[reliability ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

interface Fixture {
  reports: { id: number; party: string; contributors: string[]; focalPoint: string }[];
  secretariat: string;
  questionnaireKey: string;
  version: number;
}

const workDir = await mkdtemp(path.join(tmpdir(), 'ors-reliability-'));
const database = new Database(path.join(workDir, 'db'));
let server: ServerProcess | undefined;
try {
  log(`seed ${SEED}, ${SECONDS} s of autosave, work folder ${workDir}`);
  await database.start();
  await migrate(database.url);
  const fixture = await seed(database.url);
  server = new ServerProcess(
    await freePort(),
    {
      DATABASE_URL: database.url,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DEMO_DATA: 'false',
      DATA_DIR: path.join(workDir, 'data'),
    },
    path.join(workDir, 'server.log'),
  );
  await server.start();
  await underFaults(server, fixture);
  await submitRaces(server, fixture);
  await databaseUnavailable(server, fixture);
} catch (error) {
  failures.push(
    `the suite itself failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
} finally {
  await server?.stop();
  await database.stop().catch(() => {});
}
if (failures.length > 0) {
  log(`FAILED (server log: ${path.join(workDir, 'server.log')}):`);
  for (const failure of failures) process.stdout.write(`  - ${failure}\n`);
  process.exit(1);
}
await rm(workDir, { recursive: true, force: true });
log('passed');
process.exit(0);

/** Ten Parties of CMS, a 40-question questionnaire (none required), a cycle; 5 contributors per report. */
async function seed(databaseUrl: string): Promise<Fixture> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const app = await buildApp({ config, databaseUrl }, { logger: false });
  try {
    await upsertInstrument(app.db, { code: 'CMS', name: { en: 'Convention on Migratory Species' } });
    for (const code of PARTIES) {
      await upsertParty(app.db, { code, name: { en: code } });
      await setMembership(app.db, 'CMS', code, '2000-01-01');
    }
    const definition = {
      format: 'ors-questionnaire@1',
      key: 'reliability-report',
      instrument: 'CMS',
      title: { en: 'Reliability report', fr: 'Rapport de fiabilité' },
      defaultLanguage: 'en',
      languages: ['en'],
      sections: [
        {
          id: 'answers',
          title: { en: 'Answers' },
          items: Array.from({ length: QUESTIONS }, (_, i) => ({
            id: questionId(i),
            type: 'text',
            label: { en: `Question ${i + 1}` },
          })),
        },
      ],
    };
    // Any definition the checker accepts (the helper's type is that of its own example).
    const opened = await openTestCycle(app, definition as unknown as Parameters<typeof openTestCycle>[1]);
    const reports: Fixture['reports'] = [];
    for (const party of PARTIES) {
      const contributors: string[] = [];
      for (let i = 0; i < CONTRIBUTORS_PER_REPORT; i++) {
        // Focal points: a contributor writes only what is handed to it, which is another issue's.
        contributors.push((await bearerFor(app, [`focal_point:${party}:CMS`])).authorization);
      }
      const focalPoint = (await bearerFor(app, [`focal_point:${party}:CMS`])).authorization;
      reports.push({ id: opened.reports[party] as number, party, contributors, focalPoint });
    }
    return {
      reports,
      secretariat: opened.secretariat.authorization,
      questionnaireKey: definition.key,
      version: opened.version,
    };
  } finally {
    await app.close();
  }
}

function questionId(i: number): string {
  return `t${String(i + 1).padStart(2, '0')}`;
}

/** Part 1: 50 contributors autosave while the database restarts 5 times and the server is killed twice. */
async function underFaults(server: ServerProcess, fixture: Fixture): Promise<void> {
  const random = seededRandom(SEED);
  const counts = emptyCounts();
  const intents: SaveIntent[] = [];
  const problems: string[] = [];
  const until = Date.now() + SECONDS * 1000;
  const contributors = fixture.reports.flatMap((report, r) =>
    report.contributors.map((authorization, c) => {
      // Each a window of 12 of the 40 questions: neighbours share 6, so some saves conflict.
      const start = (c * 6 + r * 3) % QUESTIONS;
      const questions = Array.from({ length: 12 }, (_, i) => questionId((start + i) % QUESTIONS));
      return runContributor({
        index: r * CONTRIBUTORS_PER_REPORT + c,
        baseUrl: () => server.baseUrl,
        authorization,
        reportId: report.id,
        questions,
        until,
        counts,
        intents,
        problems,
        random: seededRandom(SEED + 1 + r * CONTRIBUTORS_PER_REPORT + c),
      });
    }),
  );
  // The faults, spread over the run: database, database, server, database, database, server, database.
  const faults = async () => {
    const plan = ['db', 'db', 'server', 'db', 'db', 'server', 'db'] as const;
    for (const [i, fault] of plan.entries()) {
      const at = until - SECONDS * 1000 + ((i + 1) * SECONDS * 1000) / (plan.length + 1);
      await sleep(Math.max(0, at - Date.now()));
      if (fault === 'db') {
        const downMs = 500 + Math.floor(random() * 2000);
        log(`restarting the database (down ${downMs} ms); so far ${JSON.stringify(counts)}`);
        await database.restart(downMs);
      } else {
        log(`killing the server (SIGKILL); so far ${JSON.stringify(counts)}`);
        await server.kill();
        await sleep(300);
        await server.start();
      }
    }
  };
  await Promise.all([faults(), ...contributors]);
  const verdict = await verify(database.url, intents);
  const summary = {
    contributors: contributors.length,
    reports: fixture.reports.length,
    databaseRestarts: database.restarts,
    serverKills: server.kills,
    serverCrashes: server.crashes,
    saves: intents.length,
    ...counts,
    droppedAfterConflict: intents.filter((intent) => intent.dropped).length,
    lost: verdict.lost,
    appliedTwice: verdict.appliedTwice,
    appliedUnacknowledged: verdict.appliedUnacknowledged,
    phantom: verdict.phantom,
    outOfOrder: verdict.outOfOrder,
  };
  log(`under faults: ${JSON.stringify(summary, null, 2)}`);
  for (const line of verdict.details) log(`  ${line}`);
  for (const line of problems.slice(0, 20)) log(`  ${line}`);
  check(database.restarts === DATABASE_RESTARTS, `the database restarted ${database.restarts} times`);
  check(server.kills === SERVER_KILLS, `the server was killed ${server.kills} times`);
  check(server.crashes === 0, `the server exited ${server.crashes} times by itself`);
  check(counts.acknowledged > 0, 'no save was acknowledged');
  check(verdict.lost === 0, `lost = ${verdict.lost}`);
  check(verdict.appliedTwice === 0, `${verdict.appliedTwice} saves applied twice`);
  check(
    verdict.appliedUnacknowledged === 0,
    `${verdict.appliedUnacknowledged} saves applied, never acknowledged`,
  );
  check(verdict.phantom === 0, `${verdict.phantom} history rows nobody sent`);
  check(verdict.outOfOrder === 0, `${verdict.outOfOrder} saves out of order`);
  check(counts.unactionable === 0, `${counts.unactionable} refusals a client cannot act on`);
  check(problems.length === 0, `${problems.length} contributor problems`);
  // The check must be able to fail: a save acknowledged but never stored counts as lost.
  const acknowledged = intents.find((intent) => intent.revision !== null) as SaveIntent;
  const invented: SaveIntent = { ...acknowledged, set: { [questionId(0)]: 'never sent' } };
  const control = await verify(database.url, [...intents, invented]);
  check(control.lost >= 1, 'the verification did not see an invented acknowledged save as lost');
}

/** Part 2: a submit racing an autosave on the same report, 10 times. */
async function submitRaces(server: ServerProcess, fixture: Fixture): Promise<void> {
  const random = seededRandom(SEED + 999);
  const outcomes = { savedBefore: 0, refused: 0, rounds: 0 };
  for (let round = 0; round < 10; round++) {
    const report = fixture.reports[round % 5] as Fixture['reports'][number];
    const shown = await call(server, 'GET', `/api/reports/${report.id}`, report.focalPoint);
    check(shown.status === 200, `race ${round}: reading the report answered ${shown.status}`);
    const value = `race-${round}-${randomUUID()}`;
    const question = questionId(Math.floor(random() * QUESTIONS));
    const contributor = report.contributors[0] as string;
    const saving = (async () => {
      await sleep(Math.floor(random() * 15));
      return call(server, 'PATCH', `/api/reports/${report.id}/answers`, contributor, {
        baseRevision: shown.body.revision,
        set: { [question]: value },
        saveId: randomUUID(),
      });
    })();
    const submitting = (async () => {
      await sleep(Math.floor(random() * 15));
      return call(server, 'POST', `/api/reports/${report.id}/submit`, report.focalPoint, {});
    })();
    const [save, submit] = await Promise.all([saving, submitting]);
    outcomes.rounds += 1;
    check(
      submit.status === 200,
      `race ${round}: submit answered ${submit.status} ${JSON.stringify(submit.body)}`,
    );
    const snapshot = await latestSnapshot(report.id);
    const expected: Record<string, unknown> = { ...shown.body.answers };
    if (save.status === 200) {
      outcomes.savedBefore += 1;
      check(
        save.body.revision < snapshot.revision,
        `race ${round}: save acknowledged at ${save.body.revision}, after the snapshot at ${snapshot.revision}`,
      );
      expected[question] = value;
    } else {
      outcomes.refused += 1;
      check(
        save.status === 409 && save.body.code === 'ORS_WRONG_STATE',
        `race ${round}: the save was refused with ${save.status} ${save.body.code}, not 409 ORS_WRONG_STATE`,
      );
    }
    check(
      sameAnswers(snapshot.answers, expected),
      `race ${round}: the snapshot differs from what the submitter was shown plus the acknowledged save`,
    );
    const after = await call(server, 'GET', `/api/reports/${report.id}`, report.focalPoint);
    check(
      after.body.status === 'submitted' && sameAnswers(after.body.answers, snapshot.answers),
      `race ${round}: the submitted report does not show its snapshot`,
    );
    const reopened = await call(server, 'POST', `/api/reports/${report.id}/reopen`, fixture.secretariat, {});
    check(reopened.status === 200, `race ${round}: reopen answered ${reopened.status}`);
  }
  log(`submit racing autosave: ${JSON.stringify(outcomes)}`);
}

/** Part 3: the database unavailable, then back, with the same server process. */
async function databaseUnavailable(server: ServerProcess, fixture: Fixture): Promise<void> {
  const report = fixture.reports[0] as Fixture['reports'][number];
  const cachedPaths = [
    '/api/instruments',
    '/api/parties',
    `/api/questionnaires/${fixture.questionnaireKey}/versions/${fixture.version}`,
  ];
  const before = new Map<string, string>();
  for (const url of cachedPaths) before.set(url, await (await fetch(server.baseUrl + url)).text());
  const pid = server.pid;
  await database.stop();
  const results: Record<string, unknown> = {};
  try {
    const health = await fetch(`${server.baseUrl}/health`);
    results.health = health.status;
    check(
      health.status === 503 && Boolean(health.headers.get('retry-after')),
      `health answered ${health.status} with the database down`,
    );
    const read = await call(server, 'GET', `/api/reports/${report.id}`, report.focalPoint);
    const write = await fetch(`${server.baseUrl}/api/reports/${report.id}/answers`, {
      method: 'PATCH',
      headers: { authorization: report.contributors[1] as string, 'content-type': 'application/json' },
      body: JSON.stringify({
        baseRevision: read.body?.revision ?? 0,
        set: { t01: 'while down' },
        saveId: randomUUID(),
      }),
    });
    results.write = write.status;
    check(
      write.status === 503 &&
        Boolean(write.headers.get('retry-after')) &&
        (write.headers.get('content-type') ?? '').includes('problem+json'),
      `a write answered ${write.status} (retry-after ${write.headers.get('retry-after')}) with the database down`,
    );
    for (const url of cachedPaths) {
      const response = await fetch(server.baseUrl + url);
      const body = await response.text();
      results[url] = response.status;
      check(
        response.status === 200 && body === before.get(url),
        `${url} was not served from memory (${response.status})`,
      );
    }
  } finally {
    await database.start();
  }
  let recoveredAfterMs = -1;
  const startedAt = Date.now();
  while (Date.now() - startedAt < 30_000) {
    if ((await fetch(`${server.baseUrl}/health`)).status === 200) {
      recoveredAfterMs = Date.now() - startedAt;
      break;
    }
    await sleep(200);
  }
  results.recoveredAfterMs = recoveredAfterMs;
  check(recoveredAfterMs >= 0, 'health did not answer 200 within 30 s of the database coming back');
  check(server.pid === pid && server.crashes === 0, 'the server process changed');
  const read = await call(server, 'GET', `/api/reports/${report.id}`, report.focalPoint);
  const saved = await call(
    server,
    'PATCH',
    `/api/reports/${report.id}/answers`,
    report.contributors[1] as string,
    {
      baseRevision: read.body.revision,
      set: { t02: 'after the database came back' },
      saveId: randomUUID(),
    },
  );
  results.saveAfter = saved.status;
  check(saved.status === 200, `a save after recovery answered ${saved.status}`);
  log(`database unavailable: ${JSON.stringify(results)}`);
}

/** The fields of the API's answers the suite looks at (reports, saves, workflow steps, problems). */
interface Answer {
  revision: number;
  answers: Record<string, unknown>;
  status: string;
  code?: string;
}

async function call(
  server: ServerProcess,
  method: string,
  url: string,
  authorization: string,
  body?: unknown,
): Promise<{ status: number; body: Answer }> {
  const response = await fetch(server.baseUrl + url, {
    method,
    headers: { authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as Answer };
}

async function latestSnapshot(
  reportId: number,
): Promise<{ revision: number; answers: Record<string, unknown> }> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT revision, answers FROM report_snapshots WHERE report_id = $1 ORDER BY id DESC LIMIT 1',
      [reportId],
    );
    return rows[0];
  } finally {
    await client.end();
  }
}

function sameAnswers(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const sorted = (value: Record<string, unknown>) =>
    JSON.stringify(Object.entries(value).sort(([x], [y]) => (x < y ? -1 : 1)));
  return sorted(a) === sorted(b);
}
