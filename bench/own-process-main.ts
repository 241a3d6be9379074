/** The child of inOwnProcess (bench/own-process.ts): `… own-process-main.ts <module> <export>`. */
import { marker } from './own-process.ts';
import type { BenchRow } from './report.ts';

const [module, name] = process.argv.slice(2);
const loaded = (await import(new URL(module ?? '', import.meta.url).href)) as Record<string, unknown>;
const run = loaded[name ?? ''];
if (typeof run !== 'function') throw new Error(`${module} exports no function ${name}`);
const rows = (await run()) as BenchRow[];
process.stdout.write(`${marker}${JSON.stringify(rows)}\n`);
process.exit(0);
