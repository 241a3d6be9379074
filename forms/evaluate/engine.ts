import { expectedKind, isPlainObject, maxRepeatRows, scalarShapeFits } from '../answers/value-shape.ts';
import { localize } from '../definition/localized-text.ts';
import type { Option } from '../definition/schema.ts';
import {
  answerOf,
  type Frame,
  noRows,
  normalizeValue,
  own,
  Rows,
  type RuntimeContext,
} from '../expression/values.ts';
import { fillTemplate, issueCatalogues } from '../messages/catalogues.ts';
import type { CompiledPlan } from '../plan/compiled-plan.ts';
import type { Level, PlanNode } from '../plan/plan-node.ts';
import type { Path } from '../result.ts';
import type { AnswerIssue, AnswerIssueCode } from './types.ts';
import { validateValue } from './validate-value.ts';

/** The evaluated state of one instance of an item (or a section) in one frame. */
export interface NodeState {
  readonly node: PlanNode;
  readonly frame: EvalFrame;
  readonly key: string;
  relevant: boolean;
  required: boolean;
  answered: boolean;
  /** Effective value: the answer when relevant (normalized), the computed value of a calculation, else null. */
  value: unknown;
  issues: readonly AnswerIssue[];
  /** Rows of a repeat, table or loop (empty when not relevant). */
  rows: readonly EvalFrame[] | null;
  /** Progress of the item and everything inside it. */
  requiredCount: number;
  answeredCount: number;
  issueCount: number;
}

/** A frame of evaluation: the report or one row, with its raw answers and the states of its items. */
export class EvalFrame implements Frame {
  readonly values: unknown[];
  readonly states: (NodeState | undefined)[];

  constructor(
    readonly level: Level,
    readonly parent: EvalFrame | null,
    readonly option: Option | null,
    readonly ctx: RuntimeContext,
    /** The raw answers of this frame: the report's answers, or one row object. */
    readonly raw: Record<string, unknown>,
    readonly keyPrefix: string,
    readonly pathPrefix: Path,
    readonly segment: string | number | null,
  ) {
    this.values = new Array(level.slotCount).fill(null);
    this.states = new Array(level.nodes.length).fill(undefined);
  }
}

/** The answer path of a state: `[id]`, `[table, row, col]`, `[repeat, index, item]`… */
export function pathOf(state: NodeState): Path {
  const prefix = state.frame.pathPrefix;
  return prefix.length === 0 ? [state.node.id] : [...prefix, state.node.id];
}

const noIssues: readonly AnswerIssue[] = Object.freeze([]);
const emptyRow: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

function readAnswer(frame: EvalFrame, node: PlanNode, id: string): unknown {
  const value = answerOf(frame.raw, id, node.guardedId);
  return typeof value === 'function' ? undefined : value;
}

/** Relevance and value of a node, and for containers the rows with their values, in one frame. */
export function evaluateValue(plan: CompiledPlan, node: PlanNode, frame: EvalFrame): NodeState {
  const parent = node.parentNode;
  let relevant = parent === null ? true : (frame.states[parent.index]?.relevant ?? false);
  if (relevant && node.relevantFn !== null) relevant = node.relevantFn(frame, null) === true;
  const state: NodeState = {
    node,
    frame,
    key: frame.keyPrefix === '' ? node.key : frame.keyPrefix + node.id,
    relevant,
    required: false,
    answered: false,
    value: null,
    issues: noIssues,
    rows: null,
    requiredCount: 0,
    answeredCount: 0,
    issueCount: 0,
  };
  frame.states[node.index] = state;
  if (node.kind === 'section') return state;
  switch (node.type) {
    case 'group':
    case 'note':
      return state;
    case 'calculated': {
      const value =
        relevant && node.calculateFn !== null ? normalizeValue(node.calculateFn(frame, null)) : null;
      state.value = value ?? null;
      frame.values[node.index] = state.value;
      return state;
    }
    case 'table':
    case 'repeat':
    case 'loop': {
      const rows = relevant ? buildRows(plan, node, frame, state) : [];
      state.rows = rows;
      const rowsValue =
        rows.length === 0
          ? noRows
          : new Rows(
              rows,
              rows.map((r) => r.segment ?? ''),
            );
      state.value = rowsValue;
      frame.values[node.index] = rowsValue;
      return state;
    }
    default: {
      const value = relevant ? normalizeValue(readAnswer(frame, node, node.id)) : null;
      state.value = value ?? null;
      frame.values[node.index] = state.value;
      if (node.otherSlot >= 0) {
        const other = relevant ? normalizeValue(readAnswer(frame, node, `${node.id}_other`)) : null;
        frame.values[node.otherSlot] = other ?? null;
      }
      return state;
    }
  }
}

function buildRows(plan: CompiledPlan, node: PlanNode, frame: EvalFrame, state: NodeState): EvalFrame[] {
  const level = node.childLevel;
  if (level === null) return [];
  const raw = readAnswer(frame, node, node.id);
  const keyPrefix = `${state.key}.`;
  const path = pathOf(state);
  const rows: EvalFrame[] = [];
  const makeRow = (segment: string | number, option: Option | null, rowRaw: unknown) =>
    new EvalFrame(
      level,
      frame,
      option,
      frame.ctx,
      isPlainObject(rowRaw) ? rowRaw : emptyRow,
      `${keyPrefix}${segment}.`,
      [...path, segment],
      segment,
    );
  if (node.type === 'repeat') {
    const list = Array.isArray(raw) ? raw : [];
    const n = Math.min(list.length, maxRepeatRows);
    for (let i = 0; i < n; i++) rows.push(makeRow(i, null, list[i]));
  } else {
    let candidates: readonly Option[] = node.options ?? [];
    if (node.overFn !== null) {
      const chosen = node.overFn(frame, null);
      const set = new Set(Array.isArray(chosen) ? chosen : typeof chosen === 'string' ? [chosen] : []);
      candidates = candidates.filter((o) => set.has(o.value));
    }
    for (const option of candidates) {
      const row = makeRow(option.value, option, own(raw, option.value));
      if (node.filterFn !== null && node.filterFn(row, null) !== true) continue;
      rows.push(row);
    }
  }
  for (const row of rows) evaluateLevelValues(plan, row);
  return rows;
}

/** Values and relevance of every node of a frame, in evaluation order. */
export function evaluateLevelValues(plan: CompiledPlan, frame: EvalFrame): void {
  const order = frame.level.order;
  for (let i = 0; i < order.length; i++) evaluateValue(plan, order[i] as PlanNode, frame);
}

/** Required state, answered state, issues and progress of every node of a frame (values already known). */
export function validateLevel(plan: CompiledPlan, frame: EvalFrame): void {
  const nodes = frame.level.nodes;
  for (let i = 0; i < nodes.length; i++) validateNode(plan, nodes[i] as PlanNode, frame);
}

/** Required state, issues and progress counts of a node whose value is known. */
export function validateNode(plan: CompiledPlan, node: PlanNode, frame: EvalFrame): void {
  const state = frame.states[node.index];
  if (state === undefined) return;
  state.required = false;
  state.answered = false;
  state.issues = noIssues;
  state.requiredCount = 0;
  state.answeredCount = 0;
  state.issueCount = 0;
  if (!state.relevant || node.kind === 'section') return;
  const item = node.item;
  if (item.type === 'group' || item.type === 'note') return;
  if (item.type === 'calculated') {
    if (
      node.constraintFn !== null &&
      state.value !== null &&
      node.constraintFn(frame, state.value) !== true
    ) {
      addIssue(plan, state, 'constraint');
    }
    return;
  }
  state.required = node.requiredConst || (node.requiredFn !== null && node.requiredFn(frame, null) === true);
  if (state.rows !== null) {
    validateContainer(plan, node, frame, state);
  } else {
    const value = state.value;
    const otherText = node.otherSlot >= 0 ? frame.values[node.otherSlot] : null;
    const hasOther = otherText !== null && otherText !== undefined;
    state.answered = value !== null || hasOther;
    if (!state.answered) {
      if (state.required) addIssue(plan, state, 'required');
    } else if (value !== null && !scalarShapeFits(item, value)) {
      addIssue(plan, state, 'type', { expected: expectedKind(item) });
    } else if (hasOther && typeof otherText !== 'string') {
      addIssue(plan, state, 'type', { expected: 'text' });
    } else {
      const found =
        value === null
          ? null
          : validateValue(item, value, node.optionByValue, node.pattern, hasOther ? 1 : 0);
      if (found !== null) for (const issue of found) addIssue(plan, state, issue.code, issue.params);
      else if (node.constraintFn !== null && node.constraintFn(frame, value) !== true)
        addIssue(plan, state, 'constraint');
    }
  }
  if (state.required) {
    state.requiredCount += 1;
    if (state.answered) state.answeredCount += 1;
  }
}

function validateContainer(plan: CompiledPlan, node: PlanNode, frame: EvalFrame, state: NodeState): void {
  const item = node.item;
  const rows = state.rows ?? [];
  let answered = false;
  for (const row of rows) {
    validateLevel(plan, row);
    for (const child of row.states) {
      if (child === undefined) continue;
      if (child.answered) answered = true;
      state.requiredCount += child.requiredCount;
      state.answeredCount += child.answeredCount;
      state.issueCount += child.issueCount;
    }
  }
  const raw = readAnswer(frame, node, node.id);
  if (raw !== undefined && raw !== null && !scalarShapeFits(item, raw)) {
    addIssue(plan, state, 'type', { expected: expectedKind(item) });
  } else if (item.type === 'repeat') {
    const n = rows.length;
    if (n > 0 && item.minItems !== undefined && n < item.minItems)
      addIssue(plan, state, 'minItems', { minItems: item.minItems });
    if (item.maxItems !== undefined && n > item.maxItems)
      addIssue(plan, state, 'maxItems', { maxItems: item.maxItems });
    if (n > 0) answered = true;
  }
  state.answered = answered;
  if (state.required && !answered) addIssue(plan, state, 'required');
  else if (answered && node.constraintFn !== null && node.constraintFn(frame, state.value) !== true) {
    addIssue(plan, state, 'constraint');
  }
}

function addIssue(
  plan: CompiledPlan,
  state: NodeState,
  code: AnswerIssueCode,
  params?: Record<string, string | number>,
): void {
  const definition = plan.definition;
  const node = state.node;
  const item = node.item;
  const custom =
    code === 'constraint' && 'constraintMessage' in item && item.constraintMessage !== undefined
      ? localize(item.constraintMessage, definition.defaultLanguage, definition.defaultLanguage)
      : '';
  const issue: AnswerIssue = {
    path: pathOf(state),
    key: state.key,
    itemId: node.key,
    sectionId: node.sectionId,
    code,
    message: custom || fillTemplate(issueCatalogues.en?.[code] ?? code, params),
  };
  if (params !== undefined) issue.params = params;
  state.issues = state.issues === noIssues ? [issue] : [...state.issues, issue];
  state.issueCount += 1;
}
