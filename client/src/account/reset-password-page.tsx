import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-error.ts';
import { request } from '../api/client.ts';
import { takeLinkToken } from './link-token.ts';
import { NewPasswordField, newPasswordRules } from './password-field.tsx';

/**
 * `/reset-password`: without a token, asks for the e-mail address to send a one-time link to; with the
 * link's token (`#token=…`), sets the new password.
 */
export function ResetPasswordPage() {
  const [token] = useState(takeLinkToken);
  const { t } = useTranslation();
  return (
    <main id="content" className="page narrow" tabIndex={-1}>
      <h1>{t('account.resetTitle')}</h1>
      {token === null ? <AskForLink /> : <ChooseNewPassword token={token} />}
    </main>
  );
}

function AskForLink() {
  const { t } = useTranslation();
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<{ email: string }>({ defaultValues: { email: '' } });
  const onSubmit = handleSubmit(async ({ email }) => {
    setError(null);
    try {
      await request('POST', '/api/auth/password-reset', { email });
      setSent(true);
    } catch (failure) {
      setError(failureText(t, failure));
    }
  });
  if (sent)
    return (
      <p role="status" className="notice">
        {t('account.linkSent')}
      </p>
    );
  return (
    <form onSubmit={onSubmit} noValidate>
      <p>{t('account.resetIntro')}</p>
      <div className="field">
        <label htmlFor="reset-email">{t('signIn.email')}</label>
        <input
          id="reset-email"
          type="email"
          autoComplete="username"
          required
          {...register('email', { required: true })}
        />
      </div>
      <div aria-live="assertive">{error && <p className="issue">{error}</p>}</div>
      <button type="submit" className="primary" disabled={formState.isSubmitting}>
        {t('account.sendLink')}
      </button>
    </form>
  );
}

function ChooseNewPassword({ token }: { token: string }) {
  const { t } = useTranslation();
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<{ password: string }>({
    defaultValues: { password: '' },
  });
  const onSubmit = handleSubmit(async ({ password }) => {
    setError(null);
    try {
      await request('POST', '/api/auth/password-reset/confirm', { token, newPassword: password });
      setDone(true);
    } catch (failure) {
      setError(failureText(t, failure));
    }
  });
  if (done)
    return (
      <p role="status" className="notice">
        {t('account.passwordSet')} <a href="/sign-in">{t('signIn.submit')}</a>
      </p>
    );
  return (
    <form onSubmit={onSubmit} noValidate>
      <NewPasswordField
        id="new-password"
        registration={register('password', newPasswordRules)}
        error={formState.errors.password ? t('account.passwordRule') : undefined}
      />
      <div aria-live="assertive">{error && <p className="issue">{error}</p>}</div>
      <button type="submit" className="primary" disabled={formState.isSubmitting}>
        {t('account.setPassword')}
      </button>
    </form>
  );
}

/** The sentence for a failed request: an expired or used link, too many attempts, or the server's words. */
export function failureText(t: (key: string, options?: Record<string, unknown>) => string, failure: unknown) {
  if (failure instanceof ApiError) {
    if (failure.code === 'ORS_INVALID_LINK') return t('account.invalidLink');
    if (failure.status === 429) return t('account.tooMany');
  }
  return t('account.failed', { message: failure instanceof Error ? failure.message : String(failure) });
}
