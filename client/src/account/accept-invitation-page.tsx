import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { request, setCsrfToken } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { navigate } from '../app/router.ts';
import { useSession } from '../app/session.tsx';
import { takeLinkToken } from './link-token.ts';
import { NewPasswordField, newPasswordRules } from './password-field.tsx';
import { failureText } from './reset-password-page.tsx';

interface Acceptance {
  name: string;
  password: string;
}

/** `/accept-invitation#token=…`: the invited person gives their name, chooses a password and is signed in. */
export function AcceptInvitationPage() {
  const { t } = useTranslation();
  const { setMe } = useSession();
  const [token] = useState(takeLinkToken);
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<Acceptance>({
    defaultValues: { name: '', password: '' },
  });

  const onSubmit = handleSubmit(async ({ name, password }) => {
    setError(null);
    try {
      const result = await request<{ user: Omit<Me, 'csrfToken'>; csrfToken: string }>(
        'POST',
        '/api/invitations/accept',
        { token, password, ...(name.trim() ? { name: name.trim() } : {}) },
      );
      setCsrfToken(result.csrfToken);
      setMe({ ...result.user, csrfToken: result.csrfToken });
      navigate('/', true);
    } catch (failure) {
      setError(failureText(t, failure));
    }
  });

  return (
    <main id="content" className="page narrow" tabIndex={-1}>
      <h1>{t('account.invitationTitle')}</h1>
      {token === null ? (
        <p className="issue">{t('account.invalidLink')}</p>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <p>{t('account.invitationIntro')}</p>
          <div className="field">
            <label htmlFor="invited-name">{t('account.name')}</label>
            <input id="invited-name" type="text" autoComplete="name" {...register('name')} />
          </div>
          <NewPasswordField
            id="invited-password"
            registration={register('password', newPasswordRules)}
            error={formState.errors.password ? t('account.passwordRule') : undefined}
          />
          <div aria-live="assertive">{error && <p className="issue">{error}</p>}</div>
          <button type="submit" className="primary" disabled={formState.isSubmitting}>
            {t('account.acceptInvitation')}
          </button>
        </form>
      )}
    </main>
  );
}
