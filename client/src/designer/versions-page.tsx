import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type DefinitionChange, formatProblem } from '../../../forms/index.ts';
import type { ProblemError } from '../api/api-error.ts';
import { ApiError } from '../api/api-error.ts';
import { formatDateTime } from '../app/format.ts';
import { navigate } from '../app/router.ts';
import { designerApi, type QuestionnaireDetail } from './designer-api.ts';
import { settleDraftSaves } from './draft-autosave.ts';
import { DesignerNav, downloadJson } from './editor-page.tsx';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** One change between two versions, as a sentence in the reader's language. */
export function ChangeLine({ change }: { change: DefinitionChange }) {
  const { t } = useTranslation();
  const values: Record<string, unknown> = { id: change.id };
  switch (change.kind) {
    case 'renamed':
      values.from = change.from;
      break;
    case 'retyped':
      values.from = change.from;
      values.to = change.to;
      break;
    case 'relabelled':
      values.field = t(`designer.field.${change.field}`);
      values.languages = change.languages.join(', ');
      break;
    case 'options':
      values.added = change.added.join(', ') || '—';
      values.removed = change.removed.join(', ') || '—';
      break;
    case 'logic':
    case 'settings':
      values.field = t(`designer.field.${change.field}`, { defaultValue: change.field });
      values.from = change.from === undefined ? '—' : JSON.stringify(change.from);
      values.to = change.to === undefined ? '—' : JSON.stringify(change.to);
      break;
    default:
      break;
  }
  return <li data-kind={change.kind}>{t(`designer.diff.${change.kind}`, values)}</li>;
}

function ChangeList({ changes }: { changes: DefinitionChange[] }) {
  const { t } = useTranslation();
  if (changes.length === 0) return <p>{t('designer.diff.none')}</p>;
  return (
    <ul className="change-list">
      {changes.map((change, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: an item may change in several ways.
        <ChangeLine key={i} change={change} />
      ))}
    </ul>
  );
}

/** `/designer/<key>/versions`: publish the draft after reading what changed, history, compare, new draft. */
export function VersionsPage({
  questionnaireKey,
  compare,
}: {
  questionnaireKey: string;
  compare: URLSearchParams;
}) {
  const { t, i18n } = useTranslation();
  const key = questionnaireKey;
  const [detail, setDetail] = useState<QuestionnaireDetail | null>(null);
  const [error, setError] = useState('');
  const [message, setMessage] = useState('');
  const [pending, setPending] = useState<DefinitionChange[] | null>(null);
  const [from, setFrom] = useState(compare.get('from') ?? '');
  const [to, setTo] = useState(compare.get('to') ?? '');
  const [compared, setCompared] = useState<DefinitionChange[] | null>(null);

  const load = useCallback(() => {
    settleDraftSaves()
      .then(() => designerApi.detail(key))
      .then(setDetail, (e: unknown) => setError(messageOf(e)));
  }, [key]);
  useEffect(load, [load]);

  const versions = detail?.versions ?? [];
  const latest = versions.at(-1)?.version ?? null;

  const preparePublish = async () => {
    setError('');
    try {
      await settleDraftSaves();
      setPending(latest === null ? [] : (await designerApi.diff(key, latest, 'draft')).changes);
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const publish = async () => {
    setError('');
    try {
      await settleDraftSaves();
      const published = await designerApi.publish(key);
      setPending(null);
      setMessage(t('designer.versions.published', { version: published.version }));
      load();
    } catch (e) {
      setError(
        e instanceof ApiError && e.problem.errors
          ? `${messageOf(e)}: ${e.problem.errors.map((p) => `${(p.path ?? []).join('.')} ${localizedProblem(p, i18n.language)}`).join('; ')}`
          : messageOf(e),
      );
    }
  };

  const startDraft = async (version: number) => {
    setError('');
    try {
      if (detail?.draft) {
        if (!window.confirm(t('designer.versions.replaceDraft', { version }))) return;
        const { definition } = await designerApi.version(key, version);
        await designerApi.saveDraft(key, definition);
      } else {
        await designerApi.draftFrom(key, version);
      }
      navigate(`/designer/${key}`);
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const runCompare = async () => {
    setError('');
    try {
      const older = Number(from);
      setCompared((await designerApi.diff(key, older, to === 'draft' ? 'draft' : Number(to))).changes);
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <main id="content" className="page designer-page" tabIndex={-1}>
      <DesignerNav questionnaireKey={key} current="versions" />
      <h1>{t('designer.versions.title', { key })}</h1>
      {error && (
        <p className="issue" role="alert">
          {error}
        </p>
      )}
      <p aria-live="polite" className={message ? 'notice' : undefined}>
        {message}
      </p>
      <section aria-labelledby="publish-title" className="designer-card">
        <h2 id="publish-title">{t('designer.versions.publishTitle')}</h2>
        {detail?.draft ? (
          pending === null ? (
            <button type="button" onClick={() => void preparePublish()}>
              {t('designer.versions.review')}
            </button>
          ) : (
            <>
              <h3>
                {latest === null
                  ? t('designer.versions.first')
                  : t('designer.versions.changesSince', { version: latest, count: pending.length })}
              </h3>
              <ChangeList changes={pending} />
              <div className="button-row">
                <button type="button" onClick={() => void publish()}>
                  {t('designer.versions.confirm', { version: (latest ?? 0) + 1 })}
                </button>
                <button type="button" className="secondary" onClick={() => setPending(null)}>
                  {t('designer.cancel')}
                </button>
              </div>
            </>
          )
        ) : (
          <p>{t('designer.versions.noDraft')}</p>
        )}
      </section>
      <section aria-labelledby="history-title">
        <h2 id="history-title">{t('designer.versions.history')}</h2>
        {versions.length === 0 ? (
          <p>{t('designer.versions.none')}</p>
        ) : (
          <table className="designer-table">
            <thead>
              <tr>
                <th scope="col">{t('designer.versions.version')}</th>
                <th scope="col">{t('designer.versions.publishedAt')}</th>
                <th scope="col">{t('designer.versions.publishedBy')}</th>
                <th scope="col">{t('designer.versions.hash')}</th>
                <th scope="col">{t('designer.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {[...versions].reverse().map((v) => (
                <tr key={v.version}>
                  <th scope="row">{v.version}</th>
                  <td>{formatDateTime(v.publishedAt, i18n.language)}</td>
                  <td>{v.publishedBy ?? '—'}</td>
                  <td>
                    <code>{v.contentHash.slice(0, 15)}</code>
                  </td>
                  <td className="row-actions">
                    <button type="button" className="secondary" onClick={() => void startDraft(v.version)}>
                      {t('designer.versions.draftFrom', { version: v.version })}
                    </button>
                    <a href={designerApi.links.versionXlsForm(key, v.version)} download>
                      {t('designer.versions.xlsform', { version: v.version })}
                    </a>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() =>
                        void designerApi.version(key, v.version).then(
                          (body) => downloadJson(`${key}-v${v.version}.json`, body.definition),
                          (e: unknown) => setError(messageOf(e)),
                        )
                      }
                    >
                      {t('designer.versions.json', { version: v.version })}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {versions.length > 0 && (
        <section aria-labelledby="compare-title" className="designer-card">
          <h2 id="compare-title">{t('designer.versions.compare')}</h2>
          <div className="button-row">
            <div className="field">
              <label htmlFor="compare-from">{t('designer.versions.from')}</label>
              <select id="compare-from" value={from} onChange={(e) => setFrom(e.target.value)}>
                <option value="">—</option>
                {versions.map((v) => (
                  <option key={v.version} value={v.version}>
                    {t('designer.list.version', { version: v.version })}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="compare-to">{t('designer.versions.to')}</label>
              <select id="compare-to" value={to} onChange={(e) => setTo(e.target.value)}>
                <option value="">—</option>
                {versions.map((v) => (
                  <option key={v.version} value={v.version}>
                    {t('designer.list.version', { version: v.version })}
                  </option>
                ))}
                {detail?.draft && <option value="draft">{t('designer.versions.draft')}</option>}
              </select>
            </div>
            <button type="button" disabled={from === '' || to === ''} onClick={() => void runCompare()}>
              {t('designer.versions.compareButton')}
            </button>
          </div>
          {compared && <ChangeList changes={compared} />}
        </section>
      )}
    </main>
  );
}

/** A definition problem of a refused request, in the interface language when the server named its values. */
function localizedProblem(problem: ProblemError, language: string): string {
  if (problem.code === undefined) return problem.message;
  return formatProblem(
    {
      path: problem.path ?? [],
      code: problem.code,
      message: problem.message,
      severity: 'error',
      ...(problem.params ? { params: problem.params } : {}),
    },
    language,
  );
}
