import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { parseRole } from '../server/auth/roles.ts';
import { buildApp } from '../server/build-app.ts';
import { loadConfig } from '../server/config.ts';
import { migrate, runStatement } from '../server/db/connect.ts';
import { setMembership, upsertInstrument, upsertParty } from '../server/repositories/reference.ts';
import { createApiToken, createUser, grantRoles } from '../server/repositories/users.ts';
import { databaseServer, partyCode } from './export.ts';
import { generateQuestionnaire } from './generate-questionnaire.ts';
import type { BenchRow } from './report.ts';

const PARTIES = 200;
const ITEMS = 500;
const INSTRUMENTS = ['CMS', 'AEWA', 'RAPTORS'];
const CONCEPT = 'protected-areas.count';

/**
 * Reading across reports: the distribution of one question over 200 Parties' submitted reports of a
 * ~500-question questionnaire, and a concept's comparison across three instruments (600 reports), through
 * the routes as an analyst. "First" runs the engine once over every snapshot met (relevance is then
 * remembered, snapshots being immutable); "then" is the median of later requests.
 */
export async function benchAnalysis(): Promise<BenchRow[]> {
  const { adminUrl, stop } = await databaseServer();
  const database = `ors_bench_analysis_${randomBytes(4).toString('hex')}`;
  await runStatement(adminUrl, `CREATE DATABASE ${database}`);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent' });
  try {
    await migrate(url.toString());
    const app = await buildApp({ config, databaseUrl: url.toString() }, { logger: false });
    try {
      for (const instrument of INSTRUMENTS)
        await upsertInstrument(app.db, { code: instrument, name: { en: instrument } });
      const userId = await createUser(app.db, { email: 'bench-analysis@bench.local' });
      await grantRoles(
        app.db,
        userId,
        ['analyst', ...INSTRUMENTS.map((code) => `secretariat:${code}`)].flatMap(
          (role) => parseRole(role) ?? [],
        ),
      );
      const authorization = `Bearer ${(await createApiToken(app.db, userId, 'bench')).token}`;
      const call = async (method: 'GET' | 'POST', path: string, payload?: object) => {
        const response = await app.inject({
          method,
          url: path,
          headers: { authorization },
          ...(payload ? { payload } : {}),
        });
        if (response.statusCode >= 300) throw new Error(`${path}: ${response.statusCode} ${response.body}`);
        return response.json();
      };
      for (let i = 0; i < PARTIES; i++) {
        const code = partyCode(i);
        await upsertParty(app.db, {
          code,
          name: { en: `Party ${code}` },
          region: ['Africa', 'Europe', 'Asia'][i % 3] ?? null,
        });
      }
      const cycles: number[] = [];
      for (const instrument of INSTRUMENTS) {
        for (let i = 0; i < PARTIES; i++) await setMembership(app.db, instrument, partyCode(i), null);
        const { definition, answers } = generateQuestionnaire(ITEMS);
        const key = `${instrument.toLowerCase()}-bench`;
        const sections = definition.sections as { items: { id: string; concept?: string }[] }[];
        const counted = sections[0]?.items.find((item) => item.id === 'q0_n');
        if (counted) counted.concept = CONCEPT;
        await call('POST', '/api/questionnaires', { ...definition, key, instrument });
        const { version } = await call('POST', `/api/questionnaires/${key}/publish`);
        const { id } = await call('POST', '/api/cycles', {
          instrument,
          questionnaire: key,
          version,
          title: `${instrument} benchmark`,
          opensAt: '2026-01-01',
          closesAt: '2026-12-31',
        });
        cycles.push(id);
        // Every report submitted, with a count that varies by Party and a few with no protected areas.
        await sql`
          INSERT INTO report_snapshots (report_id, revision, questionnaire_version_id, answers)
          SELECT r.id, 1, r.questionnaire_version_id,
            ${JSON.stringify(answers)}::jsonb
              || jsonb_build_object('q0_n', (r.id * 37) % 500,
                   'q0_has', CASE WHEN r.id % 10 = 0 THEN 'no' ELSE 'yes' END)
          FROM reports r WHERE r.cycle_id = ${id}
        `.execute(app.db);
        await sql`UPDATE reports SET status = 'submitted', revision = 1, submitted_at = now() WHERE cycle_id = ${id}`.execute(
          app.db,
        );
      }

      const distribution = `/api/analysis/cycles/${cycles[0]}/distribution?question=q0_n`;
      const compare = `/api/compare?concept=${CONCEPT}`;
      const first = async (path: string) => {
        const started = performance.now();
        const body = await call('GET', path);
        return { ms: performance.now() - started, body };
      };
      const coldDistribution = await first(distribution);
      if (coldDistribution.body.distribution.n !== PARTIES * 0.9) {
        throw new Error(
          `distribution: expected ${PARTIES * 0.9} answers, got ${coldDistribution.body.distribution.n}`,
        );
      }
      const warmDistribution = await medianOf(() => call('GET', distribution));
      const coldCompare = await first(compare);
      if (coldCompare.body.columns.length !== INSTRUMENTS.length)
        throw new Error('compare: expected three columns');
      const warmCompare = await medianOf(() => call('GET', compare));
      const table = `/api/analysis/cycles/${cycles[0]}/distribution?question=t0`;
      const warmTable = await medianOf(() => call('GET', table));
      return [
        {
          name: `analysis: distribution, ${PARTIES} Parties × ${ITEMS} items, first`,
          value: coldDistribution.ms,
          unit: 'ms',
        },
        { name: 'analysis: distribution, then (median)', value: warmDistribution, unit: 'ms' },
        { name: 'analysis: table distribution (8 rows × 3 columns), median', value: warmTable, unit: 'ms' },
        {
          name: `analysis: concept comparison, ${INSTRUMENTS.length} instruments, first`,
          value: coldCompare.ms,
          unit: 'ms',
        },
        { name: 'analysis: concept comparison, then (median)', value: warmCompare, unit: 'ms' },
      ];
    } finally {
      await app.close();
    }
  } finally {
    await runStatement(adminUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await stop();
  }
}

async function medianOf(run: () => Promise<unknown>, runs = 21): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}
