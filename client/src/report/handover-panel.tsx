import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Definition } from '../../../forms/index.ts';
import { localize } from '../../../forms/index.ts';
import { formatDate } from '../app/format.ts';
import { Announcements, useAnnounced } from './announcements.tsx';
import { type Contributor, collabApi, type HandOver } from './collab-api.ts';
import { planFor } from './form-store.ts';
import { InviteColleague } from './invite-colleague.tsx';

function useText(definition: Definition) {
  const { i18n } = useTranslation();
  return (value: Parameters<typeof localize>[0]) =>
    localize(value, i18n.language, definition.defaultLanguage);
}

/** A hand-over in words: the section, or the loop and its iterations. */
export function useDescribeHandOver(definition: Definition) {
  const { t } = useTranslation();
  const text = useText(definition);
  const plan = planFor(definition);
  return (handOver: Pick<HandOver, 'sectionId' | 'loopId' | 'iterations'>) => {
    const section = definition.sections.find((each) => each.id === handOver.sectionId);
    const sectionTitle = section ? text(section.title) : handOver.sectionId;
    if (handOver.loopId === null) return t('collab.partSection', { section: sectionTitle });
    const loop = plan.item(handOver.loopId);
    const labels = (handOver.iterations ?? []).map((value) => {
      const option = loop?.options?.find((each) => String(each.value) === value);
      return option ? text(option.label) : value;
    });
    return t('collab.partLoop', {
      loop: loop && 'label' in loop.item ? text(loop.item.label) : handOver.loopId,
      options: labels.join(', '),
      section: sectionTitle,
    });
  };
}

/** What both hand-over panels show and how they tell the page that hand-overs changed. */
interface HandOverProps {
  reportId: number;
  definition: Definition;
  handOvers: readonly HandOver[];
  onChanged: () => Promise<void>;
}

/**
 * "Hand a section to a colleague": the focal point picks a contributor of the Party and a section, or
 * some iterations of a loop in it; the parts already handed over are listed with a revoke button. A
 * colleague without an account is invited here first, and can be handed a part before accepting.
 */
export function HandOverPanel({
  reportId,
  definition,
  handOvers,
  onChanged,
  party,
  instrument,
}: HandOverProps & { party: string; instrument: string }) {
  const { t, i18n } = useTranslation();
  const text = useText(definition);
  const describe = useDescribeHandOver(definition);
  const plan = planFor(definition);
  const ids = useId();
  const [contributors, setContributors] = useState<Contributor[] | null>(null);
  const [contributorId, setContributorId] = useState('');
  const [sectionId, setSectionId] = useState(definition.sections[0]?.id ?? '');
  const [loopId, setLoopId] = useState('');
  const [iterations, setIterations] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [open, setOpen] = useState(false);
  const { status, error, run, fail } = useAnnounced();

  useEffect(() => {
    if (!open || contributors !== null) return;
    collabApi.contributors(reportId).then((result) => setContributors(result.contributors), fail);
  }, [open, contributors, reportId, fail]);

  /** Lists the contributors again and chooses the one with `email`, if there is one. */
  const choose = async (email: string) => {
    const { contributors: listed } = await collabApi.contributors(reportId);
    setContributors(listed);
    const found = listed.find((each) => each.email.toLowerCase() === email);
    if (found) setContributorId(String(found.id));
    return found !== undefined;
  };

  const loops = plan.items.filter(
    (each) => each.type === 'loop' && each.containerKey === null && each.sectionId === sectionId,
  );
  const loop = loops.find((each) => each.key === loopId);

  const submit = () =>
    run(async () => {
      await collabApi.handOver(reportId, {
        contributorId: Number(contributorId),
        sectionId,
        ...(loop ? { loopId: loop.key, iterations } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      const who = contributors?.find((each) => String(each.id) === contributorId);
      const part = describe({ sectionId, loopId: loop?.key ?? null, iterations: loop ? iterations : null });
      setNote('');
      setIterations([]);
      await onChanged();
      return t('collab.handedOver', { name: who?.name || who?.email || '', part });
    });

  const revoke = (handOver: HandOver) =>
    run(async () => {
      await collabApi.revoke(reportId, handOver.id);
      await onChanged();
      return t('collab.revoked', { name: handOver.contributor.name || handOver.contributor.email });
    });

  return (
    <details className="collab-panel" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{t('collab.handOverTitle', { count: handOvers.length })}</summary>
      {handOvers.length > 0 && (
        <ul className="handover-list">
          {handOvers.map((handOver) => (
            <li key={handOver.id}>
              <span>
                {t('collab.handedTo', {
                  part: describe(handOver),
                  name: handOver.contributor.name || handOver.contributor.email,
                  date: formatDate(handOver.at, i18n.language),
                })}
                {handOver.doneAt && (
                  <strong className="done">
                    {' '}
                    {t('collab.doneOn', { date: formatDate(handOver.doneAt, i18n.language) })}
                  </strong>
                )}
              </span>{' '}
              <button type="button" className="link-button" onClick={() => void revoke(handOver)}>
                {t('collab.revoke', { name: handOver.contributor.name || handOver.contributor.email })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="handover-form"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <h3>{t('collab.handOverAction')}</h3>
        {contributors !== null && contributors.length === 0 ? (
          <p className="help">{t('collab.noContributors')}</p>
        ) : (
          <>
            <label htmlFor={`${ids}-who`}>{t('collab.contributor')}</label>
            <select
              id={`${ids}-who`}
              value={contributorId}
              required
              onChange={(e) => setContributorId(e.target.value)}
            >
              <option value="">{t('field.choose')}</option>
              {(contributors ?? []).map((each) => (
                <option key={each.id} value={each.id}>
                  {each.name ? `${each.name} (${each.email})` : each.email}
                  {each.invited ? ` — ${t('collab.invitationPending')}` : ''}
                </option>
              ))}
            </select>
            <label htmlFor={`${ids}-section`}>{t('collab.section')}</label>
            <select
              id={`${ids}-section`}
              value={sectionId}
              onChange={(e) => {
                setSectionId(e.target.value);
                setLoopId('');
                setIterations([]);
              }}
            >
              {definition.sections.map((section) => (
                <option key={section.id} value={section.id}>
                  {text(section.title)}
                </option>
              ))}
            </select>
            {loops.length > 0 && (
              <fieldset>
                <legend>{t('collab.what')}</legend>
                <label className="option">
                  <input
                    type="radio"
                    name={`${ids}-what`}
                    checked={loopId === ''}
                    onChange={() => setLoopId('')}
                  />{' '}
                  {t('collab.wholeSection')}
                </label>
                {loops.map((each) => (
                  <label className="option" key={each.key}>
                    <input
                      type="radio"
                      name={`${ids}-what`}
                      checked={loopId === each.key}
                      onChange={() => {
                        setLoopId(each.key);
                        setIterations([]);
                      }}
                    />{' '}
                    {t('collab.someIterations', {
                      loop: 'label' in each.item ? text(each.item.label) : each.key,
                    })}
                  </label>
                ))}
              </fieldset>
            )}
            {loop && (
              <fieldset>
                <legend>{t('collab.iterations')}</legend>
                {(loop.options ?? []).map((option) => {
                  const value = String(option.value);
                  return (
                    <label className="option" key={value}>
                      <input
                        type="checkbox"
                        checked={iterations.includes(value)}
                        onChange={(e) =>
                          setIterations((current) =>
                            e.target.checked ? [...current, value] : current.filter((v) => v !== value),
                          )
                        }
                      />{' '}
                      {text(option.label)}
                    </label>
                  );
                })}
              </fieldset>
            )}
            <label htmlFor={`${ids}-note`}>{t('collab.note')}</label>
            <textarea id={`${ids}-note`} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
            <p>
              <button
                type="submit"
                className="primary"
                disabled={contributorId === '' || (loop !== undefined && iterations.length === 0)}
              >
                {t('collab.handOverSubmit')}
              </button>
            </p>
          </>
        )}
      </form>
      <InviteColleague
        party={party}
        instrument={instrument}
        contributors={contributors ?? []}
        onInvited={choose}
        run={run}
      />
      <Announcements status={status} error={error} />
    </details>
  );
}

/** For a contributor: what was handed to it, so it knows where it may write; it marks each part done. */
export function HandedToYou({ reportId, definition, handOvers, onChanged }: HandOverProps) {
  const { t, i18n } = useTranslation();
  const describe = useDescribeHandOver(definition);
  const { status, error, run } = useAnnounced();
  const mark = (handOver: HandOver, done: boolean) =>
    run(async () => {
      await collabApi.markDone(reportId, handOver.id, done);
      await onChanged();
      return t(done ? 'collab.markedDone' : 'collab.markedNotDone', { part: describe(handOver) });
    });
  return (
    <div className="collab-panel handed-to-you">
      {handOvers.length === 0 ? (
        <p>{t('collab.nothingHanded')}</p>
      ) : (
        <>
          <p>{t('collab.handedToYou')}</p>
          <ul className="handover-list">
            {handOvers.map((handOver) => (
              <li key={handOver.id}>
                <span>
                  {describe(handOver)}
                  {handOver.note ? ` — ${handOver.note}` : ''}
                  {handOver.doneAt && (
                    <strong className="done">
                      {' '}
                      {t('collab.doneOn', { date: formatDate(handOver.doneAt, i18n.language) })}
                    </strong>
                  )}
                </span>{' '}
                <button
                  type="button"
                  className="secondary"
                  onClick={() => void mark(handOver, handOver.doneAt === null)}
                >
                  {t(handOver.doneAt === null ? 'collab.markDone' : 'collab.markNotDone', {
                    part: describe(handOver),
                  })}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <Announcements status={status} error={error} />
    </div>
  );
}
