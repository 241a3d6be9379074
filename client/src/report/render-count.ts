declare global {
  interface Window {
    /** How many times each item (by key) rendered: read by the browser tests to prove re-renders stay local. */
    __orsRenderCounts?: Record<string, number>;
  }
}

/** Counts a render of the item `key` (a few nanoseconds; kept in production so tests measure the real build). */
export function countRender(key: string): void {
  const counts = window.__orsRenderCounts ?? {};
  window.__orsRenderCounts = counts;
  counts[key] = (counts[key] ?? 0) + 1;
}
