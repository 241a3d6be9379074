/** One measured figure of a benchmark. */
export type BenchRow = { name: string; value: number; unit: string; target?: string };

/** Median of the durations (ms) of `run`, after a warm-up; `minRuns` at least, for about `budgetMs`. */
export function medianMs(run: () => void, { warmup = 20, minRuns = 30, budgetMs = 1500 } = {}): number {
  for (let i = 0; i < warmup; i++) run();
  const times: number[] = [];
  const started = performance.now();
  while (times.length < minRuns || (performance.now() - started < budgetMs && times.length < 10_000)) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

/** The rows as an aligned text table. */
export function formatRows(rows: readonly BenchRow[]): string {
  const cells = rows.map((r) => [r.name, formatValue(r.value), r.unit, r.target ?? '']);
  const header = ['bench', 'value', 'unit', 'target'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) =>
    c.map((v, i) => (i === 1 ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

function formatValue(value: number): string {
  if (value >= 100) return value.toFixed(0);
  if (value >= 1) return value.toFixed(2);
  return value.toFixed(3);
}
