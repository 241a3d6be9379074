import type { UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';

/** A new-password input with its rule and its error, both tied to it for screen readers. */
export function NewPasswordField({
  id,
  registration,
  error,
}: {
  id: string;
  registration: UseFormRegisterReturn;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{t('account.newPassword')}</label>
      <input
        id={id}
        type="password"
        autoComplete="new-password"
        required
        aria-describedby={`${id}-rule${error ? ` ${id}-error` : ''}`}
        aria-invalid={error ? true : undefined}
        {...registration}
      />
      <p id={`${id}-rule`} className="help">
        {t('account.passwordRule')}
      </p>
      {error && (
        <p id={`${id}-error`} className="issue">
          {error}
        </p>
      )}
    </div>
  );
}

/** react-hook-form rules of a new password: the server's own rule (server/auth/accounts.ts), told early. */
export const newPasswordRules = { required: true, minLength: 10, maxLength: 1000 } as const;
