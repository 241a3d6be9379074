import { useEffect, useState } from 'react';
import { type FieldPath, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-error.ts';
import { navigate } from '../app/router.ts';
import { useSession } from '../app/session.tsx';
import { deskApi, type Member, type NewCycleBody, type QuestionnaireEntry } from './desk-api.ts';
import { localName, managedInstruments, problemText } from './desk-format.ts';
import { DeskLink } from './desk-link.tsx';
import { useLoad } from './use-load.ts';

interface Values {
  instrument: string;
  questionnaire: string;
  version: string;
  title: string;
  opensAt: string;
  closesAt: string;
  parties: string[];
}

const fieldNames = ['instrument', 'questionnaire', 'version', 'title', 'opensAt', 'closesAt', 'parties'];

/** `/cycles/new`: opens a cycle on a published questionnaire version for the chosen member Parties. */
export function OpenCyclePage() {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const instruments = managedInstruments(me?.roles ?? []);
  const [names] = useLoad(() => deskApi.instruments(), 'instruments');
  const today = new Date().toISOString().slice(0, 10);
  const { register, handleSubmit, control, setValue, setError, formState } = useForm<Values>({
    defaultValues: {
      instrument: instruments[0] ?? '',
      questionnaire: '',
      version: '',
      title: '',
      opensAt: today,
      closesAt: '',
      parties: [],
    },
  });
  const { errors } = formState;
  const instrument = useWatch({ control, name: 'instrument' });
  const questionnaire = useWatch({ control, name: 'questionnaire' });
  const parties = useWatch({ control, name: 'parties' });
  const [questionnaires, setQuestionnaires] = useState<QuestionnaireEntry[]>([]);
  const [versions, setVersions] = useState<number[]>([]);
  const [members, setMembers] = useState<Member[]>([]);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    if (!instrument) return;
    let live = true;
    Promise.all([deskApi.questionnaires(instrument), deskApi.members(instrument)])
      .then(([found, memberList]) => {
        if (!live) return;
        const published = found.questionnaires.filter((entry) => entry.latestVersion !== null);
        setQuestionnaires(published);
        setMembers(memberList.members);
        setValue('questionnaire', published[0]?.key ?? '');
        setValue(
          'parties',
          memberList.members.map((member) => member.code),
        );
      })
      .catch((error: unknown) => live && setFailure(problemText(error)));
    return () => {
      live = false;
    };
  }, [instrument, setValue]);

  useEffect(() => {
    if (!questionnaire) {
      setVersions([]);
      return;
    }
    let live = true;
    deskApi
      .versions(questionnaire)
      .then((found) => {
        if (!live) return;
        const numbers = found.versions.map((entry) => entry.version).sort((a, b) => b - a);
        setVersions(numbers);
        setValue('version', String(numbers[0] ?? ''));
      })
      .catch((error: unknown) => live && setFailure(problemText(error)));
    return () => {
      live = false;
    };
  }, [questionnaire, setValue]);

  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    const body: NewCycleBody = { ...values, version: Number(values.version), title: values.title.trim() };
    try {
      const created = await deskApi.openCycle(body);
      navigate(`/cycles/${created.id}?opened=${created.reports}`);
    } catch (error) {
      const problems = error instanceof ApiError ? (error.problem.errors ?? []) : [];
      let placed = false;
      for (const problem of problems) {
        const field = problem.path?.[0];
        if (typeof field === 'string' && fieldNames.includes(field)) {
          setError(field as FieldPath<Values>, { message: problem.message });
          placed = true;
        }
      }
      setFailure(placed ? t('desk.open.fix') : problemText(error));
    }
  });

  /** The attributes that tie a control to its error message. */
  const invalid = (field: keyof Values) => ({
    'aria-invalid': errors[field] ? true : undefined,
    'aria-describedby': errors[field] ? `${field}-error` : undefined,
  });
  const fieldError = (field: keyof Values) =>
    errors[field] ? (
      <p id={`${field}-error`} className="issue">
        {errors[field]?.message || t('desk.open.required')}
      </p>
    ) : null;
  const instrumentName = (code: string) =>
    names.state === 'ready'
      ? `${localName(names.value.instruments.find((entry) => entry.code === code)?.name ?? {}, i18n.language) || code} (${code})`
      : code;

  if (instruments.length === 0) {
    return (
      <main id="content" className="page desk" tabIndex={-1}>
        <h1>{t('desk.open.title')}</h1>
        <p>{t('desk.open.notSecretariat')}</p>
      </main>
    );
  }

  return (
    <main id="content" className="page desk" tabIndex={-1}>
      <p className="breadcrumb">
        <DeskLink to="/cycles">{t('desk.title')}</DeskLink>
      </p>
      <h1>{t('desk.open.title')}</h1>
      <form onSubmit={onSubmit} noValidate className="desk-form">
        <div className="field">
          <label htmlFor="instrument">{t('desk.open.instrument')}</label>
          <select id="instrument" {...register('instrument', { required: true })}>
            {instruments.map((code) => (
              <option key={code} value={code}>
                {instrumentName(code)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="questionnaire">{t('desk.open.questionnaire')}</label>
          <select
            id="questionnaire"
            {...invalid('questionnaire')}
            {...register('questionnaire', { required: true })}
          >
            {questionnaires.length === 0 && <option value="">{t('desk.open.noQuestionnaire')}</option>}
            {questionnaires.map((entry) => (
              <option key={entry.key} value={entry.key}>
                {entry.key}
              </option>
            ))}
          </select>
          {fieldError('questionnaire')}
        </div>
        <div className="field">
          <label htmlFor="version">{t('desk.open.version')}</label>
          <select id="version" {...invalid('version')} {...register('version', { required: true })}>
            {versions.map((version) => (
              <option key={version} value={String(version)}>
                {t('desk.open.versionNumber', { version })}
              </option>
            ))}
          </select>
          {fieldError('version')}
        </div>
        <div className="field">
          <label htmlFor="title">{t('desk.open.cycleTitle')}</label>
          <input
            id="title"
            type="text"
            maxLength={300}
            {...invalid('title')}
            {...register('title', { required: true, validate: (value) => value.trim() !== '' })}
          />
          {fieldError('title')}
        </div>
        <div className="desk-dates">
          <div className="field">
            <label htmlFor="opensAt">{t('desk.open.opensAt')}</label>
            <input
              id="opensAt"
              type="date"
              {...invalid('opensAt')}
              {...register('opensAt', { required: true })}
            />
            {fieldError('opensAt')}
          </div>
          <div className="field">
            <label htmlFor="closesAt">{t('desk.open.closesAt')}</label>
            <input
              id="closesAt"
              type="date"
              {...invalid('closesAt')}
              {...register('closesAt', {
                required: true,
                validate: (value, all) => value >= all.opensAt || t('desk.open.deadlineBeforeOpening'),
              })}
            />
            {fieldError('closesAt')}
          </div>
        </div>
        <fieldset
          className="party-checklist"
          aria-describedby={`parties-count${errors.parties ? ' parties-error' : ''}`}
        >
          <legend>{t('desk.open.parties')}</legend>
          <p id="parties-count">
            {t('desk.open.partiesChosen', { count: parties.length, total: members.length })}
          </p>
          <div className="row-actions">
            <button
              type="button"
              className="secondary"
              onClick={() =>
                setValue(
                  'parties',
                  members.map((member) => member.code),
                )
              }
            >
              {t('desk.open.all')}
            </button>
            <button type="button" className="secondary" onClick={() => setValue('parties', [])}>
              {t('desk.open.none')}
            </button>
          </div>
          <ul>
            {members
              .map((member) => ({ code: member.code, name: localName(member.name, i18n.language) }))
              .sort((a, b) => a.name.localeCompare(b.name, i18n.language))
              .map((member) => (
                <li key={member.code}>
                  <label>
                    <input
                      type="checkbox"
                      value={member.code}
                      {...register('parties', {
                        validate: (chosen) => chosen.length > 0 || t('desk.open.noParty'),
                      })}
                    />{' '}
                    {member.name} ({member.code})
                  </label>
                </li>
              ))}
          </ul>
          {fieldError('parties')}
        </fieldset>
        <div aria-live="assertive">{failure && <p className="issue">{failure}</p>}</div>
        <button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? t('desk.open.working') : t('desk.open.submit')}
        </button>
      </form>
    </main>
  );
}
