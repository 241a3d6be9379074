import type { Level, PlanNode } from './plan-node.ts';

/**
 * Sets `level.order` so that every node comes after the nodes its value or relevance reads (and after
 * its group or section), keeping document order where free. Returns the cycles found; each is broken
 * where it was detected, so evaluation still terminates.
 */
export function orderLevel(level: Level): PlanNode[][] {
  const order: PlanNode[] = [];
  const cycles: PlanNode[][] = [];
  const state = new Map<PlanNode, 'visiting' | 'done'>();
  const stack: PlanNode[] = [];

  const depsOf = (node: PlanNode): PlanNode[] => {
    const deps: PlanNode[] = [];
    if (node.parentNode !== null && node.parentNode.level === level) deps.push(node.parentNode);
    for (const dep of node.valueDeps ?? []) if (dep.level === level) deps.push(dep);
    return deps;
  };

  // Iterative depth-first search: definitions may chain thousands of calculations.
  for (const start of level.nodes) {
    if (state.has(start)) continue;
    const work: { node: PlanNode; deps: PlanNode[]; next: number }[] = [];
    state.set(start, 'visiting');
    stack.push(start);
    work.push({ node: start, deps: depsOf(start), next: 0 });
    while (work.length > 0) {
      const top = work[work.length - 1];
      if (top === undefined) break;
      const dep = top.deps[top.next];
      if (dep !== undefined) {
        top.next++;
        const seen = state.get(dep);
        if (seen === 'visiting') {
          cycles.push(stack.slice(stack.indexOf(dep)));
        } else if (seen === undefined) {
          state.set(dep, 'visiting');
          stack.push(dep);
          work.push({ node: dep, deps: depsOf(dep), next: 0 });
        }
        continue;
      }
      work.pop();
      stack.pop();
      state.set(top.node, 'done');
      order.push(top.node);
    }
  }
  level.order = order;
  return cycles;
}
