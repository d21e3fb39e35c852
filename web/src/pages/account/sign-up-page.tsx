import { useEffect, useRef, useState, type FormEvent } from 'react';
import { signUp } from '../../api/accounts.ts';
import {
  emailProblem,
  failureText,
  nameProblem,
  newPasswordProblem,
  serverPasswordProblem,
} from '../../account-rules.ts';
import { ApiError } from '../../api/http.ts';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { useDocumentTitle } from '../../document-title.ts';
import { useI18n } from '../../i18n/language.tsx';
import { Link, LEARNER_PATH, signInPath } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import { PageIntro } from '../../components/page-intro.tsx';
import {
  AlreadySignedIn,
  EmailField,
  FormActions,
  NameField,
  OutcomePage,
  PasswordField,
  useAccountForm,
} from '../../components/account-fields.tsx';

type Field = 'name' | 'email' | 'password';
const IDS: Record<Field, string> = {
  name: 'sign-up-name',
  email: 'sign-up-email',
  password: 'sign-up-password',
};

/**
 * Anyone can sign up: a name, an e-mail address and a password. The server answers the same whether the
 * address is new or already has an account, so this page always says "check your mailbox": the e-mail
 * carries the confirmation link (which signs in), or tells the owner how to sign in.
 */
export function SignUpPage() {
  const { t } = useI18n();
  useDocumentTitle(t.account.signUpTitle);
  const { state } = useSession();
  const { values, set, errors, setErrors, fail, summary } = useAccountForm(IDS, {
    name: '',
    email: '',
    password: '',
  });
  const [busy, setBusy] = useState(false);
  const [createdFor, setCreatedFor] = useState<string>();
  const doneHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (createdFor) doneHeading.current?.focus();
  }, [createdFor]);

  if (createdFor) {
    return (
      <OutcomePage title={t.account.signUpDoneTitle} tone="success" headingRef={doneHeading}>
        <p>{t.account.signUpDoneMail(createdFor)}</p>
        <p>
          <strong>{t.account.signUpDoneEnrol}</strong>
        </p>
        <div className="button-row">
          <Link to="/" className="button button--primary">
            {t.account.toCatalogue}
          </Link>
        </div>
      </OutcomePage>
    );
  }

  if (state.status === 'signed-in') {
    return (
      <AlreadySignedIn
        title={t.account.signUpHeading}
        name={state.session.user.name}
        to={LEARNER_PATH}
        label={t.account.toMyLearning}
      />
    );
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const found: Partial<Record<Field, string>> = {};
    const name = nameProblem(values.name, t);
    const email = emailProblem(values.email, t);
    const password = newPasswordProblem(values.password, values.email, t);
    if (name) found.name = name;
    if (email) found.email = email;
    if (password) found.password = password;
    if (name || email || password) {
      fail(found);
      return;
    }
    setBusy(true);
    signUp({ name: values.name.trim(), email: values.email.trim(), password: values.password })
      .then(
        () => {
          setErrors({});
          summary.clear();
          setCreatedFor(values.email.trim());
        },
        (error: unknown) => {
          if (error instanceof ApiError && error.problems.length > 0) {
            const mapped: Partial<Record<Field, string>> = {};
            const general: string[] = [];
            for (const problem of error.problems) {
              if (problem.field === 'password') mapped.password = serverPasswordProblem(problem, t);
              else if (problem.field === 'email') mapped.email = t.formMessages.emailInvalid;
              else if (problem.field === 'name') mapped.name = t.formMessages.nameRequired;
              else general.push(`${problem.field}: ${problem.message}`);
            }
            fail(mapped, general);
            return;
          }
          fail({}, [failureText(error, t)]);
        },
      )
      .finally(() => setBusy(false));
  };

  return (
    <div className="narrow-page">
      <PageIntro title={t.account.signUpHeading} lead={t.account.signUpIntro} />
      <ErrorSummary items={summary.items} summaryRef={summary.ref} />
      <form className="panel form-stack" onSubmit={submit} noValidate aria-busy={busy}>
        <NameField id={IDS.name} value={values.name} onChange={set('name')} error={errors.name} />
        <EmailField
          id={IDS.email}
          hint={t.account.emailHint}
          value={values.email}
          onChange={set('email')}
          error={errors.email}
        />
        <PasswordField
          id={IDS.password}
          value={values.password}
          onChange={set('password')}
          error={errors.password}
        />
        <FormActions submit={t.account.signUpSubmit} />
      </form>
      <p className="form-aside">
        {t.account.haveAccount} <Link to={signInPath()}>{t.account.signInTitle}</Link>
      </p>
    </div>
  );
}
