import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// Through the command list, as `npm run ors` finds them (commands.ts must load before the modules it lists).
import { type CliContext, commands } from '../../../server/cli/commands.ts';
import { withDatabase } from '../../../server/db/connect.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/database.ts';
import { testDefinition } from '../../helpers/reporting.ts';

async function run(words: string, values: CliContext['values'] = {}, positionals: string[] = []) {
  const command = commands.find((candidate) => candidate.name === words);
  if (!command) throw new Error(`no command ${words}`);
  const lines: string[] = [];
  const code = await command.run({ values, positionals, print: (line) => lines.push(line) });
  return { code, output: lines.join('\n') };
}

describe('command line: accounts, questionnaires and cycles', () => {
  let database: TestDatabase;
  let folder: string;
  const previousUrl = process.env.DATABASE_URL;

  beforeAll(async () => {
    database = await createTestDatabase();
    process.env.DATABASE_URL = database.url;
    folder = await mkdtemp(path.join(tmpdir(), 'ors-cli-'));
    await withDatabase(database.url, async (db) => {
      await db
        .insertInto('instruments')
        .values({ code: 'CMS', name: { en: 'CMS' } })
        .execute();
      await db
        .insertInto('parties')
        .values([
          { code: 'FRA', name: { en: 'France' } },
          { code: 'KEN', name: { en: 'Kenya' } },
        ])
        .execute();
      await db
        .insertInto('memberships')
        .values([
          { instrument_code: 'CMS', party_code: 'FRA', since: null },
          { instrument_code: 'CMS', party_code: 'KEN', since: null },
        ])
        .execute();
    });
  });

  afterAll(async () => {
    if (previousUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previousUrl;
    await rm(folder, { recursive: true, force: true });
    await database?.drop();
  });

  it('creates a user with roles, then adds roles to the same user', async () => {
    const created = await run('user create', {
      email: 'Focal@Example.org',
      name: 'Focal',
      role: ['focal_point:FRA:CMS'],
    });
    expect(created).toMatchObject({ code: 0, output: expect.stringContaining('created user') });
    const updated = await run('user create', { email: 'focal@example.org', role: ['analyst'] });
    expect(updated.output).toContain('updated user');
    const roles = await withDatabase(database.url, (db) =>
      db.selectFrom('role_assignments').select('role').orderBy('role').execute(),
    );
    expect(roles.map((row) => row.role)).toEqual(['analyst', 'focal_point']);
  });

  it('refuses a role it cannot read, with exit code 2', async () => {
    expect(await run('user create', { email: 'x@example.org', role: ['chief'] })).toMatchObject({ code: 2 });
  });

  it('prints a new API token for a user, and fails for an unknown one', async () => {
    const { code, output } = await run('token create', { email: 'focal@example.org' });
    expect(code).toBe(0);
    expect(output).toMatch(/^ors_/);
    expect((await run('token create', { email: 'nobody@example.org' })).code).toBe(1);
  });

  it('imports and publishes a definition, then opens a cycle on it', async () => {
    const file = path.join(folder, 'definition.json');
    await writeFile(file, JSON.stringify(testDefinition()));
    const imported = await run('questionnaire import', { publish: true }, [file]);
    expect(imported).toMatchObject({ code: 0, output: expect.stringContaining('published version 1') });
    const opened = await run('cycle open', {
      questionnaire: 'cms-test-report',
      version: '1',
      title: 'COP15',
      opens: '2026-01-01',
      closes: '2026-12-31',
    });
    expect(opened).toMatchObject({ code: 0, output: expect.stringContaining('with 2 report(s)') });
  });

  it('refuses an invalid definition file, naming each problem', async () => {
    const file = path.join(folder, 'broken.json');
    await writeFile(file, JSON.stringify({ ...testDefinition(), sections: 'none' }));
    const { code, output } = await run('questionnaire import', {}, [file]);
    expect(code).toBe(1);
    expect(output).toContain('sections');
  });
});
