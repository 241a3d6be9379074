import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { parseRole } from '../server/auth/roles.ts';
import { buildApp } from '../server/build-app.ts';
import { loadConfig } from '../server/config.ts';
import { migrate, runStatement } from '../server/db/connect.ts';
import { startEmbeddedPostgres } from '../server/db/embedded.ts';
import { setMembership, upsertInstrument, upsertParty } from '../server/repositories/reference.ts';
import { createApiToken, createUser, grantRoles } from '../server/repositories/users.ts';
import { generateQuestionnaire } from './generate-questionnaire.ts';
import { inOwnProcess } from './own-process.ts';
import type { BenchRow } from './report.ts';

const PARTIES = 200;
const ITEMS = 500;

/**
 * The cycle export: 200 Parties × a ~500-question questionnaire, every report fully answered, exported
 * as XLSX through the route over HTTP (as a secretariat would); time to the last byte and the peak RSS of
 * a process of its own (seeding included), so that the benches run before it do not count.
 */
export function benchExport(): Promise<BenchRow[]> {
  return inOwnProcess('export.ts', 'measureExport');
}

export async function measureExport(): Promise<BenchRow[]> {
  const { adminUrl, stop } = await databaseServer();
  const database = `ors_bench_export_${randomBytes(4).toString('hex')}`;
  await runStatement(adminUrl, `CREATE DATABASE ${database}`);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent' });
  try {
    await migrate(url.toString());
    const app = await buildApp({ config, databaseUrl: url.toString() }, { logger: false });
    try {
      const { definition, answers } = generateQuestionnaire(ITEMS);
      await upsertInstrument(app.db, { code: 'CMS', name: { en: 'CMS' } });
      for (let i = 0; i < PARTIES; i++) {
        const code = partyCode(i);
        await upsertParty(app.db, { code, name: { en: `Party ${code}` } });
        await setMembership(app.db, 'CMS', code, null);
      }
      const grant = parseRole('secretariat:CMS');
      const userId = await createUser(app.db, { email: 'bench-export@bench.local' });
      if (grant) await grantRoles(app.db, userId, [grant]);
      const authorization = `Bearer ${(await createApiToken(app.db, userId, 'bench')).token}`;
      const call = async (method: 'POST', url: string, payload?: object) => {
        const response = await app.inject({
          method,
          url,
          headers: { authorization },
          ...(payload ? { payload } : {}),
        });
        if (response.statusCode >= 300) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
        return response.json();
      };
      await call('POST', '/api/questionnaires', definition);
      const { version } = await call('POST', `/api/questionnaires/${definition.key}/publish`);
      const { id: cycleId } = await call('POST', '/api/cycles', {
        instrument: 'CMS',
        questionnaire: definition.key,
        version,
        title: 'Export benchmark',
        opensAt: '2026-01-01',
        closesAt: '2026-12-31',
      });
      await sql`
        INSERT INTO answers (report_id, item_id, value, revision)
        SELECT r.id, a.key, a.value, 1 FROM reports r, jsonb_each(${JSON.stringify(answers)}::jsonb) a
        WHERE r.cycle_id = ${cycleId}
      `.execute(app.db);
      await sql`UPDATE reports SET revision = 1, status = 'in_progress' WHERE cycle_id = ${cycleId}`.execute(
        app.db,
      );

      global.gc?.();
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 10);
      // Over a real socket, reading the body as it arrives, as a browser downloads it.
      const address = await app.listen({ host: '127.0.0.1', port: 0 });
      const started = performance.now();
      const response = await fetch(`${address}/api/cycles/${cycleId}/export?format=xlsx`, {
        headers: { authorization },
      });
      let bytes = 0;
      if (response.body) for await (const chunk of response.body) bytes += chunk.length;
      const seconds = (performance.now() - started) / 1000;
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      // The kernel's high-water mark of the whole process (between two samples too).
      const processPeak = process.resourceUsage().maxRSS * 1024;
      if (response.status !== 200) throw new Error(`export: ${response.status}`);
      return [
        {
          name: `export: ${PARTIES} Parties × ${ITEMS} questions to XLSX`,
          value: seconds,
          unit: 's',
          target: '≤ 5',
        },
        { name: 'export: XLSX size', value: bytes / 1e6, unit: 'MB' },
        {
          name: 'export: peak RSS of its own process',
          value: processPeak / 1e6,
          unit: 'MB',
          target: '< 300',
        },
        { name: 'export: peak RSS sampled during the export', value: peak / 1e6, unit: 'MB' },
      ];
    } finally {
      await app.close();
    }
  } finally {
    await runStatement(adminUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await stop();
  }
}

/** AAA, AAB, …: 200 distinct three-letter codes. */
export function partyCode(index: number): string {
  const letter = (n: number) => String.fromCharCode(65 + (n % 26));
  return `${letter(Math.floor(index / 676))}${letter(Math.floor(index / 26))}${letter(index)}`;
}

/** BENCH_DATABASE_URL, else TEST_DATABASE_URL, else an embedded PostgreSQL started for the run. */
export async function databaseServer(): Promise<{ adminUrl: string; stop(): Promise<void> }> {
  const configured = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (configured) return { adminUrl: configured, stop: async () => {} };
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ors-bench-export-'));
  const server = await startEmbeddedPostgres({ dataDir, database: 'postgres' });
  return {
    adminUrl: server.adminUrl,
    stop: async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
