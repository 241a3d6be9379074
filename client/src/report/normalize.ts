/**
 * The answer to store for what a control holds: empty text, empty lists and empty objects mean "no
 * answer" (`undefined`), so clearing a field unsets it. Repeat rows stay, even empty: their number counts.
 */
export function normalizeAnswer(value: unknown, keepEmptyArrayItems = false): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (Array.isArray(value)) {
    if (value.length === 0) return undefined;
    if (value.every((v) => typeof v !== 'object' || v === null)) {
      const list = value.filter((v) => v !== null && v !== undefined && v !== '');
      return list.length === 0 ? undefined : list;
    }
    const rows = value.map((row) => normalizeAnswer(row, true) ?? {});
    return keepEmptyArrayItems || rows.length > 0 ? rows : undefined;
  }
  if (typeof value === 'object') {
    if (isFileValue(value)) return value;
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      const normalized = normalizeAnswer(inner);
      if (normalized !== undefined) out[key] = normalized;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return value;
}

function isFileValue(value: object): boolean {
  return 'file' in value && 'name' in value && 'size' in value;
}

/** The top-level answer id that stores the value of an item key (`table.row.col` → `table`). */
export function answerIdOf(key: string): string {
  const dot = key.indexOf('.');
  return dot === -1 ? key : key.slice(0, dot);
}
