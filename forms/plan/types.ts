import type { Definition, Item, ItemType, Option } from '../definition/schema.ts';

/** One item of a compiled definition. */
export interface PlannedItem {
  /** Template key: the id at top level, `container.id` inside a repeat, table or loop (`loop.inner.id`). */
  key: string;
  id: string;
  type: ItemType;
  item: Item;
  sectionId: string;
  /** Key of the enclosing group, repeat, table or loop; `null` directly in a section. */
  parentKey: string | null;
  /** Key of the enclosing repeat, table or loop; `null` at top level. */
  containerKey: string | null;
  /** The top-level answer id that stores this item's answer; `null` for groups, notes and calculations. */
  answerId: string | null;
  /** Options of a choice or ranking, rows of a table (as options), options a loop runs over. */
  options: readonly Option[] | null;
  /** Top-level answer ids read by the item's own expressions. */
  reads: readonly string[];
}

/** A definition compiled once for fast, repeated evaluation. */
export interface Plan {
  readonly definition: Definition;
  /** Ids that hold answers at the top level, in definition order (`<id>_other` after its choice). */
  readonly answerIds: readonly string[];
  /** Every item, in definition order. */
  readonly items: readonly PlannedItem[];
  item(key: string): PlannedItem | undefined;
  /** Section id of an item key (template or instance key) or answer id. */
  sectionOf(key: string): string | undefined;
  /**
   * Template keys of the items whose relevance, required state, calculated value or issues may change
   * when the answer `id` changes (directly or through calculations and relevance), in evaluation order.
   */
  dependentsOf(id: string): readonly string[];
}
