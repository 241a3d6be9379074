import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { Autosave, SaveStatus } from './autosave.ts';

/** Saved / saving / offline / failed, announced politely to screen readers. */
export function SaveIndicator({ autosave }: { autosave: Autosave }) {
  const { t } = useTranslation();
  const status = useSyncExternalStore(
    (listener) => autosave.subscribe(listener),
    () => autosave.status(),
  );
  return (
    <div
      className={`save-status save-${status.kind}`}
      role="status"
      aria-live="polite"
      data-status={status.kind}
    >
      <span className="save-dot" aria-hidden="true" />
      <span>{message(status, t)}</span>
      {status.kind === 'signed-out' && (
        <a href={`/sign-in?next=${encodeURIComponent(window.location.pathname + window.location.search)}`}>
          {t('signIn.submit')}
        </a>
      )}
      {(status.kind === 'offline' || status.kind === 'retrying' || status.kind === 'failed') && (
        <button type="button" className="link-button" onClick={() => void autosave.flush()}>
          {t('save.retry')}
        </button>
      )}
    </div>
  );
}

function message(status: SaveStatus, t: (key: string, options?: Record<string, unknown>) => string): string {
  switch (status.kind) {
    case 'saved':
      return t('save.saved');
    case 'pending':
      return t('save.pending');
    case 'saving':
      return t('save.saving');
    case 'offline':
      return t('save.offline', { count: status.count });
    case 'retrying':
      return t('save.retrying', { count: status.count });
    case 'conflict':
      return t('save.conflict');
    case 'signed-out':
      return t('save.signedOut', { count: status.count });
    case 'submitted':
      return t('save.submitted', { count: status.count });
    case 'failed':
      return t('save.failed', { message: status.message });
  }
}
