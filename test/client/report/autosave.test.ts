import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../client/src/api/api-error.ts';
import type { SaveBody, SaveResult } from '../../../client/src/api/types.ts';
import { Autosave } from '../../../client/src/report/autosave.ts';

// Autosave runs in the browser: give it the little of `window` it uses.
class MemoryStorage {
  private readonly data = new Map<string, string>();
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.data.set(key, value);
  }
  removeItem(key: string) {
    this.data.delete(key);
  }
}

const ok = (revision: number): SaveResult => ({
  revision,
  issues: [],
  progress: { answered: 0, required: 0, percent: 100 },
  calculated: {},
});

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('window', {
    localStorage: new MemoryStorage(),
    addEventListener() {},
    removeEventListener() {},
  });
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function autosaveWith(send: (body: SaveBody) => Promise<SaveResult>, revision = 3) {
  const sent: SaveBody[] = [];
  const autosave = new Autosave({
    reportId: 7,
    revision,
    send: (body) => {
      sent.push(structuredClone(body));
      return send(body);
    },
  });
  autosave.start();
  return { autosave, sent };
}

describe('Autosave', () => {
  it('sends only what changed, once, with baseRevision and a saveId, after the debounce', async () => {
    const { autosave, sent } = autosaveWith(async () => ok(4));
    autosave.change('a', 'x');
    autosave.change('a', 'xy');
    autosave.change('b', undefined);
    expect(sent).toEqual([]);
    expect(autosave.status().kind).toBe('pending');
    await vi.advanceTimersByTimeAsync(1500);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ baseRevision: 3, set: { a: 'xy' }, unset: ['b'] });
    expect(sent[0]?.saveId).toMatch(/^[0-9a-f-]{36}$/);
    expect(autosave.status().kind).toBe('saved');
    expect(autosave.revision).toBe(4);
    expect(window.localStorage.getItem('ors:pending:7')).toBeNull();
  });

  it('keeps the changes in storage and resends the same saveId after a network failure', async () => {
    let fail = true;
    const { autosave, sent } = autosaveWith(async () => {
      if (fail) throw new ApiError(0, { title: 'Network error', status: 0 });
      return ok(4);
    });
    autosave.change('a', 1);
    await autosave.flush();
    expect(autosave.status().kind).toBe('offline');
    expect(JSON.parse(window.localStorage.getItem('ors:pending:7') ?? '{}').inflight.set).toEqual({ a: 1 });
    // A new Autosave (a reload) finds the change.
    expect(new Autosave({ reportId: 7, revision: 3, send: async () => ok(9) }).restoredChanges()).toEqual({
      a: 1,
    });
    fail = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toHaveLength(2);
    expect(sent[1]?.saveId).toBe(sent[0]?.saveId);
    expect(autosave.status().kind).toBe('saved');
  });

  it('waits as long as Retry-After says on 503', async () => {
    let calls = 0;
    const { autosave } = autosaveWith(async () => {
      calls += 1;
      if (calls === 1) throw new ApiError(503, { title: 'Unavailable', status: 503 }, 5);
      return ok(4);
    });
    autosave.change('a', 1);
    await autosave.flush();
    expect(autosave.status().kind).toBe('retrying');
    await vi.advanceTimersByTimeAsync(4000);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1500);
    expect(calls).toBe(2);
    expect(autosave.status().kind).toBe('saved');
  });

  it('holds a conflicting answer until the person chooses, then resends it on the newer revision', async () => {
    let calls = 0;
    const { autosave, sent } = autosaveWith(async () => {
      calls += 1;
      if (calls === 1) {
        throw new ApiError(409, {
          title: 'Conflict',
          status: 409,
          code: 'ORS_ANSWER_CONFLICT',
          conflicts: [
            { id: 'a', value: 'theirs', revision: 8, updatedBy: 'Paul', updatedAt: '2026-01-01T00:00:00Z' },
          ],
        });
      }
      return ok(9);
    });
    autosave.change('a', 'mine');
    autosave.change('b', 2);
    await autosave.flush();
    // The other answer went on; the conflicting one waits.
    expect(sent[1]).toMatchObject({ baseRevision: 8, set: { b: 2 } });
    expect(autosave.status().kind).toBe('conflict');
    expect(autosave.conflicts.get('a')).toMatchObject({ value: 'theirs', mine: 'mine' });
    autosave.resolve('a', 'mine');
    await vi.advanceTimersByTimeAsync(1500);
    expect(sent[2]).toMatchObject({ baseRevision: 9, set: { a: 'mine' } });
    expect(autosave.status().kind).toBe('saved');
  });

  it('keeps an answer the server refuses (422), shows why, and sends the others', async () => {
    let calls = 0;
    const { autosave, sent } = autosaveWith(async () => {
      calls += 1;
      if (calls === 1) {
        throw new ApiError(422, {
          title: 'Invalid',
          status: 422,
          errors: [{ in: 'body', path: ['set', 'n'], message: 'expected a whole number' }],
        });
      }
      return ok(4);
    });
    autosave.change('n', 2.5);
    autosave.change('t', 'text');
    await autosave.flush();
    expect(sent[1]).toMatchObject({ set: { t: 'text' } });
    expect(sent[1]?.set).not.toHaveProperty('n');
    expect(autosave.rejected.get('n')).toBe('expected a whole number');
    expect(autosave.status()).toMatchObject({ kind: 'failed', message: 'expected a whole number' });
    expect(JSON.parse(window.localStorage.getItem('ors:pending:7') ?? '{}').changes).toEqual({ n: 2.5 });
    autosave.change('n', 3);
    await vi.advanceTimersByTimeAsync(1500);
    expect(sent[2]).toMatchObject({ set: { n: 3 } });
    expect(autosave.status().kind).toBe('saved');
  });
});
