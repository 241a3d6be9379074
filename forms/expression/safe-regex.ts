import { definitionLimits } from '../definition/limits.ts';
import type { ProblemParams } from '../result.ts';

/**
 * Compiles a regular expression from a definition, refusing the shapes that can backtrack
 * exponentially: a repeated group that itself holds a quantifier or an alternation (`(a+)+`, `(a|ab)*`),
 * and back-references. Patterns are limited in length. Polynomial backtracking (`a*a*a*b`) remains possible
 * in theory and is bounded by the length of the answers (their `maxLength`).
 *
 * @example
 * compileSafeRegex('^https://'); // { ok: true, value: /^https:\/\//u }
 * compileSafeRegex('(a+)+$'); // { ok: false, message: 'a repeated group may not hold …' }
 */
export function compileSafeRegex(
  pattern: string,
  anchored = false,
): { ok: true; value: RegExp } | { ok: false; message: string; params: ProblemParams } {
  if (pattern.length > definitionLimits.maxPatternLength) {
    const max = definitionLimits.maxPatternLength;
    return {
      ok: false,
      message: `a pattern may be at most ${max} characters`,
      params: { kind: 'too_long', max },
    };
  }
  let regex: RegExp;
  try {
    regex = new RegExp(anchored ? `^(?:${pattern})$` : pattern, 'u');
  } catch {
    return { ok: false, message: 'not a valid regular expression', params: { kind: 'invalid' } };
  }
  const unsafe = findUnsafeConstruct(pattern);
  if (unsafe === null) return { ok: true, value: regex };
  return { ok: false, message: unsafeMessages[unsafe], params: { kind: unsafe } };
}

interface GroupScan {
  quantified: boolean;
  alternation: boolean;
}

const unsafeMessages = {
  back_reference: 'back-references are not allowed',
  unbalanced: 'unbalanced parentheses',
  nested_repeat: 'a repeated group may not hold a quantifier or an alternation (it could run for ever)',
};

function findUnsafeConstruct(pattern: string): keyof typeof unsafeMessages | null {
  const stack: GroupScan[] = [{ quantified: false, alternation: false }];
  let i = 0;
  const n = pattern.length;
  while (i < n) {
    const c = pattern[i];
    if (c === '\\') {
      const e = pattern[i + 1] ?? '';
      if (/[1-9]/.test(e) || e === 'k') return 'back_reference';
      i += 2;
      continue;
    }
    if (c === '[') {
      i++;
      while (i < n && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
      i++;
      continue;
    }
    if (c === '(') {
      stack.push({ quantified: false, alternation: false });
      i++;
      continue;
    }
    const top = stack[stack.length - 1];
    if (top === undefined) return 'unbalanced';
    if (c === ')') {
      stack.pop();
      const parent = stack[stack.length - 1];
      if (parent === undefined) return 'unbalanced';
      i++;
      const repeat = readQuantifier(pattern, i);
      if (repeat.length > 0) {
        if (repeat.repeats && (top.quantified || top.alternation)) {
          return 'nested_repeat';
        }
        parent.quantified = true;
        i += repeat.length;
      }
      if (top.quantified) parent.quantified = true;
      if (top.alternation) parent.alternation = true;
      continue;
    }
    if (c === '|') {
      top.alternation = true;
      i++;
      continue;
    }
    const repeat = readQuantifier(pattern, i);
    if (repeat.length > 0) {
      if (repeat.repeats) top.quantified = true;
      i += repeat.length;
      continue;
    }
    i++;
  }
  return null;
}

/** Length of a quantifier at `i` (with its lazy `?`), and whether it repeats more than once. */
function readQuantifier(pattern: string, i: number): { length: number; repeats: boolean } {
  const c = pattern[i];
  let length = 0;
  let repeats = false;
  if (c === '*' || c === '+') {
    length = 1;
    repeats = true;
  } else if (c === '?') {
    length = 1;
  } else if (c === '{') {
    const match = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
    if (match) {
      length = match[0].length;
      const upper = match[2] === undefined ? Number(match[1]) : match[3] === '' ? Infinity : Number(match[3]);
      repeats = upper > 1;
    }
  }
  if (length > 0 && pattern[i + length] === '?') length++;
  return { length, repeats };
}
