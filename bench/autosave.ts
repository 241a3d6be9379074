import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import type pg from 'pg';
import { parseRole } from '../server/auth/roles.ts';
import { buildApp } from '../server/build-app.ts';
import { loadConfig } from '../server/config.ts';
import { migrate, runStatement } from '../server/db/connect.ts';
import { startEmbeddedPostgres } from '../server/db/embedded.ts';
import { setMembership, upsertInstrument, upsertParty } from '../server/repositories/reference.ts';
import { createApiToken, createUser, grantRoles } from '../server/repositories/users.ts';
import { generateQuestionnaire } from './generate-questionnaire.ts';
import { type AutosaveTarget, type LoadResult, load, loadInChild } from './load.ts';
import type { BenchRow } from './report.ts';

const CONNECTIONS = 50;
const DURATION_SECONDS = Number(process.env.BENCH_AUTOSAVE_SECONDS ?? 10);
const ITEMS = 500;
const ROUNDS = 5;
/** Concurrent connections of the load sweep, then beyond, until the server sheds load. */
const LEVELS = [50, 200, 500];
const SHEDDING_PROBES = [1000, 2000];
// Twenty reports of ~100 text questions each: room for 2,000 saves in flight without two on one question.
const PARTIES = ['FRA', 'ITA', 'ESP', 'NLD', 'BEL', 'SEN', 'GHA', 'NOR', 'KEN', 'PER'].concat([
  'CHL',
  'MAR',
  'EGY',
  'AUS',
  'NZL',
  'PRT',
  'POL',
  'SWE',
  'FIN',
  'IND',
]);

interface Target {
  app: FastifyInstance;
  /** Twenty reports, fully answered: the first takes the 50-connection comparison, all the sweep. */
  reports: AutosaveTarget[];
  /** Another report, the one the bare route updates. */
  otherReportId: number;
  authorization: string;
}

type Layout = 'child' | 'inline';

/**
 * Autosave throughput and p99 latency at 50 connections on a report of ~500 answers, beside a bare
 * Fastify route doing one comparable single-row UPDATE (of another report) on the same pool, in
 * alternating rounds; twice: with the load generator (autocannon) in a process of its own, and in the
 * server's process (where it takes CPU from the server on a small machine). Then a sweep of autosave
 * over twenty reports at 50, 200 and 500 connections, and beyond until the server sheds load (503).
 * Saves are built so that none conflicts: conflicts are not what is measured.
 */
export async function benchAutosave(): Promise<BenchRow[]> {
  const server = await databaseServer();
  const database = `ors_bench_${randomBytes(4).toString('hex')}`;
  await runStatement(server.adminUrl, `CREATE DATABASE ${database}`);
  const url = withDatabase(server.adminUrl, database);
  let target: Target | undefined;
  let bare: FastifyInstance | undefined;
  try {
    await migrate(url);
    target = await seed(url);
    bare = await bareApp(target.app.pg.pool, target.otherReportId);
    const appAddress = await target.app.listen({ port: 0, host: '127.0.0.1' });
    const bareAddress = await bare.listen({ port: 0, host: '127.0.0.1' });
    const rows: BenchRow[] = [];
    // BENCH_AUTOSAVE_PARTS=compare or =sweep runs one part alone (to profile it).
    const parts = process.env.BENCH_AUTOSAVE_PARTS ?? 'compare,sweep';
    if (parts.includes('compare')) {
      for (const layout of ['child', 'inline'] as const) {
        rows.push(...(await compare(layout, target, appAddress, bareAddress)));
      }
    }
    if (parts.includes('sweep')) rows.push(...(await sweep(target, appAddress)));
    return rows;
  } finally {
    await bare?.close();
    await target?.app.close();
    await runStatement(server.adminUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await server.stop();
  }
}

/** The 50-connection comparison with the bare route, with the load generator laid out as `layout`. */
async function compare(layout: Layout, target: Target, appAddress: string, bareAddress: string) {
  const run = layout === 'child' ? loadInChild : load;
  let reports = target.reports.slice(0, 1);
  const bare = (seconds: number) =>
    run({ url: bareAddress, connections: CONNECTIONS, durationSeconds: seconds, kind: 'bare' });
  const saves = async (seconds: number) => {
    const result = await run({
      url: appAddress,
      connections: CONNECTIONS,
      durationSeconds: seconds,
      kind: 'autosave',
      authorization: target.authorization,
      reports,
    });
    reports = await settled(target, result.reports ?? reports);
    return result;
  };
  await bare(2); // warm-up
  await saves(2);
  // Alternating short rounds, so that a busy moment of the machine weighs on both alike.
  const bareRounds: LoadResult[] = [];
  const saveRounds: LoadResult[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    bareRounds.push(await bare(DURATION_SECONDS / ROUNDS));
    saveRounds.push(await saves(DURATION_SECONDS / ROUNDS));
  }
  target.reports[0] = reports[0] as AutosaveTarget;
  const savesPerSecond = perSecond(saveRounds);
  const updates = perSecond(bareRounds);
  const where =
    layout === 'child' ? 'load generator in its own process' : 'load generator in the server process';
  return [
    {
      name: `autosave: saves/s (50 connections, 500 answers; ${where})`,
      value: savesPerSecond,
      unit: 'req/s',
    },
    { name: 'autosave: p99 latency', value: medianP99(saveRounds), unit: 'ms' },
    {
      name: 'autosave: failed saves (other than 409)',
      value: saveRounds.reduce((sum, result) => sum + result.failed + result.shed, 0),
      unit: 'count',
      target: '0',
    },
    { name: 'bare single-row UPDATE route', value: updates, unit: 'req/s' },
    { name: 'bare route: p99 latency', value: medianP99(bareRounds), unit: 'ms' },
    {
      name: `autosave / bare throughput (${where})`,
      value: savesPerSecond / updates,
      unit: 'ratio',
      ...(layout === 'child' ? { target: '≥ 0.7' } : {}),
    },
  ];
}

/** Autosave over twenty reports at rising concurrency, the load generator in its own process. */
async function sweep(target: Target, appAddress: string): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  let reports = target.reports;
  let sheddingFrom = 0;
  for (const connections of [...LEVELS, ...SHEDDING_PROBES]) {
    if (!LEVELS.includes(connections) && sheddingFrom > 0) break;
    await loadInChild({
      url: appAddress,
      connections,
      durationSeconds: 1,
      kind: 'autosave',
      authorization: target.authorization,
      reports,
    }).then(async (result) => {
      reports = await settled(target, result.reports ?? reports);
    });
    const result = await loadInChild({
      url: appAddress,
      connections,
      durationSeconds: 4,
      kind: 'autosave',
      authorization: target.authorization,
      reports,
    });
    reports = await settled(target, result.reports ?? reports);
    if (result.shed > 0 && sheddingFrom === 0) sheddingFrom = connections;
    rows.push(
      {
        name: `autosave, ${PARTIES.length} reports, ${connections} connections: saves/s`,
        value: result.ok / result.seconds,
        unit: 'req/s',
      },
      {
        name: `autosave, ${PARTIES.length} reports, ${connections} connections: p99 latency`,
        value: result.p99,
        unit: 'ms',
      },
      {
        name: `autosave, ${PARTIES.length} reports, ${connections} connections: 503 shed, 409, failed`,
        value: result.shed,
        unit: `, ${result.conflicts}, ${result.failed}`,
      },
    );
  }
  rows.push({
    name: `autosave: load shedding (503) starts at (0: not up to ${SHEDDING_PROBES.at(-1)})`,
    value: sheddingFrom,
    unit: 'connections',
  });
  return rows;
}

/**
 * The reports at the revision they reached: saves cut off at the end of a round are still applied by
 * the server after the load generator stopped, and the next round must not conflict with them.
 */
async function settled(target: Target, reports: AutosaveTarget[]): Promise<AutosaveTarget[]> {
  await new Promise((resolve) => setTimeout(resolve, 300));
  const rows = await target.app.db
    .selectFrom('reports')
    .select(['id', 'revision'])
    .where(
      'id',
      'in',
      reports.map((report) => report.reportId),
    )
    .execute();
  const revisions = new Map(rows.map((row) => [row.id, row.revision]));
  return reports.map((report) => ({ ...report, latest: revisions.get(report.reportId) ?? report.latest }));
}

function perSecond(results: LoadResult[]): number {
  const ok = results.reduce((sum, result) => sum + result.ok, 0);
  const seconds = results.reduce((sum, result) => sum + result.seconds, 0);
  return ok / seconds;
}

function medianP99(results: LoadResult[]): number {
  const values = results.map((result) => result.p99).sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)] ?? 0;
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

/** CMS, 21 Parties, a published ~500-item questionnaire, a cycle, and twenty reports fully answered. */
async function seed(databaseUrl: string): Promise<Target> {
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? '10',
    ...(process.env.ACTOR_CACHE_SECONDS ? { ACTOR_CACHE_SECONDS: process.env.ACTOR_CACHE_SECONDS } : {}),
  });
  const app = await buildApp({ config, databaseUrl }, { logger: false });
  const { definition, answers } = generateQuestionnaire(ITEMS);
  const db = app.db;
  await upsertInstrument(db, { code: 'CMS', name: { en: 'CMS' }, languages: ['en', 'fr', 'es'] });
  for (const code of [...PARTIES, 'DEU']) {
    await upsertParty(db, { code, name: { en: code } });
    await setMembership(db, 'CMS', code, '2000-01-01');
  }
  const secretariat = await tokenFor(app, ['secretariat:CMS']);
  const focalPoint = await tokenFor(
    app,
    PARTIES.map((party) => `focal_point:${party}:CMS`),
  );
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
  const rows = await db
    .selectFrom('reports')
    .select(['id', 'party_code'])
    .where('cycle_id', '=', cycleId)
    .execute();
  const idOf = (party: string) => {
    const found = rows.find((row) => row.party_code === party);
    if (!found) throw new Error(`the cycle has no report for ${party}`);
    return found.id;
  };
  const textIds = Object.keys(answers).filter((id) => /_name$|_why$|_mail$/.test(id));
  const reports: AutosaveTarget[] = [];
  for (const party of PARTIES) {
    const reportId = idOf(party);
    const saved = await call('PATCH', `/api/reports/${reportId}/answers`, focalPoint, {
      baseRevision: 0,
      set: answers,
    });
    reports.push({ reportId, textIds, latest: saved.revision });
  }
  return { app, reports, otherReportId: idOf('DEU'), authorization: focalPoint };
}

async function tokenFor(app: FastifyInstance, roles: string[]): Promise<string> {
  const grants = roles.map((role) => {
    const grant = parseRole(role);
    if (!grant) throw new Error(`not a role: ${role}`);
    return grant;
  });
  const userId = await createUser(app.db, { email: `bench-${randomBytes(4).toString('hex')}@bench.local` });
  await grantRoles(app.db, userId, grants);
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
