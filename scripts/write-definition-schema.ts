// Writes docs/definition.schema.json from the zod schema of forms/ (a test fails when it is stale).
import { writeFileSync } from 'node:fs';
import { definitionJsonSchema } from '../forms/index.ts';

const target = new URL('../docs/definition.schema.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(definitionJsonSchema(), null, 2)}\n`);
process.stdout.write(`wrote ${target.pathname}\n`);
