import { useState, type FormEvent } from 'react';
import { signIn } from '../../api/accounts.ts';
import { emailProblem, failureText } from '../../account-rules.ts';
import { ApiError } from '../../api/http.ts';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { useDocumentTitle } from '../../document-title.ts';
import { useI18n } from '../../i18n/language.tsx';
import { accountPath, Link, LEARNER_PATH, navigate, safeNext } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import { PageIntro } from '../../components/page-intro.tsx';
import {
  AlreadySignedIn,
  EmailField,
  FormActions,
  PasswordField,
  useAccountForm,
} from '../../components/account-fields.tsx';

type Field = 'email' | 'password';
const IDS: Record<Field, string> = { email: 'sign-in-email', password: 'sign-in-password' };

export function SignInPage({ search }: { search: string }) {
  const { t } = useI18n();
  useDocumentTitle(t.account.signInTitle);
  const { state, signedIn } = useSession();
  const next = safeNext(new URLSearchParams(search).get('next'));
  const { values, set, errors, fail, summary } = useAccountForm(IDS, { email: '', password: '' });
  const [busy, setBusy] = useState(false);

  if (state.status === 'signed-in' && !busy) {
    return (
      <AlreadySignedIn
        title={t.account.signInHeading}
        name={state.session.user.name}
        to={next ?? LEARNER_PATH}
        label={next ? t.account.continue : t.account.toMyLearning}
      />
    );
  }

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
      <PageIntro title={t.account.signInHeading} lead={t.account.signInIntro} />
      <ErrorSummary items={summary.items} summaryRef={summary.ref} />
      <form className="panel form-stack" onSubmit={submit} noValidate aria-busy={busy}>
        <EmailField id={IDS.email} value={values.email} onChange={set('email')} error={errors.email} signIn />
        <PasswordField
          id={IDS.password}
          value={values.password}
          onChange={set('password')}
          error={errors.password}
          current
        />
        <FormActions submit={t.account.signInSubmit}>
          <Link to={accountPath('forgot-password')}>{t.account.forgotLink}</Link>
        </FormActions>
      </form>
      <p className="form-aside">
        {t.account.noAccount} <Link to={accountPath('sign-up')}>{t.account.signUpLink}</Link>
      </p>
    </div>
  );
}
