import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../client/src/api/api-error.ts';
import { DefinitionStore } from '../../../client/src/designer/definition-store.ts';
import { DraftAutosave, unsentDraft } from '../../../client/src/designer/draft-autosave.ts';

const definition = {
  format: 'ors-questionnaire@1',
  key: 'kept',
  instrument: 'CMS',
  title: { en: 'Kept' },
  defaultLanguage: 'en',
  languages: ['en'],
  sections: [{ id: 's', title: { en: 'S' }, items: [{ id: 'a', type: 'text', label: { en: 'A' } }] }],
};

/** A localStorage of this test's own. */
function fakeStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

describe('DraftAutosave', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('window', { localStorage: fakeStorage() });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  const setUp = (send: (definition: unknown) => Promise<unknown>) => {
    const store = new DefinitionStore(definition);
    const autosave = new DraftAutosave({ key: 'kept', store, send, debounceMs: 100 });
    const a = store.treeRows()[1]?.uid as string;
    return { store, autosave, a };
  };

  it('sends the whole draft once after a burst of changes, then forgets the copy kept in the browser', async () => {
    const sent: unknown[] = [];
    const { store, autosave, a } = setUp(async (d) => sent.push(d));
    store.set(a, ['label', 'en'], 'A1');
    store.set(a, ['label', 'en'], 'A12');
    expect(autosave.status().kind).toBe('pending');
    await vi.advanceTimersByTimeAsync(150);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ sections: [{ items: [{ label: { en: 'A12' } }] }] });
    expect(autosave.status().kind).toBe('saved');
    expect(unsentDraft('kept')).toBeNull();
  });

  it('keeps a refused draft in the browser and says why, without retrying by itself', async () => {
    const send = vi.fn(async () => {
      throw new ApiError(422, { title: 'the definition has problems', status: 422 });
    });
    const { store, autosave, a } = setUp(send);
    store.set(a, ['relevant'], 'nope >');
    await vi.advanceTimersByTimeAsync(150);
    expect(autosave.status()).toEqual({ kind: 'invalid', message: 'the definition has problems' });
    expect(unsentDraft('kept')).toMatchObject({ sections: [{ items: [{ relevant: 'nope >' }] }] });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('retries after a network failure and clears the kept copy once acknowledged', async () => {
    let fail = true;
    const send = vi.fn(async () => {
      if (fail) throw new ApiError(0, { title: 'Network error', status: 0 });
    });
    const { store, autosave, a } = setUp(send);
    store.set(a, ['label', 'en'], 'offline edit');
    await vi.advanceTimersByTimeAsync(150);
    expect(autosave.status().kind).toBe('failed');
    expect(unsentDraft('kept')).toMatchObject({ sections: [{ items: [{ label: { en: 'offline edit' } }] }] });
    fail = false;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(send).toHaveBeenCalledTimes(2);
    expect(autosave.status().kind).toBe('saved');
    expect(unsentDraft('kept')).toBeNull();
  });
});
