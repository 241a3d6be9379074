import type { Kysely } from 'kysely';
import { checkAnswerShape, type Plan } from '../../forms/index.ts';
import type { Database } from '../db/schema.ts';
import { prefillSources } from '../repositories/reports.ts';

export interface PrefillSuggestion {
  /** The answer id of this report it would fill. */
  id: string;
  value: unknown;
  /** `previous-cycle`: the same questionnaire's earlier report; `other-instrument`: a shared concept. */
  kind: 'previous-cycle' | 'other-instrument';
  concept: string | null;
  source: {
    reportId: number;
    instrument: string;
    cycle: { id: number; title: string };
    questionnaire: { key: string; version: number };
    itemId: string;
    submittedAt: string;
  };
}

/**
 * Answers this report could take from the Party's other submitted reports, for the questions it has not
 * answered: from an earlier report on the same questionnaire by the same id or concept, and from
 * reports to other instruments by concept. Newest source first; only values of the right shape.
 * Nothing is written: the respondent chooses and saves.
 */
export async function prefillSuggestions(
  db: Kysely<Database>,
  report: { id: number; party: string; questionnaireKey: string; answers: Record<string, unknown> },
  plan: Plan,
): Promise<PrefillSuggestion[]> {
  const concepts = new Map<string, string>();
  for (const item of plan.items) {
    if (item.containerKey === null && item.answerId === item.key && item.item.concept) {
      concepts.set(item.key, item.item.concept);
    }
  }
  const sources = await prefillSources(db, report.id, report.party);
  const suggestions: PrefillSuggestion[] = [];
  const seen = new Set<string>();
  for (const id of plan.answerIds) {
    if (report.answers[id] !== undefined) continue;
    const concept = concepts.get(id) ?? null;
    for (const source of sources) {
      const sameQuestionnaire = source.questionnaire_key === report.questionnaireKey;
      const itemByConcept = concept
        ? Object.entries(source.concepts ?? {}).find(([, sourceConcept]) => sourceConcept === concept)?.[0]
        : undefined;
      const itemId = sameQuestionnaire && source.answers[id] !== undefined ? id : itemByConcept;
      if (!itemId) continue;
      const value = source.answers[itemId];
      if (value === undefined || value === null) continue;
      const key = `${id}\u0000${JSON.stringify(value)}`;
      if (seen.has(key) || checkAnswerShape(plan, { [id]: value }).length > 0) continue;
      seen.add(key);
      suggestions.push({
        id,
        value,
        kind: sameQuestionnaire ? 'previous-cycle' : 'other-instrument',
        concept: itemId === itemByConcept ? concept : null,
        source: {
          reportId: source.report_id,
          instrument: source.instrument_code,
          cycle: { id: source.cycle_id, title: source.cycle_title },
          questionnaire: { key: source.questionnaire_key, version: source.version },
          itemId,
          submittedAt: new Date(source.submitted_at).toISOString(),
        },
      });
    }
  }
  return suggestions;
}
