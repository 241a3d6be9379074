import type { HandOver } from './collab-api.ts';

/**
 * Whether an answer path (`id`, `loop.option.inner`, `table.row.col`) may be changed by someone who writes
 * through these hand-overs: its section was handed over, or (for a loop) its iteration. A loop handed
 * over in part is itself editable: its iterations decide. Mirrors server/handover/check.ts.
 */
export function editableThrough(
  handOvers: readonly HandOver[],
  sectionOf: (answerId: string) => string | undefined,
): (path: string) => boolean {
  const sections = new Set(handOvers.filter((each) => each.loopId === null).map((each) => each.sectionId));
  const loops = new Map<string, Set<string>>();
  for (const each of handOvers) {
    if (each.loopId === null) continue;
    const set = loops.get(each.loopId) ?? new Set<string>();
    for (const iteration of each.iterations ?? []) set.add(iteration);
    loops.set(each.loopId, set);
  }
  return (path) => {
    const [answerId = '', iteration] = path.split('.');
    const section = sectionOf(answerId);
    if (section !== undefined && sections.has(section)) return true;
    const handed = loops.get(answerId);
    if (!handed) return false;
    return iteration === undefined || handed.has(iteration);
  };
}

/** Whether roles (`focal_point:FRA:CMS` …) let a person write the whole report of `party` in `instrument`. */
export function writesWholeReport(roles: readonly string[], party: string, instrument: string): boolean {
  return roles.includes(`focal_point:${party}:${instrument}`);
}

/** Whether roles make a person a contributor of `party` in `instrument`. */
export function contributesTo(roles: readonly string[], party: string, instrument: string): boolean {
  return roles.includes(`contributor:${party}:${instrument}`);
}
