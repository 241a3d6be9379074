import type { LocalizedText } from '../definition/localized-text.ts';
import type { Definition, Item, Option } from '../definition/schema.ts';
import { type WalkedItem, walkItems } from '../definition/walk-items.ts';
import type { DefinitionChange } from './types.ts';

interface Placed extends WalkedItem {
  parentKey: string | null;
  position: number;
}

const textFields = ['label', 'help', 'text', 'constraintMessage'] as const;
const logicFields = [
  'relevant',
  'required',
  'constraint',
  'expression',
  'filter',
  'over',
  'default',
] as const;
const structuralFields = new Set<string>([
  'id',
  'type',
  'options',
  'rows',
  'columns',
  'items',
  'renamedFrom',
  ...textFields,
  ...logicFields,
]);

/**
 * What changed between two versions of a definition: items added, removed, moved (to another section or
 * parent, or out of order), renamed (via `renamedFrom`), retyped, relabelled (with the languages),
 * options changed, logic changed, other settings changed; sections too. Each change has an English
 * `summary`.
 *
 * @example
 * diffDefinitions(v1, v2);
 * // [{ kind: 'renamed', id: 'pa_count', from: 'pa_number', summary: 'Renamed "pa_number" to "pa_count".' }, …]
 */
export function diffDefinitions(from: Definition, to: Definition): DefinitionChange[] {
  const changes: DefinitionChange[] = [];
  diffSections(from, to, changes);
  const before = placeItems(from);
  const after = placeItems(to);
  const matched = new Map<string, Placed>();
  const matchedOld = new Set<string>();
  for (const key of after.keys()) {
    if (before.has(key)) {
      matched.set(key, before.get(key) as Placed);
      matchedOld.add(key);
    }
  }
  for (const [key, item] of after) {
    if (matched.has(key)) continue;
    const prefix = key.slice(0, key.length - item.item.id.length);
    for (const old of item.item.renamedFrom ?? []) {
      const oldKey = prefix + old;
      const found = before.get(oldKey);
      if (found !== undefined && !matchedOld.has(oldKey) && !after.has(oldKey)) {
        matched.set(key, found);
        matchedOld.add(oldKey);
        changes.push({ kind: 'renamed', id: key, from: oldKey, summary: `Renamed "${oldKey}" to "${key}".` });
        break;
      }
    }
  }
  for (const [key, item] of after) {
    if (!matched.has(key)) {
      changes.push({
        kind: 'added',
        id: key,
        sectionId: item.section.id,
        path: item.path,
        summary: `Added ${item.item.type} "${key}" to section "${item.section.id}".`,
      });
    }
  }
  for (const [key, item] of before) {
    if (!matchedOld.has(key)) {
      changes.push({
        kind: 'removed',
        id: key,
        sectionId: item.section.id,
        path: item.path,
        summary: `Removed ${item.item.type} "${key}" from section "${item.section.id}".`,
      });
    }
  }
  const outOfOrder = reordered(after, matched);
  for (const [key, now] of after) {
    const old = matched.get(key);
    if (old === undefined) continue;
    diffItem(key, old, now, from, to, outOfOrder.has(key), changes);
  }
  return changes;
}

function placeItems(definition: Definition): Map<string, Placed> {
  const placed = new Map<string, Placed>();
  const positions = new Map<string, number>();
  for (const walked of walkItems(definition)) {
    const parentKey = parentKeyOf(walked);
    const slot = `${walked.section.id}/${parentKey ?? ''}`;
    const position = positions.get(slot) ?? 0;
    positions.set(slot, position + 1);
    if (!placed.has(walked.key)) placed.set(walked.key, { ...walked, parentKey, position });
  }
  return placed;
}

function parentKeyOf(walked: WalkedItem): string | null {
  if (walked.parent === null) return null;
  // The parent's key is the item's key without its own id, unless the parent is a group (same prefix).
  const prefix = walked.key.slice(0, walked.key.length - walked.item.id.length - 1);
  return walked.parent === walked.container
    ? prefix
    : prefix === ''
      ? walked.parent.id
      : `${prefix}.${walked.parent.id}`;
}

/** Items whose order among their matched siblings changed (outside a longest run kept in order). */
function reordered(after: Map<string, Placed>, matched: Map<string, Placed>): Set<string> {
  const groups = new Map<string, { key: string; old: number }[]>();
  for (const [key, now] of after) {
    const old = matched.get(key);
    if (old === undefined || old.section.id !== now.section.id || old.parentKey !== now.parentKey) continue;
    const slot = `${now.section.id}/${now.parentKey ?? ''}`;
    const list = groups.get(slot) ?? [];
    list.push({ key, old: old.position });
    groups.set(slot, list);
  }
  const moved = new Set<string>();
  for (const list of groups.values()) {
    const keep = longestIncreasing(list.map((e) => e.old));
    list.forEach((entry, i) => {
      if (!keep.has(i)) moved.add(entry.key);
    });
  }
  return moved;
}

/** Indexes of one longest strictly increasing subsequence (patience sorting, O(n log n)). */
function longestIncreasing(values: number[]): Set<number> {
  const tails: number[] = [];
  const previous: number[] = new Array(values.length).fill(-1);
  values.forEach((value, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((values[tails[mid] as number] as number) < value) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1] as number;
    tails[lo] = i;
  });
  const keep = new Set<number>();
  for (let i = tails[tails.length - 1] ?? -1; i !== -1; i = previous[i] as number) keep.add(i);
  return keep;
}

function diffItem(
  key: string,
  old: Placed,
  now: Placed,
  from: Definition,
  to: Definition,
  outOfOrder: boolean,
  changes: DefinitionChange[],
): void {
  if (old.section.id !== now.section.id || old.parentKey !== now.parentKey || outOfOrder) {
    const where = (p: Placed) => `section "${p.section.id}"${p.parentKey ? ` in "${p.parentKey}"` : ''}`;
    changes.push({
      kind: 'moved',
      id: key,
      from: { sectionId: old.section.id, parent: old.parentKey, position: old.position },
      to: { sectionId: now.section.id, parent: now.parentKey, position: now.position },
      summary:
        outOfOrder && where(old) === where(now)
          ? `Moved "${key}" to position ${now.position + 1} in ${where(now)}.`
          : `Moved "${key}" from ${where(old)} to ${where(now)}.`,
    });
  }
  const a = old.item;
  const b = now.item;
  if (a.type !== b.type) {
    changes.push({
      kind: 'retyped',
      id: key,
      from: a.type,
      to: b.type,
      summary: `Changed the type of "${key}" from ${a.type} to ${b.type}.`,
    });
  }
  for (const field of textFields) {
    const languages = changedLanguages(
      field in a ? ((a as Record<string, unknown>)[field] as LocalizedText | undefined) : undefined,
      field in b ? ((b as Record<string, unknown>)[field] as LocalizedText | undefined) : undefined,
      from.defaultLanguage,
      to.defaultLanguage,
    );
    if (languages.length > 0) {
      changes.push({
        kind: 'relabelled',
        id: key,
        field,
        languages,
        summary: `Changed the ${field === 'constraintMessage' ? 'constraint message' : field} of "${key}" (${languages.join(', ')}).`,
      });
    }
  }
  const optionsBefore = optionsOf(a, from);
  const optionsAfter = optionsOf(b, to);
  if (optionsBefore !== null || optionsAfter !== null) {
    const change = diffOptions(
      optionsBefore ?? [],
      optionsAfter ?? [],
      from.defaultLanguage,
      to.defaultLanguage,
    );
    if (change.added.length + change.removed.length + change.relabelled.length > 0) {
      const parts = [
        change.added.length > 0 ? `added ${change.added.join(', ')}` : '',
        change.removed.length > 0 ? `removed ${change.removed.join(', ')}` : '',
        change.relabelled.length > 0 ? `relabelled ${change.relabelled.map((r) => r.value).join(', ')}` : '',
      ].filter((p) => p !== '');
      changes.push({
        kind: 'options',
        id: key,
        ...change,
        summary: `Changed the ${b.type === 'table' ? 'rows' : 'options'} of "${key}": ${parts.join('; ')}.`,
      });
    }
  }
  const record = (x: Item) => x as unknown as Record<string, unknown>;
  for (const field of logicFields) {
    const x = record(a)[field];
    const y = record(b)[field];
    if (!sameJson(x, y)) {
      const show = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v));
      changes.push({
        kind: 'logic',
        id: key,
        field,
        from: x,
        to: y,
        summary: `Changed ${field} of "${key}" from ${show(x)} to ${show(y)}.`,
      });
    }
  }
  const fields = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const field of fields) {
    if (structuralFields.has(field)) continue;
    const x = record(a)[field];
    const y = record(b)[field];
    if (!sameJson(x, y)) {
      const show = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v));
      changes.push({
        kind: 'settings',
        id: key,
        field,
        from: x,
        to: y,
        summary: `Changed ${field} of "${key}" from ${show(x)} to ${show(y)}.`,
      });
    }
  }
}

function diffSections(from: Definition, to: Definition, changes: DefinitionChange[]): void {
  const before = new Map(from.sections.map((s) => [s.id, s]));
  const after = new Map(to.sections.map((s) => [s.id, s]));
  for (const [id, section] of after) {
    const old = before.get(id);
    if (old === undefined) {
      changes.push({ kind: 'section-added', id, summary: `Added section "${id}".` });
      continue;
    }
    const languages = [
      ...new Set([
        ...changedLanguages(old.title, section.title, from.defaultLanguage, to.defaultLanguage),
        ...changedLanguages(old.description, section.description, from.defaultLanguage, to.defaultLanguage),
      ]),
    ];
    if (languages.length > 0) {
      changes.push({
        kind: 'section-relabelled',
        id,
        summary: `Changed the title or description of section "${id}" (${languages.join(', ')}).`,
      });
    }
    if (!sameJson(old.relevant, section.relevant)) {
      changes.push({ kind: 'section-logic', id, summary: `Changed when section "${id}" is relevant.` });
    }
  }
  for (const id of before.keys()) {
    if (!after.has(id)) changes.push({ kind: 'section-removed', id, summary: `Removed section "${id}".` });
  }
}

function asRecord(text: LocalizedText | undefined, defaultLanguage: string): Record<string, string> {
  if (text === undefined) return {};
  return typeof text === 'string' ? { [defaultLanguage]: text } : text;
}

function changedLanguages(
  a: LocalizedText | undefined,
  b: LocalizedText | undefined,
  fromDefault: string,
  toDefault: string,
): string[] {
  const x = asRecord(a, fromDefault);
  const y = asRecord(b, toDefault);
  const languages = new Set([...Object.keys(x), ...Object.keys(y)]);
  return [...languages].filter((l) => x[l] !== y[l]).sort();
}

function optionsOf(item: Item, definition: Definition): readonly Option[] | null {
  const resolve = (source: string | readonly Option[]) =>
    typeof source === 'string' ? (definition.codeLists?.[source] ?? []) : source;
  switch (item.type) {
    case 'choice':
    case 'ranking':
      return resolve(item.options);
    case 'table':
      return typeof item.rows === 'string'
        ? resolve(item.rows)
        : item.rows.map((row) => ({ value: row.id, label: row.label }));
    case 'loop':
      return definition.codeLists?.[item.over] ?? null;
    default:
      return null;
  }
}

function diffOptions(a: readonly Option[], b: readonly Option[], fromDefault: string, toDefault: string) {
  const before = new Map(a.map((o) => [o.value, o]));
  const after = new Map(b.map((o) => [o.value, o]));
  const added = [...after.keys()].filter((v) => !before.has(v));
  const removed = [...before.keys()].filter((v) => !after.has(v));
  const relabelled: { value: string; languages: string[] }[] = [];
  for (const [value, option] of after) {
    const old = before.get(value);
    if (old === undefined) continue;
    const languages = changedLanguages(old.label, option.label, fromDefault, toDefault);
    if (languages.length > 0) relabelled.push({ value, languages });
  }
  return { added, removed, relabelled };
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
