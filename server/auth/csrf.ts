import { createHash, timingSafeEqual } from 'node:crypto';

/** Compares the header to the session's token in constant time (hashing first evens out the lengths). */
export function csrfMatches(expected: string, given: string | string[] | undefined): boolean {
  if (typeof given !== 'string' || given.length === 0) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(expected), digest(given));
}

/** Methods that change nothing: no CSRF token needed. */
export const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
