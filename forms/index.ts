/**
 * The ORS form engine: questionnaire definitions, the expression language, evaluation of answers,
 * incremental evaluation for the browser, and versions. Pure TypeScript, shared by server and client.
 */

export { answerIds } from './answers/answer-ids.ts';
export { checkAnswerShape } from './answers/check-answer-shape.ts';
export { checkDefinition } from './definition/check-definition.ts';
export { type DefinitionText, definitionTexts } from './definition/definition-texts.ts';
export { definitionJsonSchema } from './definition/json-schema.ts';
export { definitionLimits } from './definition/limits.ts';
export { type LocalizedText, localize } from './definition/localized-text.ts';
export {
  type BooleanItem,
  type CalculatedItem,
  type ChoiceItem,
  type ColumnItem,
  type DateItem,
  type Definition,
  definitionSchema,
  type FileItem,
  type GroupItem,
  type Item,
  type ItemType,
  itemSchema,
  type LoopItem,
  type NoteItem,
  type NumberItem,
  type Option,
  optionSchema,
  type RankingItem,
  type RepeatChild,
  type RepeatItem,
  type Section,
  sectionSchema,
  type TableItem,
  type TableRow,
  type TextItem,
} from './definition/schema.ts';
export { type WalkedItem, walkItems } from './definition/walk-items.ts';
export { defaultAnswers } from './evaluate/default-answers.ts';
export { evaluateReport } from './evaluate/evaluate-report.ts';
export { createFormState } from './evaluate/form-state.ts';
export type {
  AnswerIssue,
  AnswerIssueCode,
  EvaluationContext,
  FormState,
  FormStateListener,
  Progress,
  ReportEvaluation,
  ReportProgress,
  SectionProgress,
} from './evaluate/types.ts';
export {
  type AnswerColumn,
  answerColumns,
  type Cell,
  flattenAnswers,
  repeatRowCounts,
} from './export/answer-columns.ts';
export type { Expression, FunctionName } from './expression/ast.ts';
export { operatorPrecedence, parseExpression } from './expression/parse-expression.ts';
export { type HandedPart, type HandedShare, handedShares } from './handover/handed-parts.ts';
export { formatIssue } from './messages/format-issue.ts';
export { formatProblem } from './messages/format-problem.ts';
export { problemCatalogues, problemCodes } from './messages/problem-catalogues.ts';
export { compileDefinition } from './plan/compile-definition.ts';
export type { Plan, PlannedItem } from './plan/types.ts';
export type { CheckResult, Path, Problem, ProblemParams, Result } from './result.ts';
export { carryAnswers } from './versions/carry-answers.ts';
export { diffDefinitions } from './versions/diff-definitions.ts';
export type { CarryResult, DefinitionChange } from './versions/types.ts';

/** Answers of a report, keyed by top-level answer id. */
export type Answers = Record<string, unknown>;
