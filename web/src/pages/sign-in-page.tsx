import { useState, type FormEvent } from 'react';
import { signIn } from '../account-api.ts';
import { emailProblem, failureText } from '../account-rules.ts';
import { ApiError } from '../api.ts';
import { ErrorSummary, useErrorSummary, type SummaryItem } from '../components/error-summary.tsx';
import { TextField } from '../components/form-field.tsx';
import { StatusMessage } from '../components/status-message.tsx';
import { useDocumentTitle } from '../document-title.ts';
import { useI18n } from '../i18n/language.tsx';
import { accountPath, Link, LEARNER_PATH, navigate, safeNext } from '../router.tsx';
import { useSession } from '../session.tsx';

type Field = 'email' | 'password';
const IDS: Record<Field, string> = { email: 'sign-in-email', password: 'sign-in-password' };

export function SignInPage({ search }: { search: string }) {
  const { t } = useI18n();
  useDocumentTitle(t.account.signInTitle);
  const { state, signedIn } = useSession();
  const next = safeNext(new URLSearchParams(search).get('next'));
  const [values, setValues] = useState<Record<Field, string>>({ email: '', password: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [busy, setBusy] = useState(false);
  const summary = useErrorSummary();

  if (state.status === 'signed-in' && !busy) {
    return (
      <div className="narrow-page">
        <StatusMessage title={t.account.signInHeading} headingLevel={1}>
          <p>{t.account.alreadySignedIn(state.session.user.name)}</p>
          <Link to={next ?? LEARNER_PATH} className="button button--primary">
            {next ? t.account.continue : t.account.toMyLearning}
          </Link>
        </StatusMessage>
      </div>
    );
  }

  const set = (field: Field) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  const fail = (found: Partial<Record<Field, string>>, general: string[] = []) => {
    setErrors(found);
    const items: SummaryItem[] = (['email', 'password'] as const)
      .filter((field) => found[field])
      .map((field) => ({ message: found[field] ?? '', target: IDS[field] }));
    summary.show([...items, ...general.map((message) => ({ message }))]);
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const found: Partial<Record<Field, string>> = {};
    const email = emailProblem(values.email, t);
    if (email) found.email = email;
    if (!values.password) found.password = t.formMessages.passwordRequired;
    if (email || !values.password) {
      fail(found);
      return;
    }
    setBusy(true);
    signIn({ email: values.email.trim(), password: values.password }).then(
      (session) => {
        signedIn(session);
        navigate(next ?? LEARNER_PATH);
      },
      (error: unknown) => {
        setBusy(false);
        if (error instanceof ApiError && error.status === 401) {
          fail({ password: t.account.wrongCredentials });
          return;
        }
        fail({}, [failureText(error, t)]);
      },
    );
  };

  return (
    <div className="narrow-page">
      <div className="page-intro">
        <h1 className="page-title" tabIndex={-1}>
          {t.account.signInHeading}
        </h1>
        <p className="lead">{t.account.signInIntro}</p>
      </div>
      <ErrorSummary items={summary.items} summaryRef={summary.ref} />
      <form className="panel form-stack" onSubmit={submit} noValidate aria-busy={busy}>
        <TextField
          id={IDS.email}
          type="email"
          label={t.account.email}
          value={values.email}
          onChange={set('email')}
          errors={errors.email ? [errors.email] : []}
          autoComplete="username"
          inputMode="email"
          spellCheck={false}
          maxLength={254}
          required
        />
        <TextField
          id={IDS.password}
          type="password"
          label={t.account.password}
          value={values.password}
          onChange={set('password')}
          errors={errors.password ? [errors.password] : []}
          autoComplete="current-password"
          maxLength={256}
          required
        />
        <div className="form-actions">
          <button type="submit" className="button button--primary">
            {t.account.signInSubmit}
          </button>
          <Link to={accountPath('forgot-password')}>{t.account.forgotLink}</Link>
        </div>
      </form>
      <p className="form-aside">
        {t.account.noAccount} <Link to={accountPath('sign-up')}>{t.account.signUpLink}</Link>
      </p>
    </div>
  );
}
