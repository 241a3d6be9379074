import { useSyncExternalStore } from 'react';
import type { Contribution } from './collab-api.ts';

/**
 * Who last changed each answer, kept outside React state so that a refresh re-renders only the items
 * whose line changed (an item subscribes to its own answer id).
 */
export class Contributions {
  #answers: Record<string, Contribution> = {};
  readonly #listeners = new Set<() => void>();

  get(answerId: string): Contribution | undefined {
    return this.#answers[answerId];
  }

  set(answers: Record<string, Contribution>): void {
    this.#answers = answers;
    for (const listener of this.#listeners) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };
}

/** The latest change of `answerId` as a stable string (`name\u0000at`), or '' when unknown. */
export function useContribution(store: Contributions | undefined, answerId: string | null): string {
  return useSyncExternalStore(
    (listener) => store?.subscribe(listener) ?? (() => {}),
    () => {
      const found = answerId === null ? undefined : store?.get(answerId);
      if (!found) return '';
      return `${found.user?.name || found.user?.email || ''}\u0000${found.at}\u0000${found.source}`;
    },
  );
}
