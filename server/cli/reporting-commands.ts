import { readFile } from 'node:fs/promises';
import { hashPassword } from '../auth/passwords.ts';
import { parseRole, type RoleGrant } from '../auth/roles.ts';
import { withDatabase } from '../db/connect.ts';
import { loadDemo } from '../demo/load-demo.ts';
import { InputError } from '../errors.ts';
import { checkedDefinition, publishQuestionnaire } from '../reporting/questionnaires.ts';
import { ReportingService } from '../reporting/service.ts';
import {
  createQuestionnaire,
  findPublishedVersion,
  findQuestionnaire,
  saveDraft,
} from '../repositories/questionnaires.ts';
import { createApiToken, createUser, findUserByEmail, grantRoles } from '../repositories/users.ts';
import { type Command, onDatabase } from './commands.ts';

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** Commands for administrators and scripts: accounts, tokens, demo data, questionnaires, cycles. */
export const reportingCommands: Command[] = [
  {
    name: 'user create',
    usage: 'user create --email <e> [--name <n>] [--password <p>] [--role <r>]…',
    summary: 'create a user or add roles (admin, secretariat:CMS, focal_point:FRA:CMS…)',
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string', multiple: true },
      language: { type: 'string' },
    },
    async run({ values, print }) {
      const email = text(values.email);
      if (!email) {
        print('--email is required');
        return 2;
      }
      const roles = (Array.isArray(values.role) ? values.role : []).map(String);
      const grants: RoleGrant[] = [];
      for (const role of roles) {
        const grant = parseRole(role);
        if (!grant) {
          print(
            `not a role: ${role} (use admin, analyst, secretariat:CMS, focal_point:FRA:CMS, contributor:FRA:CMS)`,
          );
          return 2;
        }
        grants.push(grant);
      }
      const password = text(values.password);
      const passwordHash = password ? await hashPassword(password) : null;
      return onDatabase((url) =>
        withDatabase(url, async (db) => {
          const existing = await findUserByEmail(db, email);
          const id =
            existing?.id ??
            (await createUser(db, {
              email,
              ...(text(values.name) ? { name: text(values.name) } : {}),
              passwordHash,
              language: text(values.language) ?? 'en',
            }));
          await grantRoles(db, id, grants);
          print(
            `${existing ? 'updated' : 'created'} user ${id} ${email.toLowerCase()}${roles.length ? ` with ${roles.join(', ')}` : ''}`,
          );
          return 0;
        }),
      );
    },
  },
  {
    name: 'token create',
    usage: 'token create --email <e-mail> [--name <token name>]',
    summary: 'print a new personal API token for a user',
    options: { email: { type: 'string' }, name: { type: 'string' } },
    async run({ values, print }) {
      const email = text(values.email);
      if (!email) {
        print('--email is required');
        return 2;
      }
      return onDatabase((url) =>
        withDatabase(url, async (db) => {
          const user = await findUserByEmail(db, email);
          if (!user) {
            print(`no user ${email}`);
            return 1;
          }
          const { token } = await createApiToken(db, user.id, text(values.name) ?? 'command line');
          print(token);
          return 0;
        }),
      );
    },
  },
  {
    name: 'demo load',
    usage: 'demo load',
    summary: 'load reference data, questionnaires with an open cycle each, demo accounts',
    async run({ print }) {
      return onDatabase((url) =>
        withDatabase(url, async (db) => {
          const summary = await loadDemo(db, print);
          return summary.skipped.length > 0 ? 1 : 0;
        }),
      );
    },
  },
  {
    name: 'questionnaire import',
    usage: 'questionnaire import <definition.json> [--publish]',
    summary: 'create a questionnaire or replace its draft; --publish freezes it',
    options: { publish: { type: 'boolean' } },
    async run({ values, positionals, print }) {
      const file = positionals[0];
      if (!file) {
        print('give the definition file');
        return 2;
      }
      let definition: ReturnType<typeof checkedDefinition>['definition'];
      try {
        ({ definition } = checkedDefinition(JSON.parse(await readFile(file, 'utf8'))));
      } catch (error) {
        if (error instanceof InputError) {
          print(`${file}: ${error.message}`);
          for (const problem of error.errors) print(`  ${problem.path.join('.')}: ${problem.message}`);
          return 1;
        }
        print(`${file}: ${(error as Error).message}`);
        return 1;
      }
      return onDatabase((url) =>
        withDatabase(url, (db) =>
          db.transaction().execute(async (trx) => {
            const existing = await findQuestionnaire(trx, definition.key);
            if (existing && existing.instrument_code !== definition.instrument) {
              print(`${definition.key} belongs to ${existing.instrument_code}, not ${definition.instrument}`);
              return 1;
            }
            if (existing) await saveDraft(trx, definition.key, definition, null);
            else {
              await createQuestionnaire(trx, {
                key: definition.key,
                instrument: definition.instrument,
                definition,
                userId: null,
              });
            }
            if (!values.publish) {
              print(`${definition.key}: draft ${existing ? 'replaced' : 'created'}`);
              return 0;
            }
            const published = await publishQuestionnaire(trx, definition.key, null);
            print(`${definition.key}: published version ${published.version} (${published.contentHash})`);
            return 0;
          }),
        ),
      );
    },
  },
  {
    name: 'cycle open',
    usage: 'cycle open --questionnaire <key> --version <n> --title <t> --opens <d> --closes <d>',
    summary: 'open a cycle: one report for each member Party',
    options: {
      questionnaire: { type: 'string' },
      version: { type: 'string' },
      title: { type: 'string' },
      opens: { type: 'string' },
      closes: { type: 'string' },
    },
    async run({ values, print }) {
      const [key, version, title, opens, closes] = [
        'questionnaire',
        'version',
        'title',
        'opens',
        'closes',
      ].map((name) => text(values[name]));
      const date = /^\d{4}-\d{2}-\d{2}$/;
      if (!key || !version || !/^\d+$/.test(version) || !title || !opens || !closes) {
        print('--questionnaire, --version (a number), --title, --opens and --closes are required');
        return 2;
      }
      if (!date.test(opens) || !date.test(closes) || closes < opens) {
        print('--opens and --closes are dates YYYY-MM-DD, the deadline not before the opening');
        return 2;
      }
      return onDatabase((url) =>
        withDatabase(url, async (db) => {
          const found = await findPublishedVersion(db, key, Number(version));
          if (!found) {
            print(`${key} has no published version ${version}`);
            return 1;
          }
          const cycle = await new ReportingService(db).openCycle({
            instrument: found.instrument_code,
            questionnaireVersionId: found.id,
            title,
            opensAt: opens,
            closesAt: closes,
            userId: null,
          });
          print(`opened cycle ${cycle.id} with ${cycle.reports} report(s)`);
          return 0;
        }),
      );
    },
  },
];
