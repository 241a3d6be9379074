import { extname } from 'node:path';
import { withDatabase } from '../db/connect.ts';
import { importWorkbookFile } from '../xlsform/import-file.ts';
import { type CliContext, type Command, onDatabase } from './commands.ts';

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** `import FILE`: an .xlsx workbook here; a JSON definition goes to `questionnaire import`. */
export const importCommand: Command = {
  name: 'import',
  usage: 'import <file.xlsx|definition.json> [--instrument <code>] [--key <key>] [--publish]',
  summary:
    'import a questionnaire draft from an XLSForm workbook (prints the mapping report) or a JSON definition',
  options: { instrument: { type: 'string' }, key: { type: 'string' }, publish: { type: 'boolean' } },
  async run(context: CliContext) {
    const file = context.positionals[0];
    if (!file) {
      context.print('give the file to import');
      return 2;
    }
    if (extname(file).toLowerCase() !== '.xlsx') {
      const { reportingCommands } = await import('./reporting-commands.ts');
      const json = reportingCommands.find((command) => command.name === 'questionnaire import');
      if (!json) return 2;
      return json.run({ ...context, values: { publish: context.values.publish } });
    }
    const options = {
      instrument: text(context.values.instrument),
      key: text(context.values.key),
      publish: context.values.publish === true,
    };
    return onDatabase((url) =>
      withDatabase(url, (db) => importWorkbookFile(db, file, options, context.print)),
    );
  },
};
