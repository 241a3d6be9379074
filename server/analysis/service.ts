import type { Kysely } from 'kysely';
import { type LocalizedText, localize, type PlannedItem } from '../../forms/index.ts';
import type { Database } from '../db/schema.ts';
import { NotFoundError } from '../errors.ts';
import type { CompiledVersion, PlanCache } from '../reporting/plans.ts';
import { listConcepts } from '../repositories/catalogue.ts';
import { type Distribution, distributionOf, type Question, questionOf } from './distribution.ts';
import { type MatchKind, matchQuestion } from './match-question.ts';
import { RelevantCells } from './relevant-cells.ts';
import {
  conceptQuestions,
  cyclesUsingVersions,
  findAnalysedCycle,
  latestSnapshotIds,
  listAnalysedCycles,
  type PartyFilter,
  partyFacets,
  type SnapshotValue,
  snapshotValues,
} from './snapshots.ts';

/** One Party's answer to the analysed question: `value` is null when it did not answer or it did not apply. */
export interface PartyAnswer {
  code: string;
  name: string;
  region: string | null;
  state: 'answered' | 'unanswered' | 'not-applicable';
  value: unknown;
}

export interface CycleDistribution {
  questionId: string;
  match: MatchKind;
  reports: number;
  distribution: Distribution;
  parties: PartyAnswer[];
}

type AnalysedCycle = NonNullable<Awaited<ReturnType<typeof findAnalysedCycle>>>;

/**
 * Reading across reports: distributions of a question's answers over the Parties' submitted reports
 * (their last snapshot), the same question across an instrument's cycles, and a concept's answers in
 * every instrument. Values come out of the snapshots' jsonb one question at a time; the engine decides
 * what was relevant (RelevantCells).
 */
export class AnalysisService {
  readonly #relevant: RelevantCells;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly plans: PlanCache,
  ) {
    this.#relevant = new RelevantCells(db, plans);
  }

  cycles(instrument?: string) {
    return listAnalysedCycles(this.db, instrument);
  }

  async cycle(id: number): Promise<AnalysedCycle> {
    const cycle = await findAnalysedCycle(this.db, id);
    if (!cycle) throw new NotFoundError('cycle');
    return cycle;
  }

  /** The questions of a cycle's questionnaire that can be analysed, and the Party filters available. */
  async questions(cycleId: number, language: string) {
    const cycle = await this.cycle(cycleId);
    // Whoever lists a cycle's questions is about to analyse one: let the engine go through its
    // submissions meanwhile, so the first distribution needs only the database.
    this.#relevant.warm(await latestSnapshotIds(this.db, cycle.id));
    const { plan, definition } = await this.plans.get(cycle.questionnaire_version_id);
    const sections = new Map(definition.sections.map((section) => [section.id, section]));
    const questions = plan.items
      .filter((item) => item.containerKey === null && item.answerId === item.key && item.type !== 'file')
      .map((item) => ({
        id: item.key,
        number: 'number' in item.item ? (item.item.number ?? null) : null,
        label: localize(item.item.label ?? item.key, language),
        type: item.type,
        section: localize(sections.get(item.sectionId)?.title ?? item.sectionId, language),
        concept: item.item.concept ?? null,
      }));
    return { cycle, questions, filters: await partyFacets(this.db, [cycle.id]) };
  }

  /** The distribution of question `id` of the cycle's version across the cycle's submitted reports. */
  async distribution(cycleId: number, id: string, filter: PartyFilter, language: string) {
    const cycle = await this.cycle(cycleId);
    const source = await this.plans.get(cycle.questionnaire_version_id);
    const question = questionOf(source.plan, id);
    if (!question) throw new NotFoundError(`question ${id}`);
    const result = await this.#cycleDistribution(cycle, source, id, filter, language);
    if (!result) throw new NotFoundError(`question ${id}`);
    return { cycle, question: describe(question, language), ...result };
  }

  /** The same question in every cycle of the cycle's instrument, oldest first, where it can be matched. */
  async trend(cycleId: number, id: string, filter: PartyFilter, language: string) {
    const cycle = await this.cycle(cycleId);
    const source = await this.plans.get(cycle.questionnaire_version_id);
    const question = questionOf(source.plan, id);
    if (!question) throw new NotFoundError(`question ${id}`);
    const cycles = await listAnalysedCycles(this.db, cycle.instrument_code);
    const points = [];
    for (const other of cycles) {
      const found = await this.#cycleDistribution(other, source, id, filter, language);
      if (!found) continue;
      const { parties: _parties, ...rest } = found;
      points.push({ cycle: { id: other.id, title: other.title, opensAt: other.opens_at }, ...rest });
    }
    return { cycle, question: describe(question, language), points };
  }

  async #cycleDistribution(
    cycle: { id: number; questionnaire_version_id: number },
    source: CompiledVersion,
    id: string,
    filter: PartyFilter,
    language: string,
  ): Promise<CycleDistribution | null> {
    const target = await this.plans.get(cycle.questionnaire_version_id);
    const matched = matchQuestion(source, target, id);
    if (!matched) return null;
    const question = questionOf(target.plan, matched.id);
    if (!question) return null;
    const rows = await snapshotValues(this.db, [cycle.id], new Map([[target.id, matched.id]]), filter);
    const other = await this.#otherVersions(cycle.id, target, matched.id, rows);
    const all = [...rows, ...other];
    const relevant = await this.#relevant.of(all.map((row) => row.snapshot_id));
    const parties: PartyAnswer[] = [];
    let distribution: Distribution;
    if (question.cells) {
      distribution = {
        kind: 'table',
        n: 0,
        cells: question.cells.map(({ row, column }) => {
          const values: unknown[] = [];
          for (const snapshot of all) {
            const key = `${matched.id}.${row.id}.${column.id}`;
            if (!relevant.get(snapshot.snapshot_id)?.has(key)) continue;
            values.push(cellValue(snapshot.value, row.id, column.id));
          }
          return {
            row: { id: row.id, label: localize(row.label, language) },
            column: { id: column.id, label: localize(column.item.label ?? column.id, language) },
            distribution: distributionOf(column, values, language),
          };
        }),
      };
      for (const snapshot of all) {
        const cells = relevant.get(snapshot.snapshot_id) ?? new Set();
        const answered = [...cells].some((key) => key.startsWith(`${matched.id}.`));
        parties.push(partyAnswer(snapshot, language, answered ? 'answered' : 'unanswered', null));
      }
      distribution.n = parties.filter((party) => party.state === 'answered').length;
    } else {
      const values: unknown[] = [];
      for (const snapshot of all) {
        const answered = relevant.get(snapshot.snapshot_id)?.has(matched.id) ?? false;
        const present = snapshot.value !== null && snapshot.value !== undefined && snapshot.value !== '';
        if (answered) values.push(snapshot.value);
        const state = answered ? 'answered' : present ? 'not-applicable' : 'unanswered';
        parties.push(partyAnswer(snapshot, language, state, answered ? snapshot.value : null));
      }
      distribution = distributionOf(question.item, values, language);
    }
    parties.sort((a, b) => a.code.localeCompare(b.code));
    return { questionId: matched.id, match: matched.match, reports: all.length, distribution, parties };
  }

  /** Submitted reports of the cycle on another version than the cycle's (after a version change). */
  async #otherVersions(cycleId: number, target: CompiledVersion, id: string, found: SnapshotValue[]) {
    const versions = await this.db
      .selectFrom('reports')
      .select('questionnaire_version_id')
      .distinct()
      .where('cycle_id', '=', cycleId)
      .where('status', '=', 'submitted')
      .where('questionnaire_version_id', '<>', target.id)
      .execute();
    if (versions.length === 0) return [];
    const byVersion = new Map<number, string>();
    for (const { questionnaire_version_id: versionId } of versions) {
      const matched = matchQuestion(target, await this.plans.get(versionId), id);
      if (matched) byVersion.set(versionId, matched.id);
    }
    const seen = new Set(found.map((row) => row.report_id));
    return (await snapshotValues(this.db, [cycleId], byVersion)).filter((row) => !seen.has(row.report_id));
  }

  /**
   * For a concept, or every concept with a tag, each Party's answers in every cycle of every instrument
   * that asks it (only instruments `mayRead` allows), side by side: one column per concept and cycle.
   */
  async compare(
    selector: { concept?: string; tag?: string },
    filter: PartyFilter,
    language: string,
    mayRead: (instrument: string) => boolean,
  ) {
    const concepts = (await listConcepts(this.db, selector.tag)).filter(
      (concept) => selector.concept === undefined || concept.id === selector.concept,
    );
    const questions = await conceptQuestions(
      this.db,
      concepts.map((concept) => concept.id),
    );
    const cycles = (
      await cyclesUsingVersions(this.db, [...new Set(questions.map((q) => q.questionnaire_version_id))])
    ).filter((cycle) => mayRead(cycle.instrument_code));
    const columns: CompareColumn[] = [];
    const rows = new Map<
      string,
      { party: { code: string; name: string; region: string | null }; cells: unknown[] }
    >();
    const cells: { party: SnapshotValue; column: number }[] = [];
    for (const concept of concepts) {
      const byVersion = new Map<number, string>();
      for (const q of questions) {
        if (q.concept_id !== concept.id) continue;
        const { plan } = await this.plans.get(q.questionnaire_version_id);
        const item = plan.item(q.item_id);
        if (item && item.containerKey === null && item.answerId === item.key)
          byVersion.set(q.questionnaire_version_id, q.item_id);
      }
      const conceptCycles = cycles.filter((cycle) => byVersion.has(cycle.questionnaire_version_id));
      const values = await snapshotValues(
        this.db,
        conceptCycles.map((cycle) => cycle.id),
        byVersion,
        filter,
      );
      const relevant = await this.#relevant.of(values.map((value) => value.snapshot_id));
      for (const cycle of conceptCycles) {
        const itemId = byVersion.get(cycle.questionnaire_version_id) ?? '';
        const version = await this.plans.get(cycle.questionnaire_version_id);
        const item = version.plan.item(itemId) as PlannedItem;
        const index = columns.length;
        columns.push({
          concept: concept.id,
          instrument: cycle.instrument_code,
          cycle: { id: cycle.id, title: cycle.title, opensAt: cycle.opens_at },
          questionnaire: version.key,
          version: version.version ?? 0,
          itemId,
          label: localize(item.item.label ?? itemId, language),
          type: item.type,
          options:
            item.options?.map((option) => ({
              value: option.value,
              label: localize(option.label, language),
            })) ?? null,
        });
        for (const value of values) {
          if (value.cycle_id !== cycle.id) continue;
          const answerId = byVersion.get(value.questionnaire_version_id) ?? '';
          if (relevant.get(value.snapshot_id)?.has(answerId)) cells.push({ party: value, column: index });
        }
      }
      for (const value of values) {
        if (!rows.has(value.party_code)) {
          rows.set(value.party_code, {
            party: {
              code: value.party_code,
              name: localize(value.party_name, language),
              region: value.region,
            },
            cells: [],
          });
        }
      }
    }
    for (const row of rows.values()) row.cells = columns.map(() => null);
    for (const { party, column } of cells) {
      const row = rows.get(party.party_code);
      if (row) row.cells[column] = party.value;
    }
    return {
      concepts: concepts.map((concept) => ({
        id: concept.id,
        label: localize(concept.label as LocalizedText, language),
        tags: concept.tags,
      })),
      columns,
      rows: [...rows.values()].sort((a, b) => a.party.code.localeCompare(b.party.code)),
    };
  }
}

export interface CompareColumn {
  concept: string;
  instrument: string;
  cycle: { id: number; title: string; opensAt: string };
  questionnaire: string;
  version: number;
  itemId: string;
  label: string;
  type: string;
  options: { value: string; label: string }[] | null;
}

function describe(question: Question, language: string) {
  const item = question.item;
  return {
    id: item.key,
    label: localize(item.item.label ?? item.key, language),
    type: item.type,
    multiple: item.item.type === 'choice' ? item.item.multiple === true : false,
    concept: item.item.concept ?? null,
  };
}

function partyAnswer(
  row: SnapshotValue,
  language: string,
  state: PartyAnswer['state'],
  value: unknown,
): PartyAnswer {
  return { code: row.party_code, name: localize(row.party_name, language), region: row.region, state, value };
}

function cellValue(answer: unknown, row: string, column: string): unknown {
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) return null;
  const cells = (answer as Record<string, unknown>)[row];
  if (typeof cells !== 'object' || cells === null || Array.isArray(cells)) return null;
  return (cells as Record<string, unknown>)[column] ?? null;
}
