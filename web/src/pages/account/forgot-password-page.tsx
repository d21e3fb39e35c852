import { useEffect, useRef, useState, type FormEvent } from 'react';
import { requestPasswordReset } from '../../api/accounts.ts';
import { emailProblem, failureText } from '../../account-rules.ts';
import { ErrorSummary, useErrorSummary } from '../../components/error-summary.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { useDocumentTitle } from '../../document-title.ts';
import { useI18n } from '../../i18n/language.tsx';
import { Link, signInPath } from '../../router.tsx';
import { EmailField, FormActions } from '../../components/account-fields.tsx';
import { PageIntro } from '../../components/page-intro.tsx';

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
      <PageIntro title={t.account.forgotHeading} lead={sentTo ? undefined : t.account.forgotIntro} />
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
            <EmailField id={EMAIL_ID} value={email} onChange={setEmail} error={error} />
            <FormActions submit={t.account.forgotSubmit}>
              <Link to={signInPath()}>{t.account.signInTitle}</Link>
            </FormActions>
          </form>
        </>
      )}
    </div>
  );
}
