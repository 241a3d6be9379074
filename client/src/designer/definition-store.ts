import { type CheckResult, checkDefinition, type Definition, type Path } from '../../../forms/index.ts';

/** One place of the tree: the questionnaire itself, a section, or an item. */
export interface DesignNode {
  uid: string;
  kind: 'root' | 'section' | 'item';
  /** The node's own fields, without the child list (`sections` of the root, `items` of a container). */
  data: Record<string, unknown>;
  /** The uids of its children, for the root, sections, groups, loops and repeats; null otherwise. */
  children: string[] | null;
}

/** A row of the flattened tree. */
export interface TreeRow {
  uid: string;
  depth: number;
  parent: string;
}

type Json = Record<string, unknown>;
type Listener = () => void;

/** Item types that hold other items in the tree (a table's columns are edited in the table's form). */
export const containerTypes: ReadonlySet<unknown> = new Set(['group', 'loop', 'repeat']);
export const ROOT = 'root';

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The definition being designed, kept as a flat map of nodes with one subscription per node, one for
 * the tree's structure and one for any change: a keystroke in a label notifies only its item's
 * subscribers (its row and its form), never the tree — the designer's counterpart of the report's
 * form store.
 */
export class DefinitionStore {
  private readonly nodes = new Map<string, DesignNode>();
  private readonly parents = new Map<string, string>();
  private readonly nodeListeners = new Map<string, Set<Listener>>();
  private readonly structureListeners = new Set<Listener>();
  private readonly changeListeners = new Set<Listener>();
  private rows: TreeRow[] | null = null;
  private checked: { version: number; result: CheckResult } | null = null;
  private built: { version: number; definition: Definition } | null = null;
  private nextUid = 0;
  /** Bumped on every change. */
  version = 0;

  constructor(definition: unknown) {
    this.load(definition);
  }

  /** Replaces everything with another definition (an import, a reload). */
  load(definition: unknown): void {
    this.nodes.clear();
    this.parents.clear();
    const source = isObject(definition) ? definition : {};
    const { sections, ...data } = source;
    const root: DesignNode = { uid: ROOT, kind: 'root', data, children: [] };
    this.nodes.set(ROOT, root);
    for (const section of Array.isArray(sections) ? sections : []) {
      root.children?.push(this.adopt(section, 'section', ROOT));
    }
    this.changedStructure();
    for (const uid of this.nodeListeners.keys()) this.notify(uid);
  }

  private adopt(value: unknown, kind: 'section' | 'item', parent: string): string {
    const uid = `n${++this.nextUid}`;
    const source = isObject(value) ? value : {};
    const holds = kind === 'section' || containerTypes.has(source.type);
    const { items, ...rest } = source;
    const node: DesignNode = { uid, kind, data: holds ? rest : source, children: holds ? [] : null };
    this.nodes.set(uid, node);
    this.parents.set(uid, parent);
    if (holds)
      for (const child of Array.isArray(items) ? items : [])
        node.children?.push(this.adopt(child, 'item', uid));
    return uid;
  }

  node(uid: string): DesignNode | undefined {
    return this.nodes.get(uid);
  }

  parentOf(uid: string): string | undefined {
    return this.parents.get(uid);
  }

  /** Calls `listener` when the node's own fields change. */
  subscribeNode(uid: string, listener: Listener): () => void {
    let set = this.nodeListeners.get(uid);
    if (!set) {
      set = new Set();
      this.nodeListeners.set(uid, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Calls `listener` when nodes are added, removed or moved. */
  subscribeStructure(listener: Listener): () => void {
    this.structureListeners.add(listener);
    return () => this.structureListeners.delete(listener);
  }

  /** Calls `listener` after any change. */
  subscribeChange(listener: Listener): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private notify(uid: string) {
    for (const listener of this.nodeListeners.get(uid) ?? []) listener();
  }

  private changed() {
    this.version++;
    for (const listener of this.changeListeners) listener();
  }

  private changedStructure() {
    this.rows = null;
    for (const listener of this.structureListeners) listener();
    this.changed();
  }

  /** Every section and item in document order, with its depth (the root is not a row). */
  treeRows(): TreeRow[] {
    if (this.rows) return this.rows;
    const rows: TreeRow[] = [];
    const visit = (uid: string, depth: number) => {
      for (const child of this.nodes.get(uid)?.children ?? []) {
        rows.push({ uid: child, depth, parent: uid });
        visit(child, depth + 1);
      }
    };
    visit(ROOT, 0);
    this.rows = rows;
    return rows;
  }

  /** The definition as JSON (rebuilt at most once per change). */
  definition(): Definition {
    if (this.built?.version === this.version) return this.built.definition;
    const build = (uid: string): Json => {
      const node = this.nodes.get(uid) as DesignNode;
      if (node.children === null) return node.data;
      const children = node.children.map(build);
      return node.kind === 'root' ? { ...node.data, sections: children } : { ...node.data, items: children };
    };
    const definition = build(ROOT) as unknown as Definition;
    this.built = { version: this.version, definition };
    return definition;
  }

  /** The engine's check of the current definition (computed at most once per change). */
  check(): CheckResult {
    if (this.checked?.version === this.version) return this.checked.result;
    const result = checkDefinition(this.definition());
    this.checked = { version: this.version, result };
    return result;
  }

  /** Where a problem's path points: the node, and the path inside the node's own fields. */
  locate(path: Path): { uid: string; field: Path } {
    let uid = ROOT;
    let i = 0;
    if (path[0] === 'sections' && typeof path[1] === 'number') {
      const section = this.nodes.get(ROOT)?.children?.[path[1]];
      if (section === undefined) return { uid, field: path };
      uid = section;
      i = 2;
      while (path[i] === 'items' && typeof path[i + 1] === 'number') {
        const child = this.nodes.get(uid)?.children?.[path[i + 1] as number];
        if (child === undefined) break;
        uid = child;
        i += 2;
      }
    }
    return { uid, field: path.slice(i) };
  }

  /** Every item id of the definition, for completion in expressions. */
  itemIds(): string[] {
    const ids: string[] = [];
    for (const node of this.nodes.values()) {
      if (node.kind === 'item' && typeof node.data.id === 'string') ids.push(node.data.id);
      if (node.data.type === 'table' && Array.isArray(node.data.columns)) {
        for (const column of node.data.columns)
          if (isObject(column) && typeof column.id === 'string') ids.push(`${node.data.id}.${column.id}`);
      }
    }
    return ids;
  }

  /** Sets a field of a node (`undefined` removes it); `path` may reach inside it, e.g. `['label', 'fr']`. */
  set(uid: string, path: Path, value: unknown): void {
    const node = this.nodes.get(uid);
    if (!node || path.length === 0) return;
    const data = setIn(node.data, path, value) as Json;
    const wasHolder = node.children !== null;
    const holds = node.kind !== 'item' || containerTypes.has(data.type);
    let children = node.children;
    if (wasHolder && !holds) {
      // A container turned into a scalar item: its contents cannot stay inside it.
      for (const child of children ?? []) this.drop(child);
      children = null;
    } else if (!wasHolder && holds) {
      children = [];
    }
    this.nodes.set(uid, { ...node, data, children });
    this.notify(uid);
    if (wasHolder !== holds) this.changedStructure();
    else this.changed();
  }

  /** Replaces a node's fields (a change of type); items given in `data` become its children when it holds none. */
  replace(uid: string, data: Json): void {
    const node = this.nodes.get(uid);
    if (!node) return;
    const { items, ...rest } = data;
    const holds = node.kind !== 'item' || containerTypes.has(rest.type);
    for (const child of holds ? [] : (node.children ?? [])) this.drop(child);
    const children = holds ? (node.children ?? []) : null;
    this.nodes.set(uid, { ...node, data: holds ? rest : data, children });
    if (holds && children?.length === 0 && Array.isArray(items)) {
      for (const child of items) children.push(this.adopt(child, 'item', uid));
    }
    this.notify(uid);
    this.changedStructure();
  }

  /** Adds a section (after `near`'s section, or last) or an item (into `near` when it holds items, else after it). */
  add(kind: 'section' | 'item', template: Json, near: string | null): string {
    const data = { ...template, id: this.uniqueId(String(template.id ?? kind)) };
    if (kind === 'section') {
      const root = this.nodes.get(ROOT) as DesignNode;
      const section = near === null ? undefined : this.sectionOf(near);
      const index =
        section === undefined ? (root.children?.length ?? 0) : (root.children?.indexOf(section) ?? 0) + 1;
      const uid = this.adopt(data, 'section', ROOT);
      root.children?.splice(index, 0, uid);
      this.changedStructure();
      return uid;
    }
    const target = near === null ? this.nodes.get(ROOT)?.children?.at(-1) : near;
    if (target === undefined) return '';
    const targetNode = this.nodes.get(target) as DesignNode;
    const parent = targetNode.children !== null ? target : (this.parents.get(target) as string);
    const siblings = this.nodes.get(parent)?.children as string[];
    const index = parent === target ? siblings.length : siblings.indexOf(target) + 1;
    const uid = this.adopt(data, 'item', parent);
    siblings.splice(index, 0, uid);
    this.changedStructure();
    return uid;
  }

  private sectionOf(uid: string): string | undefined {
    let current: string | undefined = uid;
    while (current !== undefined && this.nodes.get(current)?.kind !== 'section')
      current = this.parents.get(current);
    return current;
  }

  /** An id not used by any section or item yet: `base`, else `base_2`, `base_3`… */
  uniqueId(base: string): string {
    const used = new Set<unknown>();
    for (const node of this.nodes.values()) used.add(node.data.id);
    if (!used.has(base)) return base;
    let n = 2;
    while (used.has(`${base}_${n}`)) n++;
    return `${base}_${n}`;
  }

  /** Removes a node and everything inside it. */
  remove(uid: string): void {
    const parent = this.parents.get(uid);
    if (parent === undefined) return;
    const siblings = this.nodes.get(parent)?.children;
    siblings?.splice(siblings.indexOf(uid), 1);
    this.drop(uid);
    this.changedStructure();
  }

  private drop(uid: string) {
    for (const child of this.nodes.get(uid)?.children ?? []) this.drop(child);
    this.nodes.delete(uid);
    this.parents.delete(uid);
  }

  /** Copies a node and its contents just after it, giving every copied id a new unique one. */
  duplicate(uid: string): string | null {
    const parent = this.parents.get(uid);
    if (parent === undefined) return null;
    const renamed = (value: Json): Json => {
      const copy = structuredClone(value);
      copy.id = this.uniqueId(`${String(value.id ?? 'item')}_copy`);
      return copy;
    };
    const copyOf = (source: string, into: string): string => {
      const node = this.nodes.get(source) as DesignNode;
      const uidOfCopy = `n${++this.nextUid}`;
      this.nodes.set(uidOfCopy, {
        uid: uidOfCopy,
        kind: node.kind,
        data: renamed(node.data),
        children: node.children ? [] : null,
      });
      this.parents.set(uidOfCopy, into);
      for (const child of node.children ?? [])
        this.nodes.get(uidOfCopy)?.children?.push(copyOf(child, uidOfCopy));
      return uidOfCopy;
    };
    const copy = copyOf(uid, parent);
    const siblings = this.nodes.get(parent)?.children as string[];
    siblings.splice(siblings.indexOf(uid) + 1, 0, copy);
    this.changedStructure();
    return copy;
  }

  /** Whether `uid` may go into `parent`: sections only into the questionnaire, items never into themselves. */
  canMoveInto(uid: string, parent: string): boolean {
    const node = this.nodes.get(uid);
    const target = this.nodes.get(parent);
    if (!node || !target || target.children === null) return false;
    if (node.kind === 'section') return target.kind === 'root';
    if (target.kind === 'root') return false;
    for (let p: string | undefined = parent; p !== undefined; p = this.parents.get(p))
      if (p === uid) return false;
    return true;
  }

  /** Moves a node into `parent` at `index` (counted among the parent's children once the node has left). */
  moveTo(uid: string, parent: string, index: number): boolean {
    if (!this.canMoveInto(uid, parent)) return false;
    const from = this.parents.get(uid) as string;
    const fromChildren = this.nodes.get(from)?.children as string[];
    fromChildren.splice(fromChildren.indexOf(uid), 1);
    const toChildren = this.nodes.get(parent)?.children as string[];
    toChildren.splice(Math.max(0, Math.min(index, toChildren.length)), 0, uid);
    this.parents.set(uid, parent);
    this.changedStructure();
    return true;
  }

  /** Moves a node one place up (-1) or down (+1) among its siblings. */
  moveBy(uid: string, step: -1 | 1): boolean {
    const parent = this.parents.get(uid);
    if (parent === undefined) return false;
    const siblings = this.nodes.get(parent)?.children as string[];
    const index = siblings.indexOf(uid) + step;
    if (index < 0 || index >= siblings.length) return false;
    return this.moveTo(uid, parent, index);
  }

  /** Moves an item into the container just above it, as its last item. */
  moveIn(uid: string): boolean {
    const parent = this.parents.get(uid);
    if (parent === undefined) return false;
    const siblings = this.nodes.get(parent)?.children as string[];
    const above = siblings[siblings.indexOf(uid) - 1];
    if (above === undefined || this.nodes.get(above)?.children == null) return false;
    return this.moveTo(uid, above, this.nodes.get(above)?.children?.length ?? 0);
  }

  /** Moves an item out of its group, loop or repeat, just after it. */
  moveOut(uid: string): boolean {
    const parent = this.parents.get(uid);
    const grandparent = parent === undefined ? undefined : this.parents.get(parent);
    if (parent === undefined || grandparent === undefined || this.nodes.get(parent)?.kind !== 'item')
      return false;
    const siblings = this.nodes.get(grandparent)?.children as string[];
    return this.moveTo(uid, grandparent, siblings.indexOf(parent) + 1);
  }
}

/** A copy of `target` with the value at `path` replaced (`undefined` deletes it); arrays stay arrays. */
export function setIn(target: unknown, path: Path, value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  const inner =
    rest.length === 0 ? value : setIn((target as Json | unknown[] | undefined)?.[head as never], rest, value);
  if (Array.isArray(target) && typeof head === 'number') {
    const copy = [...target];
    if (inner === undefined) copy.splice(head, 1);
    else copy[head] = inner;
    return copy;
  }
  const copy: Json = isObject(target) ? { ...target } : {};
  if (inner === undefined) delete copy[head];
  else copy[head] = inner;
  return copy;
}

/** The value at `path` inside `target`. */
export function getIn(target: unknown, path: Path): unknown {
  let current = target;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Json)[segment as string];
  }
  return current;
}
