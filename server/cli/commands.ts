import type { ParseArgsConfig } from 'node:util';
import { loadConfig } from '../config.ts';
import { connectDatabase, migrate } from '../db/connect.ts';
import { reportingCommands } from './reporting-commands.ts';
import { importCommand } from './xlsform-commands.ts';

export interface CliContext {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
  print(line: string): void;
}

export interface Command {
  /** The words that call it: `user create`. */
  name: string;
  usage: string;
  summary: string;
  options?: ParseArgsConfig['options'];
  run(context: CliContext): Promise<number>;
}

/**
 * Runs `work` on the configured database (DATABASE_URL, or the embedded one started for the command
 * and stopped after), with the schema migrated.
 */
export async function onDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await connectDatabase(config, () => {});
  try {
    await migrate(database.url);
    return await work(database.url);
  } finally {
    await database.stop();
  }
}

export const commands: Command[] = [
  {
    name: 'migrate',
    usage: 'migrate',
    summary: 'apply every pending database migration',
    async run({ print }) {
      const config = loadConfig();
      const database = await connectDatabase(config, () => {});
      try {
        const result = await migrate(database.url);
        const applied = result.results?.map((r) => r.migrationName) ?? [];
        print(
          applied.length ? `applied: ${applied.join(', ')}` : 'nothing to apply: the schema is up to date',
        );
      } finally {
        await database.stop();
      }
      return 0;
    },
  },
  ...reportingCommands,
  ...reportingCommands
    .filter((command) => command.name === 'demo load')
    .map((command) => ({ ...command, name: 'demo', usage: 'demo', summary: 'the same as demo load' })),
  importCommand,
];
