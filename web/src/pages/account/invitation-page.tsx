import { useEffect, useRef, useState, type FormEvent } from 'react';
import { acceptInvitation, type Role } from '../../api/accounts.ts';
import { failureText, nameProblem, newPasswordProblem, serverPasswordProblem } from '../../account-rules.ts';
import { ApiError } from '../../api/http.ts';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { useDocumentTitle } from '../../document-title.ts';
import { useI18n } from '../../i18n/language.tsx';
import { accountPath, Link, managePath, signInPath } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import { institutionName, usePublicInstitutions } from '../../use-institutions.ts';
import { Loading } from '../../components/load-state.tsx';
import { PageIntro } from '../../components/page-intro.tsx';
import {
  FormActions,
  NameField,
  OutcomePage,
  PasswordField,
  useAccountForm,
} from '../../components/account-fields.tsx';

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
  const { values, set, errors, fail, summary } = useAccountForm(IDS, { name: '', password: '' });
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | undefined>(token ? undefined : { status: 'invalid' });
  const outcomeHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (outcome && token) outcomeHeading.current?.focus();
  }, [outcome, token]);

  if (outcome?.status === 'accepted') {
    const name = outcome.slug ? institutionName(institutions, outcome.slug, lang) : '';
    return (
      <OutcomePage title={t.account.invitationDoneHeading} tone="success" headingRef={outcomeHeading}>
        <p>{t.account.invitationDoneBody(t.roles[outcome.role], name)}</p>
        {outcome.slug ? (
          <Link to={managePath(outcome.slug)} className="button button--primary">
            {t.account.toManage(name)}
          </Link>
        ) : null}
      </OutcomePage>
    );
  }
  if (outcome?.status === 'invalid') {
    return (
      <OutcomePage title={t.account.linkInvalidHeading} tone="error" headingRef={outcomeHeading}>
        <p>{token ? t.account.invitationInvalidBody : t.account.linkMissingBody}</p>
      </OutcomePage>
    );
  }

  const signedIn = state.status === 'signed-in' ? state.session : undefined;

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
      <PageIntro title={t.account.invitationHeading} lead={t.account.invitationIntro} />
      <ErrorSummary items={summary.items} summaryRef={summary.ref} />
      {state.status === 'loading' ? (
        <Loading announce />
      ) : signedIn ? (
        <form className="panel form-stack" onSubmit={submitSignedIn} aria-busy={busy}>
          <p>{t.account.invitationSignedIn(signedIn.user.name, signedIn.user.email)}</p>
          <FormActions submit={t.account.invitationAccept} />
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
            <NameField id={IDS.name} value={values.name} onChange={set('name')} error={errors.name} />
            <PasswordField
              id={IDS.password}
              value={values.password}
              onChange={set('password')}
              error={errors.password}
            />
            <FormActions submit={t.account.invitationCreate} />
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
