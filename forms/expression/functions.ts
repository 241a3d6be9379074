import { flatten, isEmptyValue, Rows, valuesEqual } from './values.ts';

// Runtime of the functions of the expression language. Each accepts any value and never throws:
// answers stored under an older version may not have the shape the checker assumed.

/** `selected(q, 'v')`: whether a choice (single or multiple) or ranking holds the value. */
export function selected(q: unknown, value: unknown): boolean {
  if (Array.isArray(q)) return q.includes(value);
  return typeof q === 'string' && q === value;
}

/** `count(x)`: chosen options, rows or iterations, or non-null values of `repeat.field`; 0 for null. */
export function count(x: unknown): number {
  if (x === null || x === undefined) return 0;
  if (x instanceof Rows) return x.frames.length;
  if (Array.isArray(x)) {
    let n = 0;
    for (const v of x) if (!isEmptyValue(v)) n++;
    return n;
  }
  return isEmptyValue(x) ? 0 : 1;
}

/** `sum(…)`: adds every number among the arguments (lists flattened); nulls are skipped; 0 when none. */
export function sum(args: readonly unknown[]): number {
  let total = 0;
  for (const v of flatten(args)) if (typeof v === 'number' && Number.isFinite(v)) total += v;
  return Number.isFinite(total) ? total : 0;
}

/** `len(s)`: characters of a text, items of a list, 0 for null. */
export function len(x: unknown): number | null {
  if (x === null || x === undefined) return 0;
  if (typeof x === 'string' || Array.isArray(x)) return x.length;
  return null;
}

/** `min(…)`/`max(…)`: over numbers, or over dates/texts; nulls skipped; null when none or mixed. */
export function extreme(args: readonly unknown[], pick: 'min' | 'max'): number | string | null {
  let best: number | string | null = null;
  let kind: 'number' | 'string' | null = null;
  for (const v of flatten(args)) {
    if (v === null || v === undefined) continue;
    const k = typeof v === 'number' ? 'number' : typeof v === 'string' ? 'string' : null;
    if (k === null || (kind !== null && k !== kind)) return null;
    if (k === 'number' && !Number.isFinite(v)) continue;
    kind = k;
    const value = v as number | string;
    if (best === null || (pick === 'min' ? value < best : value > best)) best = value;
  }
  return best;
}

/** `round(x, n)`: half away from zero, to n decimals (n from -15 to 15, default 0). */
export function round(x: unknown, digits: unknown = 0): number | null {
  if (typeof x !== 'number' || !Number.isFinite(x)) return null;
  const n = typeof digits === 'number' && Number.isFinite(digits) ? Math.trunc(digits) : 0;
  if (n < -15 || n > 15) return null;
  const sign = x < 0 ? -1 : 1;
  const factor = 10 ** n;
  // Beyond 2^52 a double has no fractional digits left to round.
  if (Math.abs(x) * factor >= 2 ** 52) return x;
  // The relative nudge absorbs binary artefacts, so round(1.005, 2) gives 1.01 as written in decimal.
  const rounded = Math.round(Math.abs(x) * factor * (1 + Number.EPSILON)) / factor;
  return Number.isFinite(rounded) ? sign * rounded || 0 : null;
}

/** `contains(list, v)`: whether a list holds v, or a text holds the text v. */
export function contains(list: unknown, value: unknown): boolean {
  if (Array.isArray(list)) {
    for (const item of list) if (valuesEqual(item, value)) return true;
    return false;
  }
  if (typeof list === 'string' && typeof value === 'string') return list.includes(value);
  return false;
}

/** `matches(s, 'regex')` with a regex compiled once from the definition. */
export function matches(s: unknown, regex: RegExp | null): boolean {
  if (regex === null) return false;
  if (typeof s === 'number') return regex.test(String(s));
  return typeof s === 'string' && regex.test(s);
}

/** Today in UTC as `YYYY-MM-DD`. */
export function isoToday(): string {
  return new Date().toISOString().slice(0, 10);
}
