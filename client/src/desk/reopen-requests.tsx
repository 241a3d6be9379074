import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../app/format.ts';
import { deskApi, type ReopenRequest } from './desk-api.ts';
import { problemText } from './desk-format.ts';

/** The Parties' requests to reopen a submitted report: accept (reopen) or decline with a reason. */
export function ReopenRequests({
  requests,
  onDone,
}: {
  requests: ReopenRequest[];
  onDone: (message: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="requests-heading" className="desk-requests">
      <h2 id="requests-heading">{t('desk.requests.title', { count: requests.length })}</h2>
      {requests.length === 0 ? (
        <p>{t('desk.requests.none')}</p>
      ) : (
        <ul>
          {requests.map((entry) => (
            <RequestItem key={entry.reportId} entry={entry} onDone={onDone} />
          ))}
        </ul>
      )}
    </section>
  );
}

function RequestItem({
  entry,
  onDone,
}: {
  entry: ReopenRequest;
  onDone: (message: string) => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const party = entry.party.name;
  const noteId = `decline-note-${entry.reportId}`;

  const decide = async (accept: boolean) => {
    setError(null);
    if (!accept && note.trim() === '') {
      setError(t('desk.requests.reasonNeeded'));
      document.getElementById(noteId)?.focus();
      return;
    }
    setBusy(true);
    try {
      if (accept) await deskApi.reopen(entry.reportId, note.trim());
      else await deskApi.declineReopen(entry.reportId, note.trim());
      await onDone(t(accept ? 'desk.requests.accepted' : 'desk.requests.declined', { party }));
    } catch (failure) {
      setError(t('desk.actions.failed', { message: problemText(failure) }));
      setBusy(false);
    }
  };

  return (
    <li className="desk-panel">
      <h3>
        {party} ({entry.party.code})
      </h3>
      <p>
        {t('desk.requests.asked', {
          who: entry.requestedBy?.name || entry.requestedBy?.email || t('desk.requests.someone'),
          when: formatDateTime(entry.requestedAt, i18n.language),
        })}
      </p>
      {entry.reason && <blockquote>{entry.reason}</blockquote>}
      <div className="field">
        <label htmlFor={noteId}>{t('desk.requests.note', { party })}</label>
        <textarea
          id={noteId}
          rows={2}
          maxLength={2000}
          value={note}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${noteId}-error` : undefined}
          onChange={(event) => setNote(event.target.value)}
        />
      </div>
      <div className="row-actions">
        <button type="button" disabled={busy} onClick={() => decide(true)}>
          {t('desk.requests.accept')}
          <span className="visually-hidden"> {party}</span>
        </button>
        <button type="button" className="danger" disabled={busy} onClick={() => decide(false)}>
          {t('desk.requests.decline')}
          <span className="visually-hidden"> {party}</span>
        </button>
      </div>
      <div aria-live="assertive">
        {error && (
          <p id={`${noteId}-error`} className="issue">
            {error}
          </p>
        )}
      </div>
    </li>
  );
}
