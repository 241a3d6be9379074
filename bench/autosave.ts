import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { parseRole } from '../server/auth/roles.ts';
import { buildApp } from '../server/build-app.ts';
import { loadConfig } from '../server/config.ts';
import { migrate } from '../server/db/connect.ts';
import { startEmbeddedPostgres } from '../server/db/embedded.ts';
import { setMembership, upsertInstrument, upsertParty } from '../server/repositories/reference.ts';
import { createApiToken, createUser, grantRoles } from '../server/repositories/users.ts';
import { generateQuestionnaire } from './generate-questionnaire.ts';
import type { BenchRow } from './report.ts';

const CONNECTIONS = 50;
const DURATION_SECONDS = Number(process.env.BENCH_AUTOSAVE_SECONDS ?? 10);
const ITEMS = 500;
const ROUNDS = 5;

interface Target {
  app: FastifyInstance;
  reportId: number;
  /** Another report, the one the bare route updates. */
  otherReportId: number;
  /** The newest revision a save returned. */
  latest: number;
  turn: number;
  authorization: string;
  /** Text questions the saves rewrite in turn (more of them than connections). */
  textIds: string[];
}

/**
 * Autosave throughput and p99 latency at 50 connections on a report of ~500 answers, beside a bare
 * Fastify route doing one comparable single-row UPDATE (of another report) on the same pool, in
 * alternating rounds. Saves are built so that none conflicts: conflicts are not what is measured.
 */
export async function benchAutosave(): Promise<BenchRow[]> {
  const server = await databaseServer();
  const database = `ors_bench_${randomBytes(4).toString('hex')}`;
  await admin(server.adminUrl, `CREATE DATABASE ${database}`);
  const url = withDatabase(server.adminUrl, database);
  let target: Target | undefined;
  let bare: FastifyInstance | undefined;
  try {
    await migrate(url);
    target = await seed(url);
    bare = await bareApp(target.app.pg.pool, target.otherReportId);
    const appAddress = await target.app.listen({ port: 0, host: '127.0.0.1' });
    const bareAddress = await bare.listen({ port: 0, host: '127.0.0.1' });

    await run(bareAddress, bareRequests(), 2); // warm-up
    await run(appAddress, autosaveRequests(target), 2);
    // Alternating short rounds, so that a busy moment of the machine weighs on both alike.
    const bareRounds: autocannon.Result[] = [];
    const saveRounds: autocannon.Result[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      bareRounds.push(await run(bareAddress, bareRequests(), DURATION_SECONDS / ROUNDS));
      saveRounds.push(await run(appAddress, autosaveRequests(target), DURATION_SECONDS / ROUNDS));
    }
    const saves = perSecond(saveRounds);
    const updates = perSecond(bareRounds);
    // A save cut off at the end of a round can make the next round's first save of that question a 409.
    const failed = saveRounds.reduce(
      (sum, result) => sum + result.non2xx + result.errors - (result.statusCodeStats?.['409']?.count ?? 0),
      0,
    );
    return [
      { name: 'autosave: saves/s (50 connections, 500 answers)', value: saves, unit: 'req/s' },
      { name: 'autosave: p99 latency', value: medianP99(saveRounds), unit: 'ms' },
      {
        name: 'autosave: failed saves (other than 409)',
        value: failed,
        unit: 'count',
        target: '0',
      },
      { name: 'bare single-row UPDATE route', value: updates, unit: 'req/s' },
      { name: 'bare route: p99 latency', value: medianP99(bareRounds), unit: 'ms' },
      { name: 'autosave / bare throughput', value: saves / updates, unit: 'ratio', target: '≥ 0.7' },
    ];
  } finally {
    await bare?.close();
    await target?.app.close();
    await admin(server.adminUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await server.stop();
  }
}

function perSecond(results: autocannon.Result[]): number {
  const ok = results.reduce((sum, result) => sum + result['2xx'], 0);
  const seconds = results.reduce((sum, result) => sum + result.duration, 0);
  return ok / seconds;
}

function medianP99(results: autocannon.Result[]): number {
  const values = results.map((result) => result.latency.p99).sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)] ?? 0;
}

function run(url: string, requests: autocannon.Request[], duration: number): Promise<autocannon.Result> {
  return autocannon({ url, connections: CONNECTIONS, duration, requests });
}

function bareRequests(): autocannon.Request[] {
  return [{ method: 'POST', path: '/update' }];
}

/**
 * Saves rotate over the questions, skipping those with a save in flight, each with the newest revision
 * seen: so no save conflicts. (autocannon keeps a context only from a request to its answer.)
 */
function autosaveRequests(target: Target): autocannon.Request[] {
  const inFlight = new Set<string>();
  return [
    {
      method: 'PATCH',
      path: `/api/reports/${target.reportId}/answers`,
      headers: { authorization: target.authorization, 'content-type': 'application/json' },
      setupRequest: (request, context) => {
        let id: string;
        do {
          target.turn += 1;
          id = target.textIds[target.turn % target.textIds.length] as string;
        } while (inFlight.has(id));
        inFlight.add(id);
        (context as { id?: string }).id = id;
        const body = { baseRevision: target.latest, set: { [id]: `saved at turn ${target.turn}` } };
        return { ...request, body: JSON.stringify(body) };
      },
      onResponse: (status, body, context) => {
        inFlight.delete((context as { id?: string }).id ?? '');
        if (status === 200) {
          target.latest = Math.max(target.latest, (JSON.parse(body) as { revision: number }).revision);
        } else if (status === 409) {
          // A save cut off by the end of the previous round changed a question after `latest`.
          const { conflicts } = JSON.parse(body) as { conflicts: { revision: number }[] };
          target.latest = Math.max(target.latest, ...conflicts.map((conflict) => conflict.revision));
        }
      },
    },
  ];
}

/** A bare Fastify app with one route doing a single-row UPDATE of the same report on the same pool. */
async function bareApp(pool: pg.Pool, reportId: number): Promise<FastifyInstance> {
  const bare = Fastify({ logger: false });
  bare.post('/update', async () => {
    const { rows } = await pool.query<{ revision: number }>(
      'UPDATE reports SET revision = revision + 1, last_changed_at = now() WHERE id = $1 RETURNING revision',
      [reportId],
    );
    return { revision: rows[0]?.revision };
  });
  await bare.ready();
  return bare;
}

/** CMS, two Parties, a published ~500-item questionnaire, a cycle, and France's report fully answered. */
async function seed(databaseUrl: string): Promise<Target> {
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? '10',
  });
  const app = await buildApp({ config, databaseUrl }, { logger: false });
  const { definition, answers } = generateQuestionnaire(ITEMS);
  const db = app.db;
  await upsertInstrument(db, { code: 'CMS', name: { en: 'CMS' }, languages: ['en', 'fr', 'es'] });
  for (const [code, name] of [
    ['FRA', 'France'],
    ['DEU', 'Germany'],
  ] as const) {
    await upsertParty(db, { code, name: { en: name } });
    await setMembership(db, 'CMS', code, '2000-01-01');
  }
  const secretariat = await tokenFor(app, 'secretariat:CMS');
  const focalPoint = await tokenFor(app, 'focal_point:FRA:CMS');
  const call = async (method: 'POST' | 'PATCH', url: string, authorization: string, payload?: unknown) => {
    const response = await app.inject({
      method,
      url,
      headers: { authorization },
      ...(payload ? { payload } : {}),
    });
    if (response.statusCode >= 300)
      throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
    return response.json();
  };
  await call('POST', '/api/questionnaires', secretariat, definition);
  const { version } = await call('POST', `/api/questionnaires/${definition.key}/publish`, secretariat);
  const { id: cycleId } = await call('POST', '/api/cycles', secretariat, {
    instrument: 'CMS',
    questionnaire: definition.key,
    version,
    title: 'Benchmark cycle',
    opensAt: '2026-01-01',
    closesAt: '2027-12-31',
  });
  const reports = await db
    .selectFrom('reports')
    .select(['id', 'party_code'])
    .where('cycle_id', '=', cycleId)
    .execute();
  const report = reports.find((row) => row.party_code === 'FRA');
  const other = reports.find((row) => row.party_code === 'DEU');
  if (!report || !other) throw new Error('the cycle has no reports for FRA and DEU');
  const saved = await call('PATCH', `/api/reports/${report.id}/answers`, focalPoint, {
    baseRevision: 0,
    set: answers,
  });
  const textIds = Object.keys(answers).filter((id) => /_name$|_why$|_mail$/.test(id));
  return {
    app,
    reportId: report.id,
    otherReportId: other.id,
    latest: saved.revision,
    turn: 0,
    authorization: focalPoint,
    textIds,
  };
}

async function tokenFor(app: FastifyInstance, role: string): Promise<string> {
  const grant = parseRole(role);
  if (!grant) throw new Error(`not a role: ${role}`);
  const userId = await createUser(app.db, { email: `bench-${randomBytes(4).toString('hex')}@bench.local` });
  await grantRoles(app.db, userId, [grant]);
  const { token } = await createApiToken(app.db, userId, 'bench');
  return `Bearer ${token}`;
}

/** BENCH_DATABASE_URL, else TEST_DATABASE_URL, else an embedded PostgreSQL started for the run. */
async function databaseServer(): Promise<{ adminUrl: string; stop(): Promise<void> }> {
  const configured = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (configured) return { adminUrl: configured, stop: async () => {} };
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ors-bench-'));
  const server = await startEmbeddedPostgres({ dataDir, database: 'postgres' });
  return {
    adminUrl: server.adminUrl,
    stop: async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
