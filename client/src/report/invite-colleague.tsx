import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-error.ts';
import type { Contributor } from './collab-api.ts';
import { collabApi } from './collab-api.ts';

const languages = ['en', 'fr', 'es'] as const;

interface InviteProps {
  party: string;
  instrument: string;
  /** The contributors known now, to recognise one who is already there. */
  contributors: readonly Contributor[];
  /**
   * After an invitation, or on finding the person already has an account: list the contributors again and
   * choose the one with `email`; whether there is one.
   */
  onInvited: (email: string) => Promise<boolean>;
  /** The panel's announcer: the sentence returned is read out, a thrown failure too. */
  run: (action: () => Promise<string>) => Promise<void>;
}

/**
 * "Invite a colleague": the focal point brings in a new contributor of the report's Party and instrument,
 * who gets a one-time link by e-mail and can be handed a part of the report at once.
 */
export function InviteColleague({ party, instrument, contributors, onInvited, run }: InviteProps) {
  const { t, i18n } = useTranslation();
  const ids = useId();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [language, setLanguage] = useState(
    languages.find((each) => i18n.language.startsWith(each)) ?? languages[0],
  );
  const [busy, setBusy] = useState(false);

  const submit = () =>
    run(async () => {
      const address = email.trim().toLowerCase();
      const known = contributors.find((each) => each.email.toLowerCase() === address);
      if (known) {
        await onInvited(address);
        return t('collab.alreadyContributor', { email: address });
      }
      setBusy(true);
      try {
        await collabApi.invite({
          email: address,
          ...(name.trim() ? { name: name.trim() } : {}),
          language,
          roles: [`contributor:${party}:${instrument}`],
        });
      } catch (failure) {
        if (failure instanceof ApiError && failure.status === 409) {
          const chosen = await onInvited(address);
          throw new Error(
            t(chosen ? 'collab.existingChosen' : 'collab.inviteExists', {
              email: address,
              message: failure.message,
            }),
          );
        }
        throw failure;
      } finally {
        setBusy(false);
      }
      setEmail('');
      setName('');
      await onInvited(address);
      return t('collab.invited', { email: address });
    });

  return (
    <form
      className="handover-form invite-form"
      aria-labelledby={`${ids}-title`}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h3 id={`${ids}-title`}>{t('collab.inviteTitle')}</h3>
      <p className="help">{t('collab.inviteHelp')}</p>
      <label htmlFor={`${ids}-email`}>{t('collab.inviteEmail')}</label>
      <input
        id={`${ids}-email`}
        type="email"
        autoComplete="off"
        required
        maxLength={254}
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      <label htmlFor={`${ids}-name`}>{t('collab.inviteName')}</label>
      <input
        id={`${ids}-name`}
        type="text"
        autoComplete="off"
        maxLength={200}
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <label htmlFor={`${ids}-language`}>{t('collab.inviteLanguage')}</label>
      <select
        id={`${ids}-language`}
        value={language}
        onChange={(e) => setLanguage(e.target.value as (typeof languages)[number])}
      >
        {languages.map((each) => (
          <option key={each} value={each}>
            {t(`language.${each}`)}
          </option>
        ))}
      </select>
      <p>
        <button type="submit" className="secondary" disabled={busy || email.trim() === ''}>
          {t('collab.inviteSubmit')}
        </button>
      </p>
    </form>
  );
}
