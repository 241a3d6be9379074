import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { formatAnswer } from './format-answer.ts';
import { useReport } from './report-context.tsx';

function who(updatedBy: unknown, fallback: string): string {
  if (typeof updatedBy === 'string' && updatedBy) return updatedBy;
  if (updatedBy && typeof updatedBy === 'object') {
    const person = updatedBy as { name?: string; email?: string };
    return person.name || person.email || fallback;
  }
  return fallback;
}

/** Each answer someone else changed meanwhile: their value beside yours, and the choice of which to keep. */
export function ConflictPanel({ onTakeTheirs }: { onTakeTheirs: (id: string, value: unknown) => void }) {
  const { t } = useTranslation();
  const { autosave, store, text, lang } = useReport();
  useSyncExternalStore(
    (listener) => autosave.subscribeConflicts(listener),
    () => autosave.changeCount,
  );
  const conflicts = [...autosave.conflicts.values()];
  if (conflicts.length === 0) return null;
  const words = { yes: t('field.yes'), no: t('field.no'), empty: t('conflict.empty') };
  return (
    <section className="conflicts" aria-labelledby="conflicts-title" role="alert">
      <h2 id="conflicts-title">{t('conflict.title')}</h2>
      {conflicts.map((conflict) => {
        const planned = store.plan.item(conflict.id);
        const label = planned && 'label' in planned.item ? text(planned.item.label) : conflict.id;
        const when = new Date(conflict.updatedAt);
        return (
          <div key={conflict.id} className="conflict" data-conflict={conflict.id}>
            <h3>
              {planned?.item.number ? `${planned.item.number} ` : ''}
              {label}
            </h3>
            <p>
              {t('conflict.explain', {
                who: who(conflict.updatedBy, t('conflict.someone')),
                when: Number.isNaN(when.getTime()) ? conflict.updatedAt : when.toLocaleString(lang),
              })}
            </p>
            <div className="conflict-values">
              <div>
                <p className="conflict-heading">{t('conflict.yours')}</p>
                <p className="conflict-value" data-side="mine">
                  {formatAnswer(planned?.item, planned?.options, conflict.mine, text, words)}
                </p>
                <button type="button" onClick={() => autosave.resolve(conflict.id, 'mine')}>
                  {t('conflict.keepMine')}
                </button>
              </div>
              <div>
                <p className="conflict-heading">{t('conflict.theirs')}</p>
                <p className="conflict-value" data-side="theirs">
                  {formatAnswer(planned?.item, planned?.options, conflict.value, text, words)}
                </p>
                <button
                  type="button"
                  className="secondary"
                  onClick={() => {
                    onTakeTheirs(conflict.id, conflict.value);
                    autosave.resolve(conflict.id, 'theirs');
                  }}
                >
                  {t('conflict.takeTheirs')}
                </button>
              </div>
            </div>
          </div>
        );
      })}
    </section>
  );
}
