/**
 * Checks the backup procedure of docs/operations.md end to end: loads the demo into a new database,
 * dumps it with `pg_dump --format=custom`, restores the dump with `pg_restore` into another new
 * database, and compares every report (answers, revision, status, history, snapshots) and the row count
 * of every table. Exits with 1 on any difference.
 *
 *   BACKUP_CHECK_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx scripts/backup-restore-check.ts
 *
 * The URL is a maintenance connection (it creates and drops two databases); TEST_DATABASE_URL is used
 * when BACKUP_CHECK_DATABASE_URL is not set. pg_dump and pg_restore must be on PATH, of the server's
 * major version or newer.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { migrate, runStatement, withDatabase } from '../server/db/connect.ts';
import { loadDemo } from '../server/demo/load-demo.ts';

const run = promisify(execFile);

const adminUrl = process.env.BACKUP_CHECK_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!adminUrl) {
  console.error('set BACKUP_CHECK_DATABASE_URL (or TEST_DATABASE_URL) to a maintenance connection');
  process.exit(2);
}

const suffix = randomBytes(4).toString('hex');
const original = `ors_backup_${suffix}`;
const restored = `ors_restored_${suffix}`;
const folder = await mkdtemp(path.join(tmpdir(), 'ors-backup-'));
const dumpFile = path.join(folder, 'ors.dump');
let failed = false;
try {
  await runStatement(adminUrl as string, `CREATE DATABASE ${original}`);
  await migrate(urlOf(original));
  const demo = await withDatabase(urlOf(original), (db) => loadDemo(db));
  console.log(`demo loaded: ${demo.questionnaires.length} questionnaires, ${demo.cycles} cycles`);

  // The documented procedure (docs/operations.md, "Backups").
  await run('pg_dump', [
    '--format=custom',
    '--no-owner',
    `--file=${dumpFile}`,
    `--dbname=${urlOf(original)}`,
  ]);
  console.log(`pg_dump: ${(await stat(dumpFile)).size} bytes`);
  await runStatement(adminUrl as string, `CREATE DATABASE ${restored}`);
  await run('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${urlOf(restored)}`, dumpFile]);

  const [before, after] = [await describe(original), await describe(restored)];
  const reportIds = Object.keys(before.reports);
  let differences = 0;
  for (const id of new Set([...reportIds, ...Object.keys(after.reports)])) {
    if (before.reports[id] !== after.reports[id]) {
      differences += 1;
      console.error(`report ${id} differs after the restore`);
    }
  }
  for (const [table, count] of Object.entries(before.tables)) {
    if (after.tables[table] !== count) {
      differences += 1;
      console.error(`${table}: ${count} rows before, ${after.tables[table]} after`);
    }
  }
  const answered = Object.values(before.reports).filter(
    (report) => Object.keys((JSON.parse(report) as { answers: object }).answers).length > 0,
  ).length;
  if (reportIds.length === 0 || answered === 0) {
    differences += 1;
    console.error('the demo has no answered report: nothing was compared');
  }
  console.log(
    `${reportIds.length} reports (${answered} with answers) and ${Object.keys(before.tables).length} tables compared: ${differences} differences`,
  );
  // The comparison must see a change: one answer altered in the copy makes its report differ.
  await runStatement(
    urlOf(restored),
    `UPDATE answers SET value = '"altered"'::jsonb WHERE (report_id, item_id) = (SELECT report_id, item_id FROM answers LIMIT 1)`,
  );
  const altered = await describe(restored);
  const seen = reportIds.filter((id) => before.reports[id] !== altered.reports[id]).length;
  console.log(`control: one answer altered in the copy, ${seen} report seen to differ`);
  failed = differences > 0 || seen !== 1;
} catch (error) {
  console.error(error);
  failed = true;
} finally {
  await runStatement(adminUrl as string, `DROP DATABASE IF EXISTS ${original} WITH (FORCE)`).catch(() => {});
  await runStatement(adminUrl as string, `DROP DATABASE IF EXISTS ${restored} WITH (FORCE)`).catch(() => {});
  await rm(folder, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

/** Each report as one JSON text (its row, answers, history, events and snapshots), and each table's size. */
async function describe(database: string) {
  const client = new pg.Client({ connectionString: urlOf(database) });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: number; content: string }>(`
      SELECT r.id, jsonb_build_object(
        'row', to_jsonb(r),
        'answers', coalesce((SELECT jsonb_object_agg(a.item_id, jsonb_build_array(a.value, a.revision, a.updated_by))
          FROM answers a WHERE a.report_id = r.id), '{}'::jsonb),
        'history', coalesce((SELECT jsonb_agg(to_jsonb(h) ORDER BY h.id) FROM answer_history h WHERE h.report_id = r.id), '[]'::jsonb),
        'events', coalesce((SELECT jsonb_agg(to_jsonb(e) ORDER BY e.id) FROM report_events e WHERE e.report_id = r.id), '[]'::jsonb),
        'snapshots', coalesce((SELECT jsonb_agg(to_jsonb(s) ORDER BY s.id) FROM report_snapshots s WHERE s.report_id = r.id), '[]'::jsonb)
      )::text AS content
      FROM reports r ORDER BY r.id`);
    const reports: Record<string, string> = {};
    for (const row of rows) reports[row.id] = row.content;
    const tables: Record<string, number> = {};
    const names = await client.query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    );
    for (const { name } of names.rows) {
      const counted = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM ${pg.escapeIdentifier(name)}`,
      );
      tables[name] = Number(counted.rows[0]?.n);
    }
    return { reports, tables };
  } finally {
    await client.end();
  }
}

function urlOf(database: string): string {
  const url = new URL(adminUrl as string);
  url.pathname = `/${database}`;
  return url.toString();
}
