import { isoToday } from '../expression/functions.ts';
import type { CompiledPlan } from '../plan/compiled-plan.ts';
import { EvalFrame, evaluateLevelValues, type NodeState, validateLevel } from './engine.ts';
import type {
  AnswerIssue,
  EvaluationContext,
  ReportEvaluation,
  ReportProgress,
  SectionProgress,
} from './types.ts';

const percentOf = (answered: number, required: number) =>
  required === 0 ? 100 : Math.floor((answered * 100) / required);

/** The top-level frame of a report, evaluated in full. */
export function evaluateRoot(
  plan: CompiledPlan,
  answers: Record<string, unknown>,
  ctx: EvaluationContext,
): EvalFrame {
  // Answers are only read here (own properties, see answerOf); FormState passes its own copy.
  const raw = answers !== null && typeof answers === 'object' && !Array.isArray(answers) ? answers : {};
  const root = new EvalFrame(
    plan.root,
    null,
    null,
    {
      party: typeof ctx.party === 'string' ? ctx.party : null,
      today: typeof ctx.today === 'string' ? ctx.today : isoToday(),
    },
    raw,
    '',
    [],
    null,
  );
  evaluateLevelValues(plan, root);
  validateLevel(plan, root);
  return root;
}

/** Progress of the report and of each section, from the states of the top-level nodes. */
export function progressOf(plan: CompiledPlan, root: EvalFrame): ReportProgress {
  const sections: Record<string, SectionProgress> = {};
  const bySection: SectionProgress[] = [];
  for (const section of plan.sections) {
    const entry: SectionProgress = {
      answered: 0,
      required: 0,
      percent: 100,
      issues: 0,
      relevant: root.states[section.index]?.relevant ?? false,
    };
    bySection[section.sectionIndex] = entry;
    sections[section.id] = entry;
  }
  let answered = 0;
  let required = 0;
  let issues = 0;
  for (const node of plan.root.nodes) {
    const state = root.states[node.index];
    const entry = bySection[node.sectionIndex];
    if (state === undefined || entry === undefined || node.kind === 'section') continue;
    entry.answered += state.answeredCount;
    entry.required += state.requiredCount;
    entry.issues += state.issueCount;
  }
  for (const entry of bySection) {
    if (entry === undefined) continue;
    entry.percent = percentOf(entry.answered, entry.required);
    answered += entry.answered;
    required += entry.required;
    issues += entry.issues;
  }
  return { answered, required, percent: percentOf(answered, required), issues, sections };
}

/** Calls `visit` on every state of a frame and of the rows inside it, in document order. */
export function forEachState(frame: EvalFrame, visit: (state: NodeState) => void): void {
  for (const state of frame.states) {
    if (state === undefined) continue;
    visit(state);
    if (state.rows !== null) for (const row of state.rows) forEachState(row, visit);
  }
}

/** The plain, serialisable evaluation of a report from its evaluated top-level frame. */
export function serializeRun(plan: CompiledPlan, root: EvalFrame): ReportEvaluation {
  const calculated: Record<string, unknown> = {};
  const irrelevant: string[] = [];
  const issues: AnswerIssue[] = [];
  const visit = (frame: EvalFrame) => {
    for (const node of frame.level.nodes) {
      const state = frame.states[node.index];
      if (state === undefined || node.kind === 'section') continue;
      if (node.type === 'calculated') calculated[state.key] = state.value;
      if (!state.relevant) {
        irrelevant.push(state.key);
        continue;
      }
      for (const issue of state.issues) issues.push(issue);
      if (state.rows !== null) for (const row of state.rows) visit(row);
    }
  };
  visit(root);
  return { calculated, irrelevant, issues, progress: progressOf(plan, root) };
}
