/** A part of a report handed to a contributor: a whole section, or some iterations of one of its loops. */
export interface HandedPart {
  sectionId: string;
  /** The loop of the section whose iterations were handed over; null: the whole section. */
  loopId: string | null;
  /** The loop's iterations (option values) handed over; null with a whole section. */
  iterations: readonly string[] | null;
}

/** How much of one answer the parts cover: all of it, some iterations of a loop, or nothing. */
export type HandedShare =
  | { kind: 'all' }
  | { kind: 'some'; iterations: ReadonlySet<string> }
  | { kind: 'none' };

/**
 * The one rule of what a contributor may change through its hand-overs, for the server's check and the
 * client's controls alike: an answer in a handed section, or the handed iterations of a loop.
 *
 * @example
 * const shareOf = handedShares(parts, (id) => plan.sectionOf(id));
 * shareOf('species_status'); // { kind: 'some', iterations: Set { 'grus_grus' } }
 */
export function handedShares(
  parts: readonly HandedPart[],
  sectionOf: (answerId: string) => string | undefined,
): (answerId: string) => HandedShare {
  const sections = new Set(parts.filter((part) => part.loopId === null).map((part) => part.sectionId));
  const loops = new Map<string, Set<string>>();
  for (const part of parts) {
    if (part.loopId === null) continue;
    const iterations = loops.get(part.loopId) ?? new Set<string>();
    for (const iteration of part.iterations ?? []) iterations.add(iteration);
    loops.set(part.loopId, iterations);
  }
  return (answerId) => {
    const section = sectionOf(answerId);
    if (section !== undefined && sections.has(section)) return { kind: 'all' };
    const iterations = loops.get(answerId);
    return iterations && iterations.size > 0 ? { kind: 'some', iterations } : { kind: 'none' };
  };
}
