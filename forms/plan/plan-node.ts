import type { Item, Option, Section } from '../definition/schema.ts';
import type { Compiled } from '../expression/values.ts';
import type { Path } from '../result.ts';
import type { PlannedItem } from './types.ts';

/** The static type of an expression value; `many` marks the values of one item across rows. */
export type ValueKind = 'number' | 'text' | 'date' | 'boolean' | 'list' | 'rows' | 'file' | 'any' | 'null';
export interface ValueType {
  kind: ValueKind;
  many?: boolean;
}

/**
 * The items evaluated together in one frame: the report's top level, or the inside of a repeat row,
 * table row or loop iteration. Groups are flattened into the level of their items.
 */
export class Level {
  readonly nodes: PlanNode[] = [];
  readonly byId = new Map<string, PlanNode>();
  /** Evaluation order: every node after the nodes its relevance and value read. */
  order: PlanNode[] = [];
  /** Value slots of a frame of this level: one per node, then one per `<id>_other` text. */
  slotCount = 0;

  constructor(
    readonly container: PlanNode | null,
    readonly parent: Level | null,
  ) {}

  get depth(): number {
    return this.parent === null ? 0 : this.parent.depth + 1;
  }
}

/** A section or an item of a compiled definition, with its compiled expressions. */
export class PlanNode implements PlannedItem {
  /** Position in `level.nodes`, which is also the node's value slot in a frame. */
  index = 0;
  /** Value slot of the `<id>_other` text of a choice with `other`. */
  otherSlot = -1;
  /** Whether the id is an `Object.prototype` member, so answers must be read as own properties. */
  guardedId = false;
  parentNode: PlanNode | null = null;
  childLevel: Level | null = null;
  options: Option[] | null = null;
  optionByValue: Map<string, Option> | null = null;

  relevantFn: Compiled | null = null;
  requiredFn: Compiled | null = null;
  requiredConst = false;
  constraintFn: Compiled | null = null;
  calculateFn: Compiled | null = null;
  filterFn: Compiled | null = null;
  defaultFn: Compiled | null = null;
  /** A loop over a multiple choice: reads the chosen options in the loop's frame. */
  overFn: Compiled | null = null;
  pattern: RegExp | null = null;
  calculatedType: ValueType | null = null;

  // Sets are created on first use: most nodes read nothing, and a plan may hold 20,000 nodes.
  /** Nodes of the same level whose value or relevance this node's value or relevance needs first. */
  valueDeps: Set<PlanNode> | null = null;
  /** Top-level nodes read by `required` and `constraint` anywhere inside this top-level node. */
  checkReads: Set<PlanNode> | null = null;
  /** Top-level answer ids read by this node's own expressions. */
  readIds: Set<string> | null = null;
  /** Ids read by the node's default expression. */
  defaultReads: Set<string> | null = null;

  constructor(
    readonly kind: 'section' | 'item',
    readonly key: string,
    readonly id: string,
    readonly node: Item | null,
    readonly section: Section,
    readonly sectionIndex: number,
    readonly jsonPath: Path,
    readonly level: Level,
    readonly parentKey: string | null,
    readonly containerKey: string | null,
    readonly answerId: string | null,
  ) {}

  /** PlannedItem view: sections have no item, so this is only read on item nodes. */
  get item(): Item {
    return this.node as Item;
  }

  get type(): Item['type'] {
    return this.node?.type ?? 'group';
  }

  get sectionId(): string {
    return this.section.id;
  }

  get reads(): readonly string[] {
    return this.readIds === null ? [] : [...this.readIds];
  }

  /** The top-level node that contains this one (itself at top level). */
  get rootNode(): PlanNode {
    let node: PlanNode = this;
    while (node.level.container !== null) node = node.level.container;
    return node;
  }

  /** The node of `level` that contains this one (itself when already in `level`). */
  ancestorIn(level: Level): PlanNode | null {
    let node: PlanNode | null = this;
    while (node !== null && node.level !== level) node = node.level.container;
    return node;
  }

  get holdsValue(): boolean {
    return this.kind === 'item' && this.type !== 'group' && this.type !== 'note';
  }

  get answerable(): boolean {
    return this.holdsValue && this.type !== 'calculated';
  }

  get hasOther(): boolean {
    return this.node?.type === 'choice' && this.node.other === true;
  }
}
