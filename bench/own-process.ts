/**
 * Runs a benchmark in a process of its own, so that its figures (peak RSS above all) are its own and not
 * those of the benches that ran before it: `await inOwnProcess('export.ts', 'measureExport')`.
 * The child runs bench/own-process-main.ts, which prints the rows.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './report.ts';

export const marker = 'BENCH_ROWS ';

export function inOwnProcess(module: string, name: string): Promise<BenchRow[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--expose-gc',
        fileURLToPath(new URL('own-process-main.ts', import.meta.url)),
        module,
        name,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = output.split('\n').find((each) => each.startsWith(marker));
      if (code !== 0 || !line) return reject(new Error(`bench ${module} ${name} exited with ${code}`));
      resolve(JSON.parse(line.slice(marker.length)) as BenchRow[]);
    });
  });
}
