import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CycleReport, deskApi } from './desk-api.ts';
import { problemText } from './desk-format.ts';
import { DeskLink } from './desk-link.tsx';

type Action = 'remind' | 'submitOnBehalf' | 'reopen' | 'publish' | 'withdraw';

/**
 * What the secretariat can do with one report, by its status: remind the Party or submit on its behalf
 * while it is not submitted (not once the cycle is closed); reopen, publish or withdraw once submitted.
 * Each action says how it went in `onDone`, which reloads the dashboard.
 */
export function ReportActions({
  report,
  cycleClosed,
  onDone,
  onClose,
}: {
  report: CycleReport;
  cycleClosed: boolean;
  onDone: (message: string) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const party = report.party.name;

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new report gets the focus and a blank note.
  useEffect(() => {
    heading.current?.focus();
    setNote('');
    setError(null);
  }, [report.id]);

  const run = async (action: Action) => {
    setBusy(true);
    setError(null);
    try {
      let message: string;
      if (action === 'remind') {
        const { recipients } = await deskApi.remind(report.id, note.trim());
        message = t('desk.actions.reminded', { party, count: recipients.length });
      } else if (action === 'submitOnBehalf') {
        await deskApi.submitOnBehalf(report.id, note.trim());
        message = t('desk.actions.submittedOnBehalf', { party });
      } else if (action === 'reopen') {
        await deskApi.reopen(report.id, note.trim());
        message = t('desk.actions.reopened', { party });
      } else {
        await deskApi.publish(report.id, action === 'publish');
        message = t(action === 'publish' ? 'desk.actions.published' : 'desk.actions.withdrawn', { party });
      }
      setNote('');
      await onDone(message);
    } catch (failure) {
      setError(t('desk.actions.failed', { message: problemText(failure) }));
    } finally {
      setBusy(false);
    }
  };

  const submitted = report.status === 'submitted';
  return (
    <section id="report-actions" className="desk-panel" aria-labelledby="report-actions-heading">
      <h2 id="report-actions-heading" ref={heading} tabIndex={-1}>
        {t('desk.actions.title', { party, code: report.party.code })}
      </h2>
      <p>
        <span className={`status status-${report.status}`}>{t(`status.${report.status}`)}</span>{' '}
        <DeskLink to={`/reports/${report.id}`}>{t('desk.actions.openReport', { party })}</DeskLink>
      </p>
      <div className="field">
        <label htmlFor="action-note">
          {submitted ? t('desk.actions.noteReopen') : t('desk.actions.note')}
        </label>
        <textarea
          id="action-note"
          rows={3}
          maxLength={2000}
          value={note}
          onChange={(event) => setNote(event.target.value)}
        />
      </div>
      {!submitted && cycleClosed && <p className="desk-hint">{t('desk.actions.closedHint')}</p>}
      <div className="row-actions">
        {!submitted && (
          <>
            <button type="button" disabled={busy || cycleClosed} onClick={() => run('remind')}>
              {t('desk.actions.remind')}
            </button>
            <button
              type="button"
              className="secondary"
              disabled={busy || cycleClosed}
              onClick={() => run('submitOnBehalf')}
            >
              {t('desk.actions.submitOnBehalf')}
            </button>
          </>
        )}
        {submitted && (
          <>
            <button type="button" className="secondary" disabled={busy} onClick={() => run('reopen')}>
              {t('desk.actions.reopen')}
            </button>
            {report.publishedAt === null ? (
              <button type="button" disabled={busy} onClick={() => run('publish')}>
                {t('desk.actions.publish')}
              </button>
            ) : (
              <button type="button" className="danger" disabled={busy} onClick={() => run('withdraw')}>
                {t('desk.actions.withdraw')}
              </button>
            )}
          </>
        )}
        <button type="button" className="link-button" onClick={onClose}>
          {t('desk.actions.close')}
        </button>
      </div>
      <div aria-live="assertive">{error && <p className="issue">{error}</p>}</div>
    </section>
  );
}
