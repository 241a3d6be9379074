import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Definition } from '../../../forms/index.ts';
import { localize } from '../../../forms/index.ts';
import { request } from '../api/client.ts';
import { formatDate } from '../app/format.ts';
import { navigate } from '../app/router.ts';
import { Announcements, useAnnounced } from './announcements.tsx';
import { collabApi, type PrefillProposal } from './collab-api.ts';
import { planFor } from './form-store.ts';
import { formatAnswer } from './format-answer.ts';

/**
 * Answers offered from the Party's earlier report and its reports to other instruments, each with its
 * source. Nothing is applied unless the person accepts it (one, or all); accepted answers are saved as
 * prefill in the history, then `onApplied` reloads the form.
 */
export function PrefillPanel({
  reportId,
  definition,
  editable,
  onApplied,
}: {
  reportId: number;
  definition: Definition;
  /** Whether the person may change an answer id (a contributor: only what was handed to it). */
  editable: (answerId: string) => boolean;
  onApplied: () => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const plan = planFor(definition);
  const text = (value: Parameters<typeof localize>[0]) => localize(value, lang, definition.defaultLanguage);
  const [proposals, setProposals] = useState<PrefillProposal[] | null>(null);
  const [busy, setBusy] = useState(false);
  const { status, error, run, fail } = useAnnounced();

  const load = useCallback(async () => {
    try {
      const { suggestions } = await collabApi.prefill(reportId);
      setProposals(suggestions);
    } catch (failure) {
      fail(failure);
    }
  }, [reportId, fail]);

  useEffect(() => {
    void load();
  }, [load]);

  const shown = (proposals ?? []).filter((proposal) => editable(proposal.id));
  if (proposals === null && !error) return null;
  if (shown.length === 0 && !status && !error) return null;

  const accept = async (chosen: PrefillProposal[]) => {
    setBusy(true);
    // One proposal per question: the newest source comes first.
    const seen = new Set<string>();
    const accepted = chosen.filter((each) => !seen.has(each.id) && seen.add(each.id));
    await run(async () => {
      const { revision } = await request<{ revision: number }>('GET', `/api/reports/${reportId}`);
      const result = await collabApi.applyPrefill(
        reportId,
        revision,
        accepted.map((each) => ({ id: each.id, sourceReportId: each.source.reportId })),
      );
      await load();
      await onApplied();
      return t('collab.prefillApplied', { count: result.applied.length });
    });
    setBusy(false);
  };

  const labelOf = (id: string) => {
    const item = plan.item(id)?.item;
    if (!item || !('label' in item) || item.label === undefined) return id;
    return [item.number, text(item.label)].filter(Boolean).join(' ');
  };
  const words = { yes: t('field.yes'), no: t('field.no'), empty: '—' };

  return (
    <details className="collab-panel prefill-panel">
      <summary>{t('collab.prefillTitle', { count: shown.length })}</summary>
      <p className="help">{t('collab.prefillIntro')}</p>
      {shown.length > 1 && (
        <p>
          <button type="button" className="secondary" disabled={busy} onClick={() => void accept(shown)}>
            {t('collab.acceptAll', { count: shown.length })}
          </button>
        </p>
      )}
      <ul className="prefill-list">
        {shown.map((proposal) => {
          const planned = plan.item(proposal.id);
          const value = formatAnswer(planned?.item, planned?.options, proposal.value, text, words);
          const sourceUrl = `/reports/${proposal.source.reportId}`;
          return (
            <li key={`${proposal.id}:${proposal.source.reportId}`}>
              <p className="prefill-question">{labelOf(proposal.id)}</p>
              <p className="prefill-value">{value}</p>
              <p className="prefill-source">
                {t(proposal.kind === 'previous-cycle' ? 'collab.fromPrevious' : 'collab.fromOther', {
                  instrument: proposal.source.instrument,
                  cycle: proposal.source.cycle.title,
                  date: formatDate(proposal.source.submittedAt, lang),
                })}{' '}
                <a
                  href={sourceUrl}
                  onClick={(event) => {
                    event.preventDefault();
                    navigate(sourceUrl);
                  }}
                >
                  {t('collab.seeSource')}
                </a>
              </p>
              <button
                type="button"
                className="primary"
                disabled={busy}
                onClick={() => void accept([proposal])}
                aria-label={t('collab.acceptOne', { question: labelOf(proposal.id), value })}
              >
                {t('collab.accept')}
              </button>
            </li>
          );
        })}
      </ul>
      <Announcements status={status} error={error} />
    </details>
  );
}
