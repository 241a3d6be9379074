import { ApiError } from '../api/api-error.ts';
import type { AnswerConflict, SaveBody, SaveResult } from '../api/types.ts';
import { loadPending, type PendingState, storePending } from './pending-store.ts';

export type SaveStatus =
  | { kind: 'saved' }
  | { kind: 'pending'; count: number }
  | { kind: 'saving'; count: number }
  | { kind: 'offline'; count: number }
  | { kind: 'retrying'; count: number }
  | { kind: 'conflict'; count: number }
  | { kind: 'signed-out'; count: number }
  | { kind: 'submitted'; count: number }
  | { kind: 'failed'; count: number; message: string };

export interface AutosaveOptions {
  reportId: number;
  revision: number;
  send: (body: SaveBody) => Promise<SaveResult>;
  /** Called after a save is acknowledged. */
  onSaved?: (result: SaveResult) => void;
  /** Called on a 409 conflict, to fetch the report's current answers and revision. */
  refetch?: () => Promise<{ revision: number; answers: Record<string, unknown> }>;
  debounceMs?: number;
  maxWaitMs?: number;
}

export interface ConflictEntry extends AnswerConflict {
  mine: unknown;
}

const UNSET = null;

type RemoteHandler = (answers: Record<string, unknown>, isPending: (id: string) => boolean) => void;

/**
 * Sends changed answers to the server: debounced, only what changed, with `baseRevision` and a `saveId`.
 * Until acknowledged, changes are kept in localStorage; network failures and 503 are retried with backoff;
 * a 409 conflict is held until the person chooses; a 422 on one answer keeps it and sends the rest.
 */
export class Autosave {
  private state: PendingState;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private firstChangeAt: number | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private running: Promise<void> | null = null;
  private current: SaveStatus = { kind: 'saved' };
  private readonly statusListeners = new Set<() => void>();
  private readonly conflictListeners = new Set<() => void>();
  private readonly rejectListeners = new Set<() => void>();
  readonly conflicts = new Map<string, ConflictEntry>();
  readonly rejected = new Map<string, string>();
  revision: number;
  /** Bumped on every notification, as a snapshot for React. */
  changeCount = 0;

  constructor(private readonly options: AutosaveOptions) {
    this.revision = options.revision;
    const stored = loadPending(options.reportId);
    this.state = stored ?? { baseRevision: options.revision, changes: {}, inflight: null };
  }

  private applyRemote: RemoteHandler | null = null;

  /** Sets what applies answers changed by others, learnt on a conflict (ids with no pending change of ours). */
  onRemote(handler: RemoteHandler): void {
    this.applyRemote = handler;
  }

  /** Changes kept from an earlier visit (applied over the server's answers when the page opens). */
  restoredChanges(): Record<string, unknown> {
    const changes = { ...this.state.changes };
    const inflight = this.state.inflight;
    if (inflight !== null) {
      for (const [id, value] of Object.entries(inflight.set)) if (!(id in changes)) changes[id] = value;
      for (const id of inflight.unset) if (!(id in changes)) changes[id] = UNSET;
    }
    return changes;
  }

  /** Listens for the connection coming back and sends what an earlier visit left unsent. */
  start(): void {
    window.addEventListener('online', this.onOnline);
    if (this.pendingCount() > 0) void this.flush();
  }

  /** Stops listening; what is scheduled is still sent, and what is pending stays in the browser. */
  stop(): void {
    window.removeEventListener('online', this.onOnline);
  }

  status(): SaveStatus {
    return this.current;
  }

  subscribe(listener: () => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  subscribeConflicts(listener: () => void): () => void {
    this.conflictListeners.add(listener);
    return () => this.conflictListeners.delete(listener);
  }

  subscribeRejected(listener: () => void): () => void {
    this.rejectListeners.add(listener);
    return () => this.rejectListeners.delete(listener);
  }

  pendingCount(): number {
    const ids = new Set(Object.keys(this.state.changes));
    if (this.state.inflight) {
      for (const id of Object.keys(this.state.inflight.set)) ids.add(id);
      for (const id of this.state.inflight.unset) ids.add(id);
    }
    return ids.size;
  }

  /** Records a changed answer (`undefined`: cleared) and schedules a save. */
  change(id: string, value: unknown): void {
    if (this.pendingCount() === 0 && this.state.inflight === null) this.state.baseRevision = this.revision;
    this.state.changes[id] = value === undefined ? UNSET : value;
    if (this.rejected.delete(id)) this.emit(this.rejectListeners);
    this.persist();
    if (this.current.kind === 'saved' || this.current.kind === 'pending') {
      this.setStatus({ kind: 'pending', count: this.pendingCount() });
    } else {
      this.setStatus({ ...this.current, count: this.pendingCount() });
    }
    this.schedule();
  }

  private schedule(): void {
    const debounce = this.options.debounceMs ?? 700;
    const maxWait = this.options.maxWaitMs ?? 1500;
    const now = Date.now();
    this.firstChangeAt ??= now;
    const wait = Math.max(0, Math.min(debounce, this.firstChangeAt + maxWait - now));
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, wait);
  }

  /** Sends everything pending now; resolves when nothing more can be sent. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.firstChangeAt = null;
    if (this.running) return this.running.then(() => (this.sendableCount() > 0 ? this.flush() : undefined));
    this.running = this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private sendableCount(): number {
    if (this.state.inflight) return 1;
    return Object.keys(this.state.changes).filter((id) => !this.conflicts.has(id) && !this.rejected.has(id))
      .length;
  }

  private async run(): Promise<void> {
    for (;;) {
      if (this.retryTimer) {
        clearTimeout(this.retryTimer);
        this.retryTimer = null;
      }
      if (this.state.inflight === null) {
        const set: Record<string, unknown> = {};
        const unset: string[] = [];
        for (const [id, value] of Object.entries(this.state.changes)) {
          if (this.conflicts.has(id) || this.rejected.has(id)) continue;
          if (value === UNSET) unset.push(id);
          else set[id] = value;
          delete this.state.changes[id];
        }
        if (Object.keys(set).length === 0 && unset.length === 0) break;
        this.state.inflight = {
          saveId: crypto.randomUUID(),
          baseRevision: this.state.baseRevision,
          set,
          unset,
        };
        this.persist();
      }
      const inflight = this.state.inflight;
      this.setStatus({ kind: 'saving', count: this.pendingCount() });
      const body: SaveBody = { baseRevision: inflight.baseRevision, saveId: inflight.saveId };
      if (Object.keys(inflight.set).length > 0) body.set = inflight.set;
      if (inflight.unset.length > 0) body.unset = inflight.unset;
      try {
        const result = await this.options.send(body);
        this.attempt = 0;
        this.state.inflight = null;
        this.revision = Math.max(this.revision, result.revision);
        // Later changes were made on what the person saw, which now includes this save.
        this.state.baseRevision = Math.max(this.state.baseRevision, result.revision);
        this.persist();
        this.options.onSaved?.(result);
      } catch (error) {
        const handled = await this.onError(error, inflight);
        if (!handled) return;
      }
    }
    this.settle();
  }

  /** Returns true when the loop should go on sending. */
  private async onError(error: unknown, inflight: NonNullable<PendingState['inflight']>): Promise<boolean> {
    const apiError =
      error instanceof ApiError
        ? error
        : new ApiError(0, { title: 'Error', status: 0, detail: String(error) });
    const count = this.pendingCount();
    if (apiError.transient || apiError.status === 503 || apiError.status >= 500) {
      const offline = apiError.status === 0;
      this.setStatus({ kind: offline ? 'offline' : 'retrying', count });
      const delay =
        apiError.retryAfter !== null
          ? apiError.retryAfter * 1000
          : Math.min(30_000, 1000 * 2 ** Math.min(this.attempt, 5));
      this.attempt += 1;
      this.retryTimer = setTimeout(() => void this.flush(), delay);
      return false;
    }
    this.state.inflight = null;
    // The request was refused as a whole: its changes are pending again (newer ones win).
    for (const [id, value] of Object.entries(inflight.set))
      if (!(id in this.state.changes)) this.state.changes[id] = value;
    for (const id of inflight.unset) if (!(id in this.state.changes)) this.state.changes[id] = UNSET;
    this.persist();
    if (apiError.status === 409 && apiError.code === 'ORS_ANSWER_CONFLICT') {
      await this.onConflict((apiError.problem.conflicts as AnswerConflict[] | undefined) ?? []);
      return true;
    }
    if (apiError.status === 422) {
      const errors = apiError.problem.errors ?? [];
      let marked = 0;
      for (const problem of errors) {
        const path = problem.path ?? [];
        const id = path[0] === 'set' || path[0] === 'unset' ? path[1] : undefined;
        if (typeof id === 'string' && id in this.state.changes) {
          this.rejected.set(id, problem.message);
          marked += 1;
        } else if (typeof id === 'number' && path[0] === 'unset') {
          const unsetId = inflight.unset[id];
          if (unsetId !== undefined) {
            this.rejected.set(unsetId, problem.message);
            marked += 1;
          }
        }
      }
      if (marked === 0) {
        for (const id of Object.keys(inflight.set)) this.rejected.set(id, apiError.message);
        for (const id of inflight.unset) this.rejected.set(id, apiError.message);
      }
      this.emit(this.rejectListeners);
      return true;
    }
    if (apiError.status === 401) {
      this.setStatus({ kind: 'signed-out', count: this.pendingCount() });
      return false;
    }
    if (apiError.status === 409 && apiError.code === 'ORS_WRONG_STATE') {
      this.setStatus({ kind: 'submitted', count: this.pendingCount() });
      return false;
    }
    this.setStatus({ kind: 'failed', count: this.pendingCount(), message: apiError.message });
    return false;
  }

  private async onConflict(conflicts: AnswerConflict[]): Promise<void> {
    let latest = this.revision;
    for (const conflict of conflicts) {
      this.conflicts.set(conflict.id, { ...conflict, mine: this.state.changes[conflict.id] });
      latest = Math.max(latest, conflict.revision);
    }
    if (this.options.refetch) {
      try {
        const report = await this.options.refetch();
        latest = Math.max(latest, report.revision);
        this.applyRemote?.(report.answers, (id) => id in this.state.changes);
      } catch {
        // The conflicts alone are enough to go on; other people's changes show on the next load.
      }
    }
    this.revision = Math.max(this.revision, latest);
    this.state.baseRevision = Math.max(this.state.baseRevision, latest);
    this.persist();
    this.emit(this.conflictListeners);
  }

  /** Resolves a conflict: keep mine (sent again on the current revision) or take theirs. */
  resolve(id: string, choice: 'mine' | 'theirs'): void {
    const conflict = this.conflicts.get(id);
    if (!conflict) return;
    this.conflicts.delete(id);
    if (choice === 'theirs') delete this.state.changes[id];
    this.persist();
    this.emit(this.conflictListeners);
    if (choice === 'mine') this.schedule();
    else this.settle();
  }

  private settle(): void {
    const count = this.pendingCount();
    if (this.conflicts.size > 0) this.setStatus({ kind: 'conflict', count });
    else if (this.rejected.size > 0) {
      const [message] = this.rejected.values();
      this.setStatus({ kind: 'failed', count, message: message ?? '' });
    } else if (count > 0) this.setStatus({ kind: 'pending', count });
    else this.setStatus({ kind: 'saved' });
  }

  private readonly onOnline = () => {
    if (this.pendingCount() > 0) void this.flush();
  };

  private persist(): void {
    storePending(this.options.reportId, this.state);
  }

  private setStatus(status: SaveStatus): void {
    this.current = status;
    this.emit(this.statusListeners);
  }

  private emit(listeners: Set<() => void>): void {
    this.changeCount += 1;
    for (const listener of listeners) listener();
  }
}
