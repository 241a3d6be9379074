import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../app/format.ts';
import { type Cycle, deskApi } from './desk-api.ts';
import { problemText } from './desk-format.ts';

/** Moves the deadline of a cycle, and closes it (after a confirmation) or opens it again. */
export function CycleSettings({
  cycle,
  onDone,
}: {
  cycle: Cycle;
  onDone: (message: string) => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const [deadline, setDeadline] = useState(cycle.closesAt);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const change = async (body: { closesAt?: string; closed?: boolean }, message: string) => {
    setBusy(true);
    setError(null);
    try {
      await deskApi.changeCycle(cycle.id, body);
      setConfirming(false);
      await onDone(message);
    } catch (failure) {
      setError(t('desk.actions.failed', { message: problemText(failure) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="settings-heading" className="desk-panel desk-settings">
      <h2 id="settings-heading">{t('desk.settings.title')}</h2>
      <form
        className="desk-inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (deadline < cycle.opensAt) {
            setError(t('desk.open.deadlineBeforeOpening'));
            return;
          }
          void change(
            { closesAt: deadline },
            t('desk.settings.deadlineMoved', { date: formatDate(deadline, i18n.language) }),
          );
        }}
      >
        <div className="field">
          <label htmlFor="deadline">{t('desk.settings.deadline')}</label>
          <input
            id="deadline"
            type="date"
            min={cycle.opensAt}
            value={deadline}
            onChange={(event) => setDeadline(event.target.value)}
          />
        </div>
        <button type="submit" disabled={busy || deadline === cycle.closesAt || deadline === ''}>
          {t('desk.settings.moveDeadline')}
        </button>
      </form>
      {cycle.closedAt === null ? (
        <div className="row-actions">
          {!confirming ? (
            <button type="button" className="danger" disabled={busy} onClick={() => setConfirming(true)}>
              {t('desk.settings.close')}
            </button>
          ) : (
            <>
              <p id="close-warning" className="desk-hint">
                {t('desk.settings.closeWarning')}
              </p>
              <button
                type="button"
                className="danger"
                aria-describedby="close-warning"
                disabled={busy}
                onClick={() => change({ closed: true }, t('desk.settings.closed'))}
              >
                {t('desk.settings.confirmClose')}
              </button>
              <button type="button" className="secondary" onClick={() => setConfirming(false)}>
                {t('desk.settings.cancel')}
              </button>
            </>
          )}
        </div>
      ) : (
        <div className="row-actions">
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => change({ closed: false }, t('desk.settings.reopened'))}
          >
            {t('desk.settings.reopen')}
          </button>
        </div>
      )}
      <div aria-live="assertive">{error && <p className="issue">{error}</p>}</div>
    </section>
  );
}
