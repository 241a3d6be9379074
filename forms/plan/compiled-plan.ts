import type { Definition } from '../definition/schema.ts';
import type { Level, PlanNode } from './plan-node.ts';
import type { Plan } from './types.ts';

/** The plan of a definition; its fields beyond `Plan` serve the evaluator inside `forms/`. */
export class CompiledPlan implements Plan {
  readonly answerIds: readonly string[];
  readonly items: readonly PlanNode[];
  /** Top-level answer id (including `<id>_other`) → its node. */
  readonly answerNodes = new Map<string, PlanNode>();
  /** Top-level node → top-level nodes whose value or relevance reads it (or that it contains). */
  readonly valueDependents = new Map<PlanNode, PlanNode[]>();
  /** Top-level node → top-level nodes whose `required` or `constraint` read it. */
  readonly checkDependents = new Map<PlanNode, PlanNode[]>();
  /** Position of each top-level node in the evaluation order. */
  readonly orderIndex = new Map<PlanNode, number>();
  private readonly byKey = new Map<string, PlanNode>();
  private readonly dependentsCache = new Map<string, readonly string[]>();

  constructor(
    readonly definition: Definition,
    readonly root: Level,
    readonly sections: readonly PlanNode[],
    all: readonly PlanNode[],
  ) {
    this.items = all;
    for (const node of all) if (!this.byKey.has(node.key)) this.byKey.set(node.key, node);
    const ids: string[] = [];
    for (const node of root.nodes) {
      if (!node.answerable) continue;
      if (this.answerNodes.has(node.id)) continue;
      ids.push(node.id);
      this.answerNodes.set(node.id, node);
      if (node.hasOther) {
        ids.push(`${node.id}_other`);
        this.answerNodes.set(`${node.id}_other`, node);
      }
    }
    this.answerIds = ids;
    root.order.forEach((node, index) => {
      this.orderIndex.set(node, index);
    });
    const push = (map: Map<PlanNode, PlanNode[]>, from: PlanNode, to: PlanNode) => {
      const list = map.get(from);
      if (list === undefined) map.set(from, [to]);
      else if (!list.includes(to)) list.push(to);
    };
    for (const node of root.nodes) {
      if (node.parentNode !== null) push(this.valueDependents, node.parentNode, node);
      for (const dep of node.valueDeps ?? []) if (dep !== node) push(this.valueDependents, dep, node);
      for (const dep of node.checkReads ?? []) push(this.checkDependents, dep, node);
    }
  }

  item(key: string): PlanNode | undefined {
    return this.byKey.get(key);
  }

  sectionOf(key: string): string | undefined {
    const first = key.split('.', 1)[0] ?? '';
    return (this.answerNodes.get(first) ?? this.byKey.get(first))?.sectionId;
  }

  /** Top-level nodes to re-evaluate when `start` changes, in evaluation order (`start` first). */
  valueClosure(start: PlanNode): PlanNode[] {
    const seen = new Set<PlanNode>([start]);
    const queue = [start];
    for (let i = 0; i < queue.length; i++) {
      const node = queue[i];
      if (node === undefined) break;
      for (const next of this.valueDependents.get(node) ?? []) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    return queue.sort((a, b) => (this.orderIndex.get(a) ?? 0) - (this.orderIndex.get(b) ?? 0));
  }

  dependentsOf(id: string): readonly string[] {
    const cached = this.dependentsCache.get(id);
    if (cached !== undefined) return cached;
    const start = this.answerNodes.get(id) ?? this.byKey.get(id);
    if (start === undefined || start.level !== this.root) return [];
    const affected = new Set(this.valueClosure(start));
    for (const node of [...affected])
      for (const dep of this.checkDependents.get(node) ?? []) affected.add(dep);
    const keys: string[] = [];
    const addWithin = (node: PlanNode) => {
      if (node.kind === 'item') keys.push(node.key);
      if (node.childLevel) for (const child of node.childLevel.order) addWithin(child);
    };
    for (const node of this.root.order) if (affected.has(node)) addWithin(node);
    this.dependentsCache.set(id, keys);
    return keys;
  }
}
