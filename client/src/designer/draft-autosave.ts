import { ApiError } from '../api/api-error.ts';
import type { DefinitionStore } from './definition-store.ts';

export type DraftStatus =
  | { kind: 'saved' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  /** The server refused the draft (422): it is kept here until its problems are fixed. */
  | { kind: 'invalid'; message: string }
  | { kind: 'failed'; message: string };

export interface DraftAutosaveOptions {
  key: string;
  store: DefinitionStore;
  send: (definition: unknown) => Promise<unknown>;
  debounceMs?: number;
}

const storageKey = (key: string) => `ors:designer-draft:${key}`;

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const leaving = new Set<Promise<void>>();

/** Waits for the last saves of drafts whose page was left (so that a diff or a publish sees them). */
export async function settleDraftSaves(): Promise<void> {
  await Promise.allSettled([...leaving]);
}

/** An unsent draft kept in this browser from an earlier visit, if any. */
export function unsentDraft(key: string): unknown {
  const raw = storage()?.getItem(storageKey(key));
  if (!raw) return null;
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

/**
 * Saves the draft a moment after each change (the whole definition, PUT). Until the server acknowledges
 * a version of the draft, it is kept in localStorage, so a closed tab, a failed request or a draft the
 * server refuses loses nothing.
 */
export class DraftAutosave {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private acknowledged: number;
  private current: DraftStatus = { kind: 'saved' };
  private readonly listeners = new Set<() => void>();
  private readonly unsubscribe: () => void;
  private retryMs = 1000;

  constructor(private readonly options: DraftAutosaveOptions) {
    this.acknowledged = options.store.version;
    this.unsubscribe = options.store.subscribeChange(() => this.changed());
  }

  status(): DraftStatus {
    return this.current;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(status: DraftStatus) {
    this.current = status;
    for (const listener of this.listeners) listener();
  }

  private changed() {
    if (this.options.store.version === this.acknowledged) return;
    if (this.current.kind !== 'saving') this.set({ kind: 'pending' });
    this.schedule(this.options.debounceMs ?? 800);
  }

  private schedule(ms: number) {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, ms);
  }

  /** Keeps the current draft in this browser (done before each send and when the page hides). */
  keepLocally(): void {
    if (this.options.store.version === this.acknowledged) return;
    try {
      storage()?.setItem(storageKey(this.options.key), JSON.stringify(this.options.store.definition()));
    } catch {
      // A full storage still leaves the save to the server.
    }
  }

  /** Sends the draft now if it changed since the last acknowledged save; resolves when done. */
  async flush(): Promise<void> {
    if (this.running) await this.running;
    if (this.options.store.version === this.acknowledged) return;
    this.running = this.send().finally(() => {
      this.running = null;
    });
    await this.running;
  }

  private async send() {
    const { store, key } = this.options;
    const version = store.version;
    this.keepLocally();
    this.set({ kind: 'saving' });
    try {
      await this.options.send(store.definition());
      this.acknowledged = version;
      this.retryMs = 1000;
      if (store.version === version) {
        storage()?.removeItem(storageKey(key));
        this.set({ kind: 'saved' });
      } else {
        this.set({ kind: 'pending' });
        this.schedule(this.options.debounceMs ?? 800);
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof ApiError && (error.status === 422 || error.status === 400)) {
        this.set({ kind: 'invalid', message });
        return;
      }
      this.set({ kind: 'failed', message });
      this.schedule(this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 30_000);
    }
  }

  /** Sends what is left and stops listening (the page is left); `settleDraftSaves` waits for that send. */
  stop(): void {
    const last = this.flush();
    leaving.add(last);
    void last.finally(() => leaving.delete(last));
    this.unsubscribe();
    if (this.timer !== null) clearTimeout(this.timer);
    this.keepLocally();
  }
}
