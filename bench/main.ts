import { benchAnalysis } from './analysis.ts';
import { benchAutosave } from './autosave.ts';
import { benchBrowser } from './browser.ts';
import { benchDesigner } from './designer.ts';
import { benchEngine } from './engine.ts';
import { benchExport } from './export.ts';
import { type BenchRow, formatRows } from './report.ts';

/** Every benchmark of the project; each returns its figures. Add new ones to this list. */
const benches: { name: string; run: () => Promise<BenchRow[]> }[] = [
  { name: 'engine', run: benchEngine },
  { name: 'browser', run: benchBrowser },
  { name: 'designer', run: benchDesigner },
  { name: 'autosave', run: benchAutosave },
  { name: 'export', run: benchExport },
  { name: 'analysis', run: benchAnalysis },
];

const rows: BenchRow[] = [];
for (const bench of benches) {
  process.stdout.write(`running ${bench.name}…\n`);
  rows.push(...(await bench.run()));
}
process.stdout.write(`\n${formatRows(rows)}\n`);
