import { useEffect, useRef, useState, type FormEvent } from 'react';
import { signUp } from '../account-api.ts';
import {
  emailProblem,
  failureText,
  nameProblem,
  newPasswordProblem,
  PASSWORD_MIN_LENGTH,
  serverPasswordProblem,
} from '../account-rules.ts';
import { ApiError } from '../api.ts';
import { ErrorSummary, useErrorSummary, type SummaryItem } from '../components/error-summary.tsx';
import { TextField } from '../components/form-field.tsx';
import { StatusMessage } from '../components/status-message.tsx';
import { useDocumentTitle } from '../document-title.ts';
import { useI18n } from '../i18n/language.tsx';
import { Link, LEARNER_PATH, signInPath } from '../router.tsx';
import { useSession } from '../session.tsx';

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
  const [values, setValues] = useState<Record<Field, string>>({ name: '', email: '', password: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [busy, setBusy] = useState(false);
  const [createdFor, setCreatedFor] = useState<string>();
  const summary = useErrorSummary();
  const doneHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (createdFor) doneHeading.current?.focus();
  }, [createdFor]);

  if (createdFor) {
    return (
      <div className="narrow-page">
        <StatusMessage
          title={t.account.signUpDoneTitle}
          headingLevel={1}
          tone="success"
          headingRef={doneHeading}
        >
          <p>{t.account.signUpDoneMail(createdFor)}</p>
          <p>
            <strong>{t.account.signUpDoneEnrol}</strong>
          </p>
          <div className="button-row">
            <Link to="/" className="button button--primary">
              {t.account.toCatalogue}
            </Link>
          </div>
        </StatusMessage>
      </div>
    );
  }

  if (state.status === 'signed-in') {
    return (
      <div className="narrow-page">
        <StatusMessage title={t.account.signUpHeading} headingLevel={1}>
          <p>{t.account.alreadySignedIn(state.session.user.name)}</p>
          <Link to={LEARNER_PATH} className="button button--primary">
            {t.account.toMyLearning}
          </Link>
        </StatusMessage>
      </div>
    );
  }

  const set = (field: Field) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  const fail = (found: Partial<Record<Field, string>>, general: string[] = []) => {
    setErrors(found);
    const items: SummaryItem[] = (['name', 'email', 'password'] as const)
      .filter((field) => found[field])
      .map((field) => ({ message: found[field] ?? '', target: IDS[field] }));
    summary.show([...items, ...general.map((message) => ({ message }))]);
  };

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
      <div className="page-intro">
        <h1 className="page-title" tabIndex={-1}>
          {t.account.signUpHeading}
        </h1>
        <p className="lead">{t.account.signUpIntro}</p>
      </div>
      <ErrorSummary items={summary.items} summaryRef={summary.ref} />
      <form className="panel form-stack" onSubmit={submit} noValidate aria-busy={busy}>
        <TextField
          id={IDS.name}
          label={t.account.name}
          hint={t.account.nameHint}
          value={values.name}
          onChange={set('name')}
          errors={errors.name ? [errors.name] : []}
          autoComplete="name"
          maxLength={200}
          required
        />
        <TextField
          id={IDS.email}
          type="email"
          label={t.account.email}
          hint={t.account.emailHint}
          value={values.email}
          onChange={set('email')}
          errors={errors.email ? [errors.email] : []}
          autoComplete="email"
          inputMode="email"
          spellCheck={false}
          maxLength={254}
          required
        />
        <TextField
          id={IDS.password}
          type="password"
          label={t.account.password}
          hint={t.account.passwordRule(PASSWORD_MIN_LENGTH)}
          value={values.password}
          onChange={set('password')}
          errors={errors.password ? [errors.password] : []}
          autoComplete="new-password"
          maxLength={256}
          required
        />
        <div className="form-actions">
          <button type="submit" className="button button--primary">
            {t.account.signUpSubmit}
          </button>
        </div>
      </form>
      <p className="form-aside">
        {t.account.haveAccount} <Link to={signInPath()}>{t.account.signInTitle}</Link>
      </p>
    </div>
  );
}
