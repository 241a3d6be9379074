import type { Item, Option } from '../../../forms/index.ts';

/** An answer in words, for showing two versions of it side by side. */
export function formatAnswer(
  item: Item | undefined,
  options: readonly Option[] | null | undefined,
  value: unknown,
  text: (label: Option['label']) => string,
  words: { yes: string; no: string; empty: string },
): string {
  if (value === null || value === undefined || value === '') return words.empty;
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  const labelOf = (v: unknown) => {
    const option = options?.find((o) => o.value === v);
    return option ? text(option.label) : String(v);
  };
  if (item?.type === 'choice' || item?.type === 'ranking') {
    return Array.isArray(value) ? value.map(labelOf).join(', ') : labelOf(value);
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
