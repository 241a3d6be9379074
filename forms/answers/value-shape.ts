import type { Item } from '../definition/schema.ts';
import { own } from '../expression/values.ts';

/** Longest text answer accepted at all; `maxLength` in a definition is the respondent-facing limit. */
export const maxTextAnswerLength = 100_000;
/** Most rows of a repeat accepted at all; `maxItems` in a definition is the respondent-facing limit. */
export const maxRepeatRows = 10_000;

const daysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether a string is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: unknown): value is string {
  // Hand-rolled: this runs for every date answer on every evaluation.
  if (typeof value !== 'string' || value.length !== 10) return false;
  if (value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return false;
  let year = 0;
  let month = 0;
  let day = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (i < 4) year = year * 10 + d;
    else if (i < 7) month = month * 10 + d;
    else day = day * 10 + d;
  }
  if (month < 1 || month > 12 || day < 1) return false;
  if (month === 2 && day === 29) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (daysInMonth[month - 1] ?? 0);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** What a scalar answer should be, in words, for messages. */
export function expectedKind(item: Item): string {
  switch (item.type) {
    case 'text':
    case 'textarea':
      return 'text';
    case 'integer':
      return 'whole number';
    case 'decimal':
      return 'number';
    case 'date':
      return 'date YYYY-MM-DD';
    case 'boolean':
      return 'true or false';
    case 'choice':
      return item.multiple ? 'list of options' : 'option';
    case 'ranking':
      return 'list of options';
    case 'file':
      return item.multiple ? 'list of files' : 'file';
    case 'table':
      return 'table of rows';
    case 'repeat':
      return 'list of rows';
    case 'loop':
      return 'answers by option';
    case 'calculated':
    case 'note':
    case 'group':
      return 'nothing';
  }
}

function isFile(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  const size = own(value, 'size');
  return (
    typeof own(value, 'file') === 'string' &&
    typeof own(value, 'name') === 'string' &&
    typeof size === 'number' &&
    Number.isFinite(size) &&
    size >= 0 &&
    typeof own(value, 'type') === 'string'
  );
}

/**
 * Whether a non-null scalar answer has the JSON shape of its item (options and rows are checked
 * elsewhere). Containers (table, repeat, loop) are checked by the caller, part by part.
 */
export function scalarShapeFits(item: Item, value: unknown): boolean {
  switch (item.type) {
    case 'text':
    case 'textarea':
      return typeof value === 'string' && value.length <= maxTextAnswerLength;
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value);
    case 'decimal':
      return typeof value === 'number' && Number.isFinite(value);
    case 'date':
      return isIsoDate(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'choice':
      return item.multiple ? isStringList(value) : typeof value === 'string';
    case 'ranking':
      return isStringList(value);
    case 'file':
      return item.multiple
        ? Array.isArray(value) && value.length <= 100 && value.every(isFile)
        : isFile(value);
    case 'table':
    case 'loop':
      return isPlainObject(value);
    case 'repeat':
      return Array.isArray(value) && value.length <= maxRepeatRows;
    case 'calculated':
    case 'note':
    case 'group':
      return false;
  }
}

function isStringList(value: unknown): value is string[] {
  if (!Array.isArray(value) || value.length > 10_000) return false;
  const seen = new Set<string>();
  for (const v of value) {
    if (typeof v !== 'string' || seen.has(v)) return false;
    seen.add(v);
  }
  return true;
}
