import type { Path } from '../result.ts';
import type { Definition, Item, Section } from './schema.ts';

/** An item met by `walkItems`, with where it sits. */
export interface WalkedItem {
  item: Item;
  /** JSON path in the definition, e.g. `['sections', 1, 'items', 2, 'columns', 0]`. */
  path: Path;
  /** Template key: the id at top level, `container.id` inside a repeat, table or loop. */
  key: string;
  section: Section;
  sectionIndex: number;
  /** The enclosing group, repeat, table or loop. */
  parent: Item | null;
  /** The enclosing repeat, table or loop. */
  container: Item | null;
  /** 0 directly in a section, +1 for each enclosing group or container. */
  depth: number;
}

/** The items inside an item (group and loop items, repeat items, table columns) and the JSON key holding them. */
export function childItems(item: Item): { key: 'items' | 'columns'; items: readonly Item[] } | null {
  switch (item.type) {
    case 'group':
    case 'loop':
    case 'repeat':
      return { key: 'items', items: item.items };
    case 'table':
      return { key: 'columns', items: item.columns };
    default:
      return null;
  }
}

/** Whether an item opens a new scope of answers (rows or iterations). */
export function isContainer(item: Item): boolean {
  return item.type === 'repeat' || item.type === 'table' || item.type === 'loop';
}

/**
 * Every item of a definition, depth first in document order, with its path and template key.
 *
 * @example
 * for (const { item, key, path } of walkItems(definition)) console.log(key, item.type, path);
 */
export function* walkItems(definition: Definition): Generator<WalkedItem> {
  for (const [sectionIndex, section] of definition.sections.entries()) {
    yield* walkList(
      section.items,
      ['sections', sectionIndex, 'items'],
      '',
      section,
      sectionIndex,
      null,
      null,
      0,
    );
  }
}

function* walkList(
  items: readonly Item[],
  basePath: Path,
  keyPrefix: string,
  section: Section,
  sectionIndex: number,
  parent: Item | null,
  container: Item | null,
  depth: number,
): Generator<WalkedItem> {
  for (const [index, item] of items.entries()) {
    const path = [...basePath, index];
    const key = keyPrefix + item.id;
    yield { item, path, key, section, sectionIndex, parent, container, depth };
    const children = childItems(item);
    if (!children) continue;
    const opens = isContainer(item);
    yield* walkList(
      children.items,
      [...path, children.key],
      opens ? `${key}.` : keyPrefix,
      section,
      sectionIndex,
      item,
      opens ? item : container,
      depth + 1,
    );
  }
}

/**
 * Calls `visit` on every item, depth first, like `walkItems` but without allocating per item: `path` is
 * one array updated in place (copy it to keep it). For the checker's passes over large definitions.
 */
export function forEachItem(
  definition: Definition,
  visit: (item: Item, path: readonly (string | number)[], container: Item | null, depth: number) => void,
): void {
  const path: (string | number)[] = ['sections', 0, 'items'];
  const visitList = (items: readonly Item[], container: Item | null, depth: number) => {
    const at = path.length;
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as Item;
      path[at] = i;
      path.length = at + 1;
      visit(item, path, container, depth);
      const children = childItems(item);
      if (children === null) continue;
      path.push(children.key);
      visitList(children.items, isContainer(item) ? item : container, depth + 1);
      path.length = at + 1;
    }
    path.length = at;
  };
  definition.sections.forEach((section, index) => {
    path.length = 0;
    path.push('sections', index, 'items');
    visitList(section.items, null, 0);
  });
}
