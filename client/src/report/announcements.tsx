import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';

const messageOf = (failure: unknown) => (failure instanceof Error ? failure.message : String(failure));

/**
 * The outcome of a panel's actions, for `Announcements`: `run(action)` clears both messages, runs the
 * action, and shows the sentence it returns, or the failure.
 */
export function useAnnounced() {
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const run = useCallback(async (action: () => Promise<string>) => {
    setError('');
    setStatus('');
    try {
      setStatus(await action());
    } catch (failure) {
      setError(messageOf(failure));
    }
  }, []);
  // Stable, so that effects may depend on it.
  const fail = useCallback((failure: unknown) => setError(messageOf(failure)), []);
  return { status, error, run, fail };
}

/** A panel's outcome read out by screen readers: success politely, failure at once. */
export function Announcements({ status, error }: { status: string; error: string }) {
  const { t } = useTranslation();
  return (
    <>
      <div aria-live="polite">{status && <p className="notice">{status}</p>}</div>
      <div aria-live="assertive">
        {error && <p className="issue">{t('collab.failed', { message: error })}</p>}
      </div>
    </>
  );
}
