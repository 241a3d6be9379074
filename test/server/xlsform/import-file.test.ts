import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { findDraft } from '../../../server/repositories/questionnaires.ts';
import { importWorkbookFile } from '../../../server/xlsform/import-file.ts';
import { useTestApp } from '../../helpers/app.ts';
import { seedReference } from '../../helpers/reporting.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/xlsforms/${name}`, import.meta.url));
const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('importWorkbookFile (npm run ors -- import FILE.xlsx)', () => {
  const ctx = useTestApp();

  async function run(file: string, options: { instrument?: string; key?: string; publish?: boolean }) {
    const lines: string[] = [];
    const code = await importWorkbookFile(ctx.app.db, file, options, (line) => lines.push(line));
    return { code, lines };
  }

  it('prints the mapping report and the new draft’s key', async () => {
    await seedReference(ctx.app);
    const { code, lines } = await run(fixture('xlsform_spec_test.xlsx'), { instrument: 'CMS' });
    expect(code).toBe(0);
    expect(lines[0]).toMatch(
      /xlsform_spec_test\.xlsx: mapping report \(6 errors, \d+ warnings, \d+ infos\):$/,
    );
    expect(lines).toContain(
      '  error    survey row 34 (type): the type "geopoint" (a location) is not supported: the row is not imported',
    );
    expect(lines.at(-1)).toBe('spec-test: draft created');
    expect(await findDraft(ctx.app.db, 'spec-test')).toBeDefined();
  });

  it('replaces the draft on a second import, and publishes with --publish', async () => {
    const { code, lines } = await run(fixture('xlsform_spec_test.xlsx'), {
      instrument: 'CMS',
      publish: true,
    });
    expect(code).toBe(0);
    expect(lines).toContain('spec-test: draft replaced');
    expect(lines.at(-1)).toMatch(/^spec-test: published version 1 \(sha256:[0-9a-f]{64}\)$/);
  });

  it('names the questionnaire after the file when neither --key nor the settings do', async () => {
    const { code, lines } = await run(fixture('text_and_integer.xlsx'), { instrument: 'CMS' });
    expect(code).toBe(0);
    expect(lines).toEqual([
      `${fixture('text_and_integer.xlsx')}: every row mapped`,
      'text_and_integer: draft created',
    ]);
  });

  it('saves nothing without an instrument, for an unknown instrument or for a file that is not a workbook', async () => {
    const none = await run(fixture('group.xlsx'), { key: 'group-none' });
    expect(none.code).toBe(1);
    expect(none.lines).toContain('not imported: the definition has errors (above)');
    const unknown = await run(fixture('group.xlsx'), { instrument: 'NOPE', key: 'group-nope' });
    expect(unknown.code).toBe(1);
    expect(unknown.lines.at(-1)).toBe('not imported: no instrument NOPE');
    const text = join(tmpdir(), `ors-not-a-workbook-${process.pid}.xlsx`);
    await writeFile(text, 'plain text');
    const broken = await run(text, { instrument: 'CMS' });
    expect(broken.code).toBe(1);
    expect(broken.lines[0]).toMatch(/the file is not an \.xlsx workbook/);
    expect(await findDraft(ctx.app.db, 'group-none')).toBeUndefined();
  });

  it('runs as `ors import FILE.xlsx --instrument CMS --key K` from the command line', async () => {
    const { stdout } = await promisify(execFile)(
      'npx',
      [
        'tsx',
        'server/cli/main.ts',
        'import',
        fixture('loop.xlsx'),
        '--instrument',
        'CMS',
        '--key',
        'cli-loop',
      ],
      {
        cwd: root,
        env: { ...process.env, DATABASE_URL: ctx.database.url, LOG_LEVEL: 'silent' },
        timeout: 60_000,
      },
    );
    expect(stdout.trim().split('\n').at(-1)).toBe('cli-loop: draft created');
  }, 60_000);
});
