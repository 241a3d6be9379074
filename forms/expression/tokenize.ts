import type { ProblemParams } from '../result.ts';

export type Token =
  | { kind: 'number'; value: number; start: number; end: number }
  | { kind: 'string'; value: string; start: number; end: number }
  | { kind: 'name'; path: string[]; start: number; end: number }
  | { kind: 'at'; name: string; path: string[]; start: number; end: number }
  | { kind: 'self'; start: number; end: number }
  | { kind: 'op'; value: string; start: number; end: number }
  | { kind: 'eof'; start: number; end: number };

export interface TokenizeError {
  message: string;
  start: number;
  params: ProblemParams;
}

const isNameStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isNamePart = (c: number) => isNameStart(c) || isDigit(c);

const oneCharOps = new Set(['<', '>', '!', '+', '-', '*', '/', '(', ')', ',']);

const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' };

/** Reads `.seg.seg…` after a name into `path`; a segment may start with a digit (rows like `2020`). */
function readSegments(src: string, start: number, path: string[]): number {
  const n = src.length;
  let i = start;
  while (i < n && src.charCodeAt(i) === 46 && i + 1 < n && isNamePart(src.charCodeAt(i + 1))) {
    let j = i + 1;
    while (j < n && isNamePart(src.charCodeAt(j))) j++;
    path.push(src.slice(i + 1, j));
    i = j;
  }
  return i;
}

/** Splits expression text into tokens; dotted paths (`table.row.col`, `@option.range`) are one token. */
export function tokenize(src: string): { ok: true; tokens: Token[] } | { ok: false; error: TokenizeError } {
  const tokens: Token[] = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    const start = i;
    if (isDigit(c)) {
      while (i < n && isDigit(src.charCodeAt(i))) i++;
      if (i < n && src.charCodeAt(i) === 46 && i + 1 < n && isDigit(src.charCodeAt(i + 1))) {
        i++;
        while (i < n && isDigit(src.charCodeAt(i))) i++;
      }
      if (i < n && isNameStart(src.charCodeAt(i))) {
        return {
          ok: false,
          error: { message: 'a number may not run into a name', start: i, params: { kind: 'number_name' } },
        };
      }
      tokens.push({ kind: 'number', value: Number(src.slice(start, i)), start, end: i });
      continue;
    }
    if (isNameStart(c)) {
      while (i < n && isNamePart(src.charCodeAt(i))) i++;
      const path = [src.slice(start, i)];
      i = readSegments(src, i, path);
      tokens.push({ kind: 'name', path, start, end: i });
      continue;
    }
    if (c === 64 /* @ */) {
      i++;
      const nameStart = i;
      while (i < n && isNamePart(src.charCodeAt(i))) i++;
      if (i === nameStart)
        return {
          ok: false,
          error: { message: '@ must be followed by a name', start, params: { kind: 'at_name' } },
        };
      const name = src.slice(nameStart, i);
      const path: string[] = [];
      i = readSegments(src, i, path);
      tokens.push({ kind: 'at', name, path, start, end: i });
      continue;
    }
    if (c === 39 || c === 34 /* ' " */) {
      const quote = c;
      i++;
      let value = '';
      let closed = false;
      while (i < n) {
        const d = src.charCodeAt(i);
        if (d === quote) {
          closed = true;
          i++;
          break;
        }
        if (d === 92 /* \ */) {
          const e = src[i + 1];
          const mapped = e === undefined ? undefined : escapes[e];
          if (mapped === undefined) {
            return {
              ok: false,
              error: { message: 'unknown escape in text', start: i, params: { kind: 'escape' } },
            };
          }
          value += mapped;
          i += 2;
          continue;
        }
        value += src[i];
        i++;
      }
      if (!closed)
        return {
          ok: false,
          error: { message: 'text is not closed by a quote', start, params: { kind: 'unclosed_text' } },
        };
      tokens.push({ kind: 'string', value, start, end: i });
      continue;
    }
    if (c === 46 /* . */) {
      i++;
      tokens.push({ kind: 'self', start, end: i });
      continue;
    }
    const one = src[i] ?? '';
    const next = src.charCodeAt(i + 1);
    // Two-character operators: == != <= >= && ||.
    const two =
      (next === 61 && (c === 61 || c === 33 || c === 60 || c === 62)) ||
      (next === c && (c === 38 || c === 124));
    if (two) {
      i += 2;
      tokens.push({ kind: 'op', value: one + String.fromCharCode(next), start, end: i });
      continue;
    }
    if (oneCharOps.has(one)) {
      i++;
      tokens.push({ kind: 'op', value: one, start, end: i });
      continue;
    }
    const hint =
      one === '=' ? ' (compare with ==)' : one === '&' ? ' (use &&)' : one === '|' ? ' (use ||)' : '';
    const message = `unexpected character "${one}"${hint}`;
    return { ok: false, error: { message, start, params: { kind: 'character', found: one } } };
  }
  tokens.push({ kind: 'eof', start: n, end: n });
  return { ok: true, tokens };
}
