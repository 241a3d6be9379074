import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-error.ts';
import { api } from '../api/client.ts';
import { navigate } from '../app/router.ts';
import { useSession } from '../app/session.tsx';
import { chooseLanguage, hasChosenLanguage } from '../i18n/index.ts';

interface Credentials {
  email: string;
  password: string;
}

/** Only paths of this application are followed after signing in. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage({ next }: { next: string | null }) {
  const { t } = useTranslation();
  const { setMe } = useSession();
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<Credentials>({
    defaultValues: { email: '', password: '' },
  });

  const onSubmit = handleSubmit(async ({ email, password }) => {
    setError(null);
    try {
      const me = await api.login(email, password);
      if (!hasChosenLanguage()) chooseLanguage(me.language, false);
      setMe(me);
      navigate(safeNext(next), true);
    } catch (failure) {
      if (
        failure instanceof ApiError &&
        (failure.status === 401 || failure.status === 400 || failure.status === 422)
      ) {
        setError(t('signIn.failed'));
      } else {
        setError(
          t('signIn.error', { message: failure instanceof Error ? failure.message : String(failure) }),
        );
      }
    }
  });

  return (
    <main id="content" className="page narrow" tabIndex={-1}>
      <h1>{t('signIn.title')}</h1>
      <p>{t('signIn.intro')}</p>
      <form className="sign-in" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor="email">{t('signIn.email')}</label>
          <input
            id="email"
            type="email"
            autoComplete="username"
            required
            {...register('email', { required: true })}
          />
        </div>
        <div className="field">
          <label htmlFor="password">{t('signIn.password')}</label>
          <input
            id="password"
            type="password"
            autoComplete="current-password"
            required
            {...register('password', { required: true })}
          />
        </div>
        <div aria-live="assertive">{error && <p className="issue">{error}</p>}</div>
        <button type="submit" className="primary" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? t('signIn.working') : t('signIn.submit')}
        </button>
      </form>
      <p>
        <a href="/reset-password">{t('account.forgotPassword')}</a>
      </p>
    </main>
  );
}
