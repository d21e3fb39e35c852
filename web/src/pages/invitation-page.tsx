import { useEffect, useRef, useState, type FormEvent } from 'react';
import { acceptInvitation, type Role } from '../account-api.ts';
import {
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
import { accountPath, Link, managePath, signInPath } from '../router.tsx';
import { useSession } from '../session.tsx';
import { institutionName, usePublicInstitutions } from '../use-institutions.ts';

type Field = 'name' | 'password';
const IDS: Record<Field, string> = { name: 'invitation-name', password: 'invitation-password' };

type Outcome = { status: 'accepted'; role: Role; slug: string | undefined } | { status: 'invalid' };

/**
 * Opened from an invitation e-mail. Someone new chooses a name and a password; someone signed in as the
 * invited address just accepts.
 */
export function InvitationPage({ search }: { search: string }) {
  const { t, lang } = useI18n();
  useDocumentTitle(t.account.invitationTitle);
  const { state, refresh, signOut } = useSession();
  const institutions = usePublicInstitutions();
  const token = new URLSearchParams(search).get('token')?.trim() ?? '';
  const [values, setValues] = useState<Record<Field, string>>({ name: '', password: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | undefined>(token ? undefined : { status: 'invalid' });
  const summary = useErrorSummary();
  const outcomeHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (outcome && token) outcomeHeading.current?.focus();
  }, [outcome, token]);

  if (outcome?.status === 'accepted') {
    const name = outcome.slug ? institutionName(institutions, outcome.slug, lang) : '';
    return (
      <div className="narrow-page">
        <StatusMessage
          title={t.account.invitationDoneHeading}
          headingLevel={1}
          tone="success"
          headingRef={outcomeHeading}
        >
          <p>{t.account.invitationDoneBody(t.roles[outcome.role], name)}</p>
          {outcome.slug ? (
            <Link to={managePath(outcome.slug)} className="button button--primary">
              {t.account.toManage(name)}
            </Link>
          ) : null}
        </StatusMessage>
      </div>
    );
  }
  if (outcome?.status === 'invalid') {
    return (
      <div className="narrow-page">
        <StatusMessage
          title={t.account.linkInvalidHeading}
          headingLevel={1}
          tone="error"
          headingRef={outcomeHeading}
        >
          <p>{token ? t.account.invitationInvalidBody : t.account.linkMissingBody}</p>
        </StatusMessage>
      </div>
    );
  }

  const signedIn = state.status === 'signed-in' ? state.session : undefined;
  const set = (field: Field) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  const fail = (found: Partial<Record<Field, string>>, general: string[] = []) => {
    setErrors(found);
    const items: SummaryItem[] = (['name', 'password'] as const)
      .filter((field) => found[field])
      .map((field) => ({ message: found[field] ?? '', target: IDS[field] }));
    summary.show([...items, ...general.map((message) => ({ message }))]);
  };

  const accept = (input: { name?: string; password?: string }) => {
    setBusy(true);
    acceptInvitation({ token, ...input }).then(
      async (accepted) => {
        const session = await refresh();
        const slug = session?.memberships.find((m) => m.institutionId === accepted.institutionId)?.slug;
        setBusy(false);
        summary.clear();
        setOutcome({ status: 'accepted', role: accepted.role, slug });
      },
      (error: unknown) => {
        setBusy(false);
        if (error instanceof ApiError && error.problems.some((p) => p.field === 'token')) {
          setOutcome({ status: 'invalid' });
          return;
        }
        if (error instanceof ApiError && error.status === 401) {
          if (signedIn) fail({}, [t.account.invitationWrongAccount]);
          else fail({ password: t.account.invitationExistingAccount });
          return;
        }
        if (error instanceof ApiError && error.problems.length > 0) {
          const mapped: Partial<Record<Field, string>> = {};
          const general: string[] = [];
          for (const problem of error.problems) {
            if (problem.field === 'password') mapped.password = serverPasswordProblem(problem, t);
            else if (problem.field === 'name') mapped.name = t.formMessages.nameRequired;
            else general.push(problem.message);
          }
          fail(mapped, general);
          return;
        }
        fail({}, [failureText(error, t)]);
      },
    );
  };

  const submitNew = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const found: Partial<Record<Field, string>> = {};
    const name = nameProblem(values.name, t);
    const password = newPasswordProblem(values.password, '', t);
    if (name) found.name = name;
    if (password) found.password = password;
    if (name || password) {
      fail(found);
      return;
    }
    accept({ name: values.name.trim(), password: values.password });
  };

  const submitSignedIn = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!busy) accept({});
  };

  const here = `${accountPath('invitation')}?token=${encodeURIComponent(token)}`;

  return (
    <div className="narrow-page">
      <div className="page-intro">
        <h1 className="page-title" tabIndex={-1}>
          {t.account.invitationHeading}
        </h1>
        <p className="lead">{t.account.invitationIntro}</p>
      </div>
      <ErrorSummary items={summary.items} summaryRef={summary.ref} />
      {state.status === 'loading' ? (
        <p className="loading" role="status">
          {t.formMessages.loading}
        </p>
      ) : signedIn ? (
        <form className="panel form-stack" onSubmit={submitSignedIn} aria-busy={busy}>
          <p>{t.account.invitationSignedIn(signedIn.user.name, signedIn.user.email)}</p>
          <div className="form-actions">
            <button type="submit" className="button button--primary">
              {t.account.invitationAccept}
            </button>
          </div>
          <p className="form-aside">
            {t.account.invitationNotYou}{' '}
            <button
              type="button"
              className="button button--link button--inline"
              onClick={() => void signOut()}
            >
              {t.layout.signOut}
            </button>
          </p>
        </form>
      ) : (
        <>
          <form className="panel form-stack" onSubmit={submitNew} noValidate aria-busy={busy}>
            <p>{t.account.invitationNewAccount}</p>
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
                {t.account.invitationCreate}
              </button>
            </div>
          </form>
          <p className="form-aside">
            {t.account.invitationHaveAccount}{' '}
            <Link to={signInPath(here)}>{t.account.invitationSignInFirst}</Link>
          </p>
        </>
      )}
    </div>
  );
}
