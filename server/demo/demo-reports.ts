import { type Kysely, sql } from 'kysely';
import {
  checkAnswerShape,
  compileDefinition,
  type Definition,
  evaluateReport,
  type Item,
  type Option,
  walkItems,
} from '../../forms/index.ts';
import type { Actor } from '../auth/policy.ts';
import type { Database } from '../db/schema.ts';
import { createHandOver } from '../handover/store.ts';
import { BatchedReportingService } from '../reporting/batched-saves.ts';
import { changeStatus, createSnapshot } from '../repositories/reports.ts';

/**
 * Gives the demo cycles reports in every status: France in progress (about half answered by its focal
 * point), a third Party submitted (by its focal point when complete, else on its behalf by the
 * secretariat, as a report received by e-mail) and published, Kenya submitted and asking to be reopened;
 * of the other Parties, one in three submitted with answers of its own (most of them published, so the
 * analysis pages and the public portal have something to show), one in six in progress, the rest not
 * started. Only demo cycles (opened by the loader, no author) whose reports are all untouched are
 * filled, so a second run changes nothing.
 */
export async function fillDemoReports(db: Kysely<Database>, log: (line: string) => void = () => {}) {
  const cycles = await db
    .selectFrom('cycles as c')
    .innerJoin('questionnaire_versions as v', 'v.id', 'c.questionnaire_version_id')
    .select(['c.id', 'c.instrument_code', 'v.definition'])
    .where('c.created_by', 'is', null)
    .where('c.title', 'like', 'National reports %')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('reports as r')
            .select('r.id')
            .whereRef('r.cycle_id', '=', 'c.id')
            .where('r.revision', '>', 0),
        ),
      ),
    )
    .execute();
  if (cycles.length === 0) return;
  const reporting = new BatchedReportingService(db);
  for (const cycle of cycles) {
    const definition = cycle.definition as Definition;
    const answers = plausibleAnswers(definition);
    const ids = Object.keys(answers);
    const reports = await db
      .selectFrom('reports')
      .select(['id', 'party_code'])
      .where('cycle_id', '=', cycle.id)
      .orderBy('party_code')
      .execute();
    const byParty = new Map(reports.map((report) => [report.party_code, report.id]));
    const secretariat = await actorOf(db, `secretariat.${cycle.instrument_code.toLowerCase()}@ors.local`);
    const focalFra = await actorOf(db, 'focal.fra@ors.local');
    const focalKen = await actorOf(db, 'focal.ken@ors.local');
    const third = reports.find((report) => report.party_code !== 'FRA' && report.party_code !== 'KEN');

    const france = byParty.get('FRA');
    if (france !== undefined && focalFra) {
      const half = Object.fromEntries(ids.slice(0, Math.ceil(ids.length / 2)).map((id) => [id, answers[id]]));
      await reporting.save(france, focalFra, { baseRevision: 0, set: half });
      // France's contributor to CMS has the second section of the report handed to it.
      const contributor = await actorOf(db, 'contributor.fra@ors.local');
      const section = definition.sections[1];
      if (contributor && section && cycle.instrument_code === 'CMS') {
        await createHandOver(db, {
          reportId: france,
          userId: contributor.userId,
          sectionId: section.id,
          loopId: null,
          iterations: null,
          note: 'Could you complete this section with the species experts?',
          createdBy: focalFra.userId,
        });
      }
    }
    if (third && secretariat) {
      await answerAndSubmit(db, reporting, third.id, answers, secretariat, null);
      await reporting.publish(third.id, secretariat, true);
    }
    const others = reports.filter((report) => !['FRA', 'KEN', third?.party_code].includes(report.party_code));
    for (const [index, report] of others.entries()) {
      if (!secretariat) break;
      const own = plausibleAnswers(definition, index + 1);
      if (index % 3 === 0) {
        await answerAndSubmit(db, reporting, report.id, own, secretariat, null);
        if (index % 4 !== 0) await reporting.publish(report.id, secretariat, true);
      } else if (index % 6 === 1) {
        const some = Object.fromEntries(Object.entries(own).filter((_, position) => position % 3 !== 0));
        await reporting.save(report.id, secretariat, { baseRevision: 0, set: some });
      }
    }
    const kenya = byParty.get('KEN');
    if (kenya !== undefined && secretariat) {
      await answerAndSubmit(db, reporting, kenya, answers, secretariat, focalKen);
      await reporting.requestReopen(
        kenya,
        focalKen ?? secretariat,
        'Our fisheries ministry sent corrected figures for section 3.',
      );
    }
    await backdateDemoProgress(db, cycle.id);
    log(`demo: cycle ${cycle.id} (${cycle.instrument_code}) has reports in every status`);
  }
}

/**
 * DEMO DATA ONLY: the demo fills its reports in one go, today, so their recorded progress would have one
 * day. To give the desk's progress chart a plausible history, each report filled gets two invented earlier
 * days: nothing answered on the opening date, then half its answers on a day between then and yesterday
 * (a different day for each report). Real reports only ever have the days the trigger records.
 */
async function backdateDemoProgress(db: Kysely<Database>, cycleId: number): Promise<void> {
  await sql`
    INSERT INTO report_progress_days (report_id, day, percent, answered, required)
    SELECT p.report_id, d.day, d.percent, d.answered, p.required
    FROM reports r
    JOIN cycles c ON c.id = r.cycle_id
    JOIN report_progress_days p ON p.report_id = r.id,
      LATERAL (SELECT (now() AT TIME ZONE 'UTC')::date AS today) t,
      LATERAL (VALUES
        (c.opens_at, 0, 0),
        (least(c.opens_at + 7 + r.id % 17, t.today - 1), p.percent / 2, p.answered / 2)
      ) AS d(day, percent, answered)
    WHERE r.cycle_id = ${cycleId} AND r.revision > 0 AND p.day = t.today AND c.opens_at < t.today - 1
    ON CONFLICT (report_id, day) DO NOTHING
  `.execute(db);
}

/** Answers everything it can, then submits: as the focal point when nothing is missing, else on behalf. */
async function answerAndSubmit(
  db: Kysely<Database>,
  reporting: BatchedReportingService,
  reportId: number,
  answers: Record<string, unknown>,
  secretariat: Actor,
  focalPoint: Actor | null,
): Promise<void> {
  const saved = await reporting.save(reportId, focalPoint ?? secretariat, { baseRevision: 0, set: answers });
  if (focalPoint && saved.ok && saved.result.issues.length === 0) {
    await reporting.submit(reportId, focalPoint, false);
    return;
  }
  const { header, answers: stored, evaluation } = await reporting.read(reportId);
  const revision = header.revision + 1;
  await db.transaction().execute(async (trx) => {
    await createSnapshot(trx, {
      reportId,
      revision,
      questionnaireVersionId: header.questionnaire_version_id,
      answers: stored as Record<string, unknown>,
      calculated: evaluation.calculated,
      userId: secretariat.userId,
      onBehalf: true,
    });
    await changeStatus(trx, {
      reportId,
      kind: 'submitted-on-behalf',
      fromStatus: header.status,
      toStatus: 'submitted',
      revision,
      userId: secretariat.userId,
      note: 'Received by e-mail from the national focal point.',
      set: { submitted_at: new Date(), submitted_by: secretariat.userId, reopen_requested_at: null },
    });
  });
}

async function actorOf(db: Kysely<Database>, email: string): Promise<Actor | null> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'language'])
    .where('email', '=', email)
    .executeTakeFirst();
  if (!user) return null;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    language: user.language,
    roles: [],
    via: 'token',
  };
}

/**
 * A plausible answer for every top-level question of a simple type, kept only when its shape is right.
 * `seed` 0 gives the same middle-of-the-range answers every time; another seed gives each Party answers
 * of its own (numbers across their range, other options), the same for the same seed.
 */
export function plausibleAnswers(definition: Definition, seed = 0): Record<string, unknown> {
  const plan = compileDefinition(definition);
  const answers: Record<string, unknown> = {};
  for (const { item, container } of walkItems(definition)) {
    if (container !== null) continue;
    const value = plausibleValue(
      item,
      definition,
      seed === 0 ? null : (salt: string) => draw(seed, item.id + salt),
    );
    if (value === undefined) continue;
    if (checkAnswerShape(plan, { [item.id]: value }).length === 0) answers[item.id] = value;
  }
  // An answer the engine finds wrong (a constraint, a limit) gets another date, or is left out.
  const laterDates = ['2026-06-30', '2023-07-01'];
  for (let attempt = 0; attempt <= laterDates.length; attempt++) {
    const wrong = new Set(
      evaluateReport(plan, answers)
        .issues.filter((issue) => issue.code !== 'required' && Object.hasOwn(answers, issue.itemId))
        .map((issue) => issue.itemId),
    );
    if (wrong.size === 0) break;
    for (const id of wrong) {
      const date = laterDates[attempt];
      if (typeof answers[id] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(answers[id]) && date)
        answers[id] = date;
      else delete answers[id];
    }
  }
  return answers;
}

/** A number in [0, 1) drawn from `seed` and `key`, always the same for the same two (FNV-1a). */
function draw(seed: number, key: string): number {
  let hash = 0x811c9dc5 ^ seed;
  for (let index = 0; index < key.length; index++) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) / 2 ** 32;
}

function plausibleValue(
  item: Item,
  definition: Definition,
  random: ((salt: string) => number) | null,
): unknown {
  switch (item.type) {
    case 'text':
    case 'textarea': {
      if (item.format === 'email') return 'focal.point@example.org';
      if (item.format === 'url') return 'https://www.cms.int/';
      if (item.pattern) return undefined;
      const text =
        item.type === 'textarea'
          ? 'National action plan adopted; monitoring of key sites continues with partners.'
          : 'Ministry of Environment';
      return text.slice(0, item.maxLength ?? text.length);
    }
    case 'integer':
    case 'decimal': {
      const low = typeof item.min === 'number' ? item.min : 0;
      const high = typeof item.max === 'number' ? item.max : low + 100;
      // Skewed towards small counts, as most national figures are.
      const middle = low + (high - low) * (random ? random('') ** 2 : 1 / 4);
      return item.type === 'integer' ? Math.round(middle) : Math.round(middle * 10) / 10;
    }
    case 'date':
      return typeof item.min === 'string' && item.min > '2025-06-30' ? item.min : '2025-06-30';
    case 'boolean':
      return random ? random('') < 0.7 : true;
    case 'choice': {
      const options: readonly Option[] =
        typeof item.options === 'string' ? (definition.codeLists?.[item.options] ?? []) : item.options;
      const values = options.map((option) => option.value);
      if (values.length === 0) return undefined;
      if (!random) return item.multiple ? values.slice(0, Math.max(1, item.minSelected ?? 1)) : values[0];
      if (!item.multiple) return values[Math.floor(random('') * values.length)];
      const chosen = values.filter((value) => random(value) < 0.4);
      const least = Math.max(1, item.minSelected ?? 1);
      const most = item.maxSelected ?? values.length;
      return (chosen.length >= least ? chosen : values.slice(0, least)).slice(0, most);
    }
    default:
      return undefined;
  }
}
