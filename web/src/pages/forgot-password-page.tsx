import { useEffect, useRef, useState, type FormEvent } from 'react';
import { requestPasswordReset } from '../account-api.ts';
import { emailProblem, failureText } from '../account-rules.ts';
import { ErrorSummary, useErrorSummary } from '../components/error-summary.tsx';
import { TextField } from '../components/form-field.tsx';
import { StatusMessage } from '../components/status-message.tsx';
import { useDocumentTitle } from '../document-title.ts';
import { useI18n } from '../i18n/language.tsx';
import { Link, signInPath } from '../router.tsx';

const EMAIL_ID = 'forgot-email';

/** Asks for a reset link; the answer is the same whether or not the address has an account. */
export function ForgotPasswordPage() {
  const { t } = useI18n();
  useDocumentTitle(t.account.forgotTitle);
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [sentTo, setSentTo] = useState<string>();
  const summary = useErrorSummary();
  const sentHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (sentTo) sentHeading.current?.focus();
  }, [sentTo]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const problem = emailProblem(email, t);
    setError(problem);
    if (problem) {
      summary.show([{ message: problem, target: EMAIL_ID }]);
      return;
    }
    setBusy(true);
    requestPasswordReset(email.trim())
      .then(
        () => {
          summary.clear();
          setSentTo(email.trim());
        },
        (failure: unknown) => summary.show([{ message: failureText(failure, t) }]),
      )
      .finally(() => setBusy(false));
  };

  return (
    <div className="narrow-page">
      <div className="page-intro">
        <h1 className="page-title" tabIndex={-1}>
          {t.account.forgotHeading}
        </h1>
        {sentTo ? null : <p className="lead">{t.account.forgotIntro}</p>}
      </div>
      {sentTo ? (
        <StatusMessage title={t.account.forgotSentHeading} tone="success" headingRef={sentHeading} focusable>
          <p>{t.account.forgotSentBody(sentTo)}</p>
          <Link to={signInPath()} className="button button--secondary">
            {t.account.signInTitle}
          </Link>
        </StatusMessage>
      ) : (
        <>
          <ErrorSummary items={summary.items} summaryRef={summary.ref} />
          <form className="panel form-stack" onSubmit={submit} noValidate aria-busy={busy}>
            <TextField
              id={EMAIL_ID}
              type="email"
              label={t.account.email}
              value={email}
              onChange={setEmail}
              errors={error ? [error] : []}
              autoComplete="email"
              inputMode="email"
              spellCheck={false}
              maxLength={254}
              required
            />
            <div className="form-actions">
              <button type="submit" className="button button--primary">
                {t.account.forgotSubmit}
              </button>
              <Link to={signInPath()}>{t.account.signInTitle}</Link>
            </div>
          </form>
        </>
      )}
    </div>
  );
}
