import { useCallback, useEffect, useState } from 'react';

export type Loaded<T> =
  | { state: 'loading' }
  | { state: 'failed'; error: unknown }
  | { state: 'ready'; value: T };

/**
 * Runs `load` when `key` changes and keeps its outcome; `reload()` runs it again and keeps showing the
 * last value meanwhile (so a table does not blink after an action).
 */
export function useLoad<T>(load: () => Promise<T>, key: string): [Loaded<T>, () => Promise<void>] {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names what `load` reads.
  const run = useCallback(async () => {
    try {
      setLoaded({ state: 'ready', value: await load() });
    } catch (error) {
      setLoaded({ state: 'failed', error });
    }
  }, [key]);
  useEffect(() => {
    setLoaded({ state: 'loading' });
    void run();
  }, [run]);
  return [loaded, run];
}
