import { readdir, readFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { checkDefinition, type Definition } from '../../forms/index.ts';
import { hashPassword } from '../auth/passwords.ts';
import { parseRole } from '../auth/roles.ts';
import type { Database } from '../db/schema.ts';
import { knownConcepts } from '../reporting/known-concepts.ts';
import { publishQuestionnaire } from '../reporting/questionnaires.ts';
import { ReportingService } from '../reporting/service.ts';
import { createQuestionnaire, findQuestionnaire, upsertConcepts } from '../repositories/questionnaires.ts';
import { setMembership, upsertInstrument, upsertParty } from '../repositories/reference.ts';
import { createUser, findUserByEmail, grantRoles } from '../repositories/users.ts';
import { fillDemoReports } from './demo-reports.ts';

const definitionsFolder = new URL('../../forms/definitions/', import.meta.url);
const referenceFile = new URL('./reference-data.json', import.meta.url);

const localized = z.record(z.string(), z.string());
const referenceSchema = z.object({
  instruments: z.array(
    z.object({
      code: z.string(),
      name: localized,
      parent: z.string().nullish(),
      languages: z.array(z.string()).optional(),
    }),
  ),
  parties: z.array(z.object({ code: z.string(), name: localized, region: z.string().nullish() })),
  memberships: z.array(z.object({ instrument: z.string(), party: z.string(), since: z.string().nullish() })),
});

/** The password of every demo account (the demo runs on a local, embedded database). */
export const demoPassword = 'ors-demo-2026';

/** Demo accounts: e-mail, name and roles (roles on an instrument or Party that is missing are left out). */
export const demoUsers: { email: string; name: string; roles: string[] }[] = [
  { email: 'admin@ors.local', name: 'Ada Admin', roles: ['admin'] },
  { email: 'secretariat.cms@ors.local', name: 'Clara CMS Secretariat', roles: ['secretariat:CMS'] },
  { email: 'secretariat.aewa@ors.local', name: 'Aaron AEWA Secretariat', roles: ['secretariat:AEWA'] },
  {
    email: 'secretariat.raptors@ors.local',
    name: 'Rita Raptors Secretariat',
    roles: ['secretariat:RAPTORS'],
  },
  {
    email: 'focal.fra@ors.local',
    name: 'Françoise Focal Point',
    roles: ['focal_point:FRA:CMS', 'focal_point:FRA:AEWA', 'focal_point:FRA:RAPTORS'],
  },
  { email: 'contributor.fra@ors.local', name: 'Claude Contributor', roles: ['contributor:FRA:CMS'] },
  {
    email: 'focal.ken@ors.local',
    name: 'Kamau Focal Point',
    roles: ['focal_point:KEN:CMS', 'focal_point:KEN:AEWA'],
  },
  { email: 'analyst@ors.local', name: 'Ana Analyst', roles: ['analyst'] },
];

export interface DemoSummary {
  instruments: number;
  parties: number;
  questionnaires: string[];
  skipped: { file: string; reason: string }[];
  cycles: number;
  users: number;
}

/**
 * Loads the demo: reference data (server/demo/reference-data.json), concepts and questionnaires
 * (forms/definitions/), each published as version 1 with a cycle open on it, and demo accounts.
 * Safe to run again: what exists is kept (reference data is updated).
 */
export async function loadDemo(
  db: Kysely<Database>,
  log: (line: string) => void = () => {},
): Promise<DemoSummary> {
  const reference = referenceSchema.parse(JSON.parse(await readFile(referenceFile, 'utf8')));
  // Parents first, so the foreign key to the parent holds.
  const instruments = [...reference.instruments].sort(
    (a, b) => Number(Boolean(a.parent)) - Number(Boolean(b.parent)),
  );
  await db.transaction().execute(async (trx) => {
    for (const instrument of instruments) await upsertInstrument(trx, instrument);
    for (const party of reference.parties) await upsertParty(trx, party);
    for (const m of reference.memberships) await setMembership(trx, m.instrument, m.party, m.since ?? null);
  });

  const files = (await readdir(definitionsFolder)).filter((file) => file.endsWith('.json')).sort();
  await upsertConcepts(db, await knownConcepts());

  const summary: DemoSummary = {
    instruments: instruments.length,
    parties: reference.parties.length,
    questionnaires: [],
    skipped: [],
    cycles: 0,
    users: 0,
  };
  const known = new Set((await db.selectFrom('instruments').select('code').execute()).map((row) => row.code));
  let passwordHash: string | undefined;
  for (const user of demoUsers) {
    if (await findUserByEmail(db, user.email)) continue;
    passwordHash ??= await hashPassword(demoPassword);
    const grants = user.roles.flatMap((text) => {
      const grant = parseRole(text);
      return grant ? [grant] : [];
    });
    const id = await createUser(db, { email: user.email, name: user.name, passwordHash });
    await grantRoles(
      db,
      id,
      grants.filter((grant) => !('instrument' in grant) || known.has(grant.instrument)),
    );
    summary.users += 1;
  }
  for (const file of files.filter((name) => name !== 'concepts.json')) {
    const checked = checkDefinition(JSON.parse(await readFile(new URL(file, definitionsFolder), 'utf8')));
    if (!checked.ok) {
      const first = checked.issues[0];
      const reason = `${checked.issues.length} problem(s), first at ${first?.path.join('.')}: ${first?.message}`;
      summary.skipped.push({ file, reason });
      log(`demo: skipped ${file}: ${reason}`);
      continue;
    }
    const cycleId = await publishWithCycle(db, checked.value);
    summary.questionnaires.push(checked.value.key);
    if (cycleId !== null) summary.cycles += 1;
  }
  // After the accounts, whose names the reports' history then shows, and the cycles.
  await fillDemoReports(db, log);

  log(
    `demo: ${summary.instruments} instruments, ${summary.parties} Parties, questionnaires ${summary.questionnaires.join(', ') || 'none'}, ${summary.cycles} new cycle(s), ${summary.users} new account(s) (password ${demoPassword})`,
  );
  return summary;
}

/** Creates and publishes a questionnaire the first time and opens a cycle on it; the new cycle's id, or null. */
async function publishWithCycle(db: Kysely<Database>, definition: Definition): Promise<number | null> {
  const published = await db.transaction().execute(async (trx) => {
    if (await findQuestionnaire(trx, definition.key)) return null;
    await createQuestionnaire(trx, {
      key: definition.key,
      instrument: definition.instrument,
      definition,
      userId: null,
    });
    return publishQuestionnaire(trx, definition.key, null);
  });
  if (!published) return null;
  const today = new Date();
  const day = (offset: number) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  const cycle = await new ReportingService(db).openCycle({
    instrument: definition.instrument,
    questionnaireVersionId: published.versionId,
    title: `National reports ${today.getUTCFullYear()} (${definition.key}, version ${published.version})`,
    opensAt: day(-30),
    closesAt: day(180),
    userId: null,
  });
  return cycle.id;
}
