import type { Option } from '../definition/schema.ts';

/** The answers and computed values of one scope: the report, a repeat row, a table row, a loop iteration. */
export interface Frame {
  /**
   * Effective values by slot (the node's index in its level; `<id>_other` texts after the nodes):
   * `null` when unanswered or not relevant; `Rows` for repeats, tables and loops.
   */
  readonly values: unknown[];
  readonly parent: Frame | null;
  /** The option (or table row) a loop iteration or table row is for. */
  readonly option: Option | null;
  readonly ctx: RuntimeContext;
}

export interface RuntimeContext {
  party: string | null;
  today: string;
}

/** The rows (or iterations) of a repeat, table or loop, as read by expressions. */
export class Rows {
  private index: Map<string, Frame> | null = null;

  constructor(
    readonly frames: readonly Frame[],
    readonly segments: readonly (string | number)[],
  ) {}

  get(segment: string): Frame | undefined {
    if (this.index === null) {
      this.index = new Map();
      for (let i = 0; i < this.frames.length; i++) {
        const frame = this.frames[i];
        if (frame) this.index.set(String(this.segments[i]), frame);
      }
    }
    return this.index.get(segment);
  }
}

export const noRows = new Rows([], []);

/** Compiled expression: evaluated in a frame, with `.` bound to `self`. */
export type Compiled = (frame: Frame, self: unknown) => unknown;

/** Whether a value counts as unanswered: null, undefined, '', [] or rows without any answer. */
export function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) {
    for (const v of value) if (!isEmptyValue(v)) return false;
    return true;
  }
  if (value instanceof Rows) {
    for (const frame of value.frames) {
      for (const v of frame.values) if (!isEmptyValue(v)) return false;
    }
    return true;
  }
  return false;
}

/** Equality of the expression language: strict for scalars, element-wise for lists. */
export function valuesEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!valuesEqual(a[i], b[i])) return false;
    return true;
  }
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  return false;
}

/** Reads an own property only, so ids such as `constructor` never reach the prototype. */
export function own(record: unknown, key: string): unknown {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return undefined;
  return Object.hasOwn(record, key) ? (record as Record<string, unknown>)[key] : undefined;
}

/** Numbers (with -0 as 0), strings, booleans and lists pass; '', [] and non-finite numbers become null. */
export function normalizeValue(value: unknown): unknown {
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value + 0 : null;
  return value;
}

/** Collects values of many rows into one list, leaving nested lists flat. */
export function flatten(values: readonly unknown[], out: unknown[] = []): unknown[] {
  for (const value of values) {
    if (Array.isArray(value)) flatten(value, out);
    else out.push(value);
  }
  return out;
}

/** Names an answer may not be read under without an own-property check: `Object.prototype` members. */
const prototypeNames: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/** Reads an answer by item id from a plain object; faster than `own` for ids that are not prototype names. */
export function answerOf(record: Record<string, unknown>, id: string, guard: boolean): unknown {
  if (guard) return Object.hasOwn(record, id) ? record[id] : undefined;
  return record[id];
}

/** Whether an id needs the own-property check of `answerOf`. */
export function needsOwnCheck(id: string): boolean {
  return prototypeNames.has(id);
}
