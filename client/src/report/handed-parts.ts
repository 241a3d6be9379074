import { handedShares } from '../../../forms/index.ts';
import type { HandOver } from './collab-api.ts';

/**
 * Whether an answer path (`id`, `loop.option.inner`, `table.row.col`) may be changed by someone who writes
 * through these hand-overs (the rule is forms/' `handedShares`, which the server's check applies too). A
 * loop handed over in part is itself editable: its iterations decide.
 */
export function editableThrough(
  handOvers: readonly HandOver[],
  sectionOf: (answerId: string) => string | undefined,
): (path: string) => boolean {
  const shareOf = handedShares(handOvers, sectionOf);
  return (path) => {
    const [answerId = '', iteration] = path.split('.');
    const share = shareOf(answerId);
    if (share.kind !== 'some') return share.kind === 'all';
    return iteration === undefined || share.iterations.has(iteration);
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
