import { useEffect, useRef, useState, type FormEvent } from 'react';
import { confirmPasswordReset } from '../../api/accounts.ts';
import { failureText, newPasswordProblem, serverPasswordProblem } from '../../account-rules.ts';
import { ApiError } from '../../api/http.ts';
import { ErrorSummary, useErrorSummary } from '../../components/error-summary.tsx';
import { useDocumentTitle } from '../../document-title.ts';
import { useI18n } from '../../i18n/language.tsx';
import { accountPath, Link, signInPath } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import { PageIntro } from '../../components/page-intro.tsx';
import { FormActions, OutcomePage, PasswordField } from '../../components/account-fields.tsx';

const PASSWORD_ID = 'reset-password';

/** Opened from the reset e-mail: sets a new password (and ends every session of the account). */
export function ResetPasswordPage({ search }: { search: string }) {
  const { t } = useI18n();
  useDocumentTitle(t.account.resetTitle);
  const { refresh } = useSession();
  const token = new URLSearchParams(search).get('token')?.trim() ?? '';
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<'done' | 'invalid' | undefined>(token ? undefined : 'invalid');
  const summary = useErrorSummary();
  const outcomeHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (outcome && token) outcomeHeading.current?.focus();
  }, [outcome, token]);

  if (outcome === 'done') {
    return (
      <OutcomePage title={t.account.resetDoneHeading} tone="success" headingRef={outcomeHeading}>
        <p>{t.account.resetDoneBody}</p>
        <Link to={signInPath()} className="button button--primary">
          {t.account.signInTitle}
        </Link>
      </OutcomePage>
    );
  }
  if (outcome === 'invalid') {
    return (
      <OutcomePage title={t.account.linkInvalidHeading} tone="error" headingRef={outcomeHeading}>
        <p>{token ? t.account.resetInvalidBody : t.account.linkMissingBody}</p>
        <Link to={accountPath('forgot-password')} className="button button--primary">
          {t.account.requestNewLink}
        </Link>
      </OutcomePage>
    );
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const problem = newPasswordProblem(password, '', t);
    setError(problem);
    if (problem) {
      summary.show([{ message: problem, target: PASSWORD_ID }]);
      return;
    }
    setBusy(true);
    confirmPasswordReset(token, password).then(
      () => {
        setBusy(false);
        // Every session of the account ended on the server; the header should know.
        void refresh();
        setOutcome('done');
      },
      (failure: unknown) => {
        setBusy(false);
        if (failure instanceof ApiError && failure.problems.some((p) => p.field === 'token')) {
          setOutcome('invalid');
          return;
        }
        const refused = failure instanceof ApiError && failure.problems.find((p) => p.field === 'password');
        if (refused) {
          const message = serverPasswordProblem(refused, t);
          setError(message);
          summary.show([{ message, target: PASSWORD_ID }]);
          return;
        }
        summary.show([{ message: failureText(failure, t) }]);
      },
    );
  };

  return (
    <div className="narrow-page">
      <PageIntro title={t.account.resetHeading} />
      <ErrorSummary items={summary.items} summaryRef={summary.ref} />
      <form className="panel form-stack" onSubmit={submit} noValidate aria-busy={busy}>
        <PasswordField
          id={PASSWORD_ID}
          label={t.account.newPassword}
          value={password}
          onChange={setPassword}
          error={error}
        />
        <FormActions submit={t.account.resetSubmit} />
      </form>
    </div>
  );
}
