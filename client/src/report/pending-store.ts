/** Changes not yet acknowledged by the server, kept in localStorage so they survive a reload. */
export interface PendingState {
  /** The revision the person's changes were made on. */
  baseRevision: number;
  /** Answer id → value; `null` means the answer was cleared (sent in `unset`). */
  changes: Record<string, unknown>;
  /** A request that was sent but not acknowledged: resent with the same saveId, so it is applied once. */
  inflight: { saveId: string; baseRevision: number; set: Record<string, unknown>; unset: string[] } | null;
}

const keyOf = (reportId: number) => `ors:pending:${reportId}`;

export function loadPending(reportId: number): PendingState | null {
  try {
    const text = window.localStorage.getItem(keyOf(reportId));
    if (!text) return null;
    const parsed = JSON.parse(text) as PendingState;
    if (typeof parsed.baseRevision !== 'number' || typeof parsed.changes !== 'object') return null;
    return {
      baseRevision: parsed.baseRevision,
      changes: parsed.changes ?? {},
      inflight: parsed.inflight ?? null,
    };
  } catch {
    return null;
  }
}

/** Writes (or, when nothing is pending, removes) the pending state; returns false when storage refused it. */
export function storePending(reportId: number, state: PendingState): boolean {
  try {
    if (Object.keys(state.changes).length === 0 && state.inflight === null) {
      window.localStorage.removeItem(keyOf(reportId));
    } else {
      window.localStorage.setItem(keyOf(reportId), JSON.stringify(state));
    }
    return true;
  } catch {
    return false;
  }
}
