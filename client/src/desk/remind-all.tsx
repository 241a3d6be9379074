import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deskApi } from './desk-api.ts';
import { problemText } from './desk-format.ts';

/** Reminds, in one go, every Party of the cycle whose report is not submitted. */
export function RemindAll({
  cycleId,
  due,
  onDone,
}: {
  cycleId: number;
  due: number;
  onDone: (message: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const remind = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await deskApi.remindAll(cycleId, message.trim());
      const done = t('desk.remindAll.done', { count: result.reminded.length });
      const unreachable = result.unreachable.length
        ? ` ${t('desk.remindAll.unreachable', { parties: result.unreachable.join(', ') })}`
        : '';
      setMessage('');
      await onDone(done + unreachable);
    } catch (failure) {
      setError(t('desk.actions.failed', { message: problemText(failure) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="remind-all-heading" className="desk-panel">
      <h2 id="remind-all-heading">{t('desk.remindAll.title')}</h2>
      <div className="field">
        <label htmlFor="remind-all-message">{t('desk.remindAll.message')}</label>
        <textarea
          id="remind-all-message"
          rows={2}
          maxLength={2000}
          value={message}
          onChange={(event) => setMessage(event.target.value)}
        />
      </div>
      <button type="button" disabled={busy || due === 0} onClick={remind}>
        {t('desk.remindAll.button', { count: due })}
      </button>
      <div aria-live="assertive">{error && <p className="issue">{error}</p>}</div>
    </section>
  );
}
