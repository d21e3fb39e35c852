import { useEffect, useRef, useState, type FormEvent } from 'react';
import {
  DATA_EXPORT_URL,
  changePassword,
  eraseAccount,
  fetchProfile,
  renameAccount,
  requestEmailChange,
  type Profile,
} from '../../api/accounts.ts';
import { ApiError } from '../../api/http.ts';
import {
  emailProblem,
  failureText,
  nameProblem,
  newPasswordProblem,
  serverPasswordProblem,
} from '../../account-rules.ts';
import {
  FormActions,
  NameField,
  OutcomePage,
  PasswordField,
  useAccountForm,
} from '../../components/account-fields.tsx';
import { LiveNotice, type Notice } from '../../components/confirm-action.tsx';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { TextField } from '../../components/form-field.tsx';
import { LoadFailed, Loading } from '../../components/load-state.tsx';
import { PageIntro } from '../../components/page-intro.tsx';
import { PanelSection } from '../../components/panel-section.tsx';
import { useDocumentTitle } from '../../document-title.ts';
import { formatDate } from '../../format.ts';
import type { Messages } from '../../i18n/dictionary.ts';
import { useI18n } from '../../i18n/language.tsx';
import { Link, PROFILE_PATH } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import { SignedOutView } from '../../components/signed-out-view.tsx';
import { staffSlugs } from '../../staff-areas.ts';
import { useLoad } from '../../use-load.ts';

/** The server's words for a refused field, or what no field explains, in the page's language. */
function problemsOf<F extends string>(failure: unknown, fields: readonly F[]): Partial<Record<F, string>> {
  if (!(failure instanceof ApiError)) return {};
  const found: Partial<Record<F, string>> = {};
  for (const problem of failure.problems)
    if ((fields as readonly string[]).includes(problem.field)) found[problem.field as F] = problem.message;
  return found;
}

/** What to say in the summary when no field explains a refusal. */
function generalOf(failure: unknown, explained: boolean, t: Messages): string[] {
  return explained ? [] : [failureText(failure, t)];
}

const NAME_IDS = { name: 'profile-name' } as const;

function NameForm({ profile, onSaved }: { profile: Profile; onSaved: (profile: Profile) => void }) {
  const { t } = useI18n();
  const form = useAccountForm(NAME_IDS, { name: profile.name });
  const [notice, setNotice] = useState<Notice>();
  const [busy, setBusy] = useState(false);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setNotice(undefined);
    const problem = nameProblem(form.values.name, t);
    if (problem) return form.fail({ name: problem });
    setBusy(true);
    renameAccount(form.values.name).then(
      (saved) => {
        setBusy(false);
        form.fail({});
        onSaved(saved);
        setNotice({ tone: 'success', text: t.profile.nameSaved });
      },
      (failure: unknown) => {
        setBusy(false);
        const found = problemsOf(failure, ['name'] as const);
        form.fail(found, generalOf(failure, Boolean(found.name), t));
      },
    );
  };
  return (
    <PanelSection id="profile-name-heading" title={t.profile.nameHeading}>
      <ErrorSummary items={form.summary.items} summaryRef={form.summary.ref} />
      <form className="form-stack" onSubmit={submit} noValidate aria-busy={busy}>
        <NameField
          id={NAME_IDS.name}
          value={form.values.name}
          onChange={form.set('name')}
          error={form.errors.name}
        />
        <FormActions submit={t.profile.nameSubmit} />
      </form>
      <LiveNotice notice={notice} />
    </PanelSection>
  );
}

const EMAIL_IDS = { email: 'profile-new-email', password: 'profile-email-password' } as const;

function EmailForm({ profile, onChanged }: { profile: Profile; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const form = useAccountForm(EMAIL_IDS, { email: '', password: '' });
  const [notice, setNotice] = useState<Notice>();
  const [busy, setBusy] = useState(false);
  const roles = profile.memberships.map((m) => `${t.roles[m.role]} (${m.slug})`);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setNotice(undefined);
    const found = {
      email: emailProblem(form.values.email, t),
      password: form.values.password ? undefined : t.profile.passwordRequired,
    };
    if (found.email || found.password) return form.fail(found);
    setBusy(true);
    requestEmailChange(form.values).then(
      ({ pendingEmail }) => {
        setBusy(false);
        form.fail({});
        form.set('email')('');
        form.set('password')('');
        setNotice({ tone: 'success', text: t.profile.emailSent(pendingEmail) });
        onChanged();
      },
      (failure: unknown) => {
        setBusy(false);
        const fields = problemsOf(failure, ['email', 'password'] as const);
        // An address another account has is a conflict, not a field problem: it belongs at the address.
        if (failure instanceof ApiError && failure.status === 409) fields.email = failure.message;
        form.fail(fields, generalOf(failure, Boolean(fields.email ?? fields.password), t));
      },
    );
  };
  return (
    <PanelSection id="profile-email-heading" title={t.profile.emailHeading}>
      <dl className="definition-list">
        <div>
          <dt>{t.profile.currentEmail}</dt>
          <dd className="break">
            {profile.email} ({profile.emailVerified ? t.profile.confirmed : t.profile.unconfirmed})
          </dd>
        </div>
        <div>
          <dt>{t.profile.memberSince}</dt>
          <dd>{formatDate(profile.since, lang)}</dd>
        </div>
        <div>
          <dt>{t.profile.roles}</dt>
          <dd>{roles.length ? roles.join(', ') : t.profile.noRoles}</dd>
        </div>
      </dl>
      {profile.pendingEmail ? (
        <p className="notice break">{t.profile.pending(profile.pendingEmail)}</p>
      ) : null}
      <ErrorSummary items={form.summary.items} summaryRef={form.summary.ref} />
      <form className="form-stack" onSubmit={submit} noValidate aria-busy={busy}>
        <TextField
          id={EMAIL_IDS.email}
          type="email"
          label={t.profile.newEmail}
          hint={t.profile.newEmailHint}
          value={form.values.email}
          onChange={form.set('email')}
          errors={form.errors.email ? [form.errors.email] : []}
          autoComplete="email"
          inputMode="email"
          spellCheck={false}
          maxLength={254}
          required
        />
        <PasswordField
          id={EMAIL_IDS.password}
          label={t.profile.passwordForChange}
          value={form.values.password}
          onChange={form.set('password')}
          error={form.errors.password}
          current
        />
        <FormActions submit={t.profile.emailSubmit} />
      </form>
      <LiveNotice notice={notice} />
    </PanelSection>
  );
}

const PASSWORD_IDS = {
  currentPassword: 'profile-current-password',
  newPassword: 'profile-new-password',
} as const;

function PasswordForm({ profile }: { profile: Profile }) {
  const { t } = useI18n();
  const form = useAccountForm(PASSWORD_IDS, { currentPassword: '', newPassword: '' });
  const [notice, setNotice] = useState<Notice>();
  const [busy, setBusy] = useState(false);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setNotice(undefined);
    const found = {
      currentPassword: form.values.currentPassword ? undefined : t.profile.passwordRequired,
      newPassword: newPasswordProblem(form.values.newPassword, profile.email, t),
    };
    if (found.currentPassword || found.newPassword) return form.fail(found);
    setBusy(true);
    changePassword(form.values).then(
      () => {
        setBusy(false);
        form.fail({});
        form.set('currentPassword')('');
        form.set('newPassword')('');
        setNotice({ tone: 'success', text: t.profile.passwordSaved });
      },
      (failure: unknown) => {
        setBusy(false);
        const fields = problemsOf(failure, ['currentPassword', 'newPassword'] as const);
        if (fields.newPassword)
          fields.newPassword = serverPasswordProblem({ message: fields.newPassword }, t);
        form.fail(fields, generalOf(failure, Boolean(fields.currentPassword ?? fields.newPassword), t));
      },
    );
  };
  return (
    <PanelSection id="profile-password-heading" title={t.profile.passwordHeading}>
      <ErrorSummary items={form.summary.items} summaryRef={form.summary.ref} />
      <form className="form-stack" onSubmit={submit} noValidate aria-busy={busy}>
        {/* The address as user name, so that a password manager saves the new password for this account. */}
        <input type="email" hidden readOnly autoComplete="username" value={profile.email} />
        <PasswordField
          id={PASSWORD_IDS.currentPassword}
          label={t.profile.currentPassword}
          value={form.values.currentPassword}
          onChange={form.set('currentPassword')}
          error={form.errors.currentPassword}
          current
        />
        <PasswordField
          id={PASSWORD_IDS.newPassword}
          label={t.profile.newPassword}
          value={form.values.newPassword}
          onChange={form.set('newPassword')}
          error={form.errors.newPassword}
        />
        <FormActions submit={t.profile.passwordSubmit} />
      </form>
      <LiveNotice notice={notice} />
    </PanelSection>
  );
}

function ExportSection() {
  const { t } = useI18n();
  return (
    <PanelSection id="profile-export-heading" title={t.profile.exportHeading}>
      <p>{t.profile.exportBody}</p>
      <a href={DATA_EXPORT_URL} download className="button button--secondary">
        {t.profile.exportLink}
      </a>
    </PanelSection>
  );
}

const ERASE_IDS = { password: 'profile-erase-password', confirmation: 'profile-erase-confirmation' } as const;

function EraseSection({ profile, onErased }: { profile: Profile; onErased: () => void }) {
  const { t } = useI18n();
  const form = useAccountForm(ERASE_IDS, { password: '', confirmation: '' });
  const [busy, setBusy] = useState(false);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const found = {
      password: form.values.password ? undefined : t.profile.passwordRequired,
      confirmation:
        form.values.confirmation.trim().toLowerCase() === profile.email
          ? undefined
          : t.profile.eraseConfirmationWrong,
    };
    if (found.password || found.confirmation) return form.fail(found);
    setBusy(true);
    eraseAccount(form.values).then(
      () => {
        setBusy(false);
        onErased();
      },
      (failure: unknown) => {
        setBusy(false);
        const fields = problemsOf(failure, ['password', 'confirmation'] as const);
        form.fail(fields, generalOf(failure, Boolean(fields.password ?? fields.confirmation), t));
      },
    );
  };
  return (
    <section className="panel editor-section profile-danger" aria-labelledby="profile-erase-heading">
      <h2 id="profile-erase-heading" className="editor-section__title">
        {t.profile.eraseHeading}
      </h2>
      <p>{t.profile.eraseIntro}</p>
      <ul className="profile-danger__list">
        <li>{t.profile.eraseName}</li>
        <li>{t.profile.eraseShares}</li>
        <li>{t.profile.eraseImports}</li>
        <li>{t.profile.eraseCredentials}</li>
      </ul>
      <p>
        <strong>{t.profile.eraseFinal}</strong>
      </p>
      {staffSlugs(profile.memberships).length > 0 ? (
        <p className="notice notice--warning">{t.profile.eraseStaff}</p>
      ) : null}
      <ErrorSummary items={form.summary.items} summaryRef={form.summary.ref} />
      <form className="form-stack" onSubmit={submit} noValidate aria-busy={busy}>
        <PasswordField
          id={ERASE_IDS.password}
          label={t.profile.erasePassword}
          value={form.values.password}
          onChange={form.set('password')}
          error={form.errors.password}
          current
        />
        <TextField
          id={ERASE_IDS.confirmation}
          label={t.profile.eraseConfirmation}
          hint={t.profile.eraseConfirmationHint(profile.email)}
          value={form.values.confirmation}
          onChange={form.set('confirmation')}
          errors={form.errors.confirmation ? [form.errors.confirmation] : []}
          autoComplete="off"
          spellCheck={false}
          maxLength={254}
          required
        />
        <div className="form-actions">
          <button type="submit" className="button button--danger">
            {t.profile.eraseSubmit}
          </button>
        </div>
      </form>
    </section>
  );
}

function Erased() {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <OutcomePage title={t.profile.erasedTitle} tone="success" headingRef={heading}>
      <p>{t.profile.erasedBody}</p>
      <Link to="/" className="button button--primary">
        {t.profile.toCatalogue}
      </Link>
    </OutcomePage>
  );
}

function ProfileSections({ onErased }: { onErased: () => void }) {
  const { t } = useI18n();
  const { refresh } = useSession();
  const [load, reload] = useLoad(fetchProfile, 'profile');
  const [profile, setProfile] = useState<Profile>();
  useEffect(() => {
    if (load.status === 'ready') setProfile(load.value);
  }, [load]);

  if (load.status === 'failed')
    return <LoadFailed title={t.profile.loadFailed} error={load.error} onRetry={reload} headingLevel={2} />;
  if (!profile) return <Loading announce />;
  return (
    <div className="profile-sections">
      <NameForm
        profile={profile}
        onSaved={(saved) => {
          setProfile(saved);
          // The account menu shows the name.
          void refresh();
        }}
      />
      <EmailForm profile={profile} onChanged={reload} />
      <PasswordForm profile={profile} />
      <ExportSection />
      <EraseSection profile={profile} onErased={onErased} />
    </div>
  );
}

/** The signed-in person's own details: name, address, password, the download of their data, erasure. */
export function ProfilePage() {
  const { t } = useI18n();
  useDocumentTitle(t.profile.title);
  const { state, refresh } = useSession();
  const [erased, setErased] = useState(false);

  if (erased) return <Erased />;
  if (state.status !== 'signed-in')
    return <SignedOutView state={state} onRetry={() => void refresh()} returnTo={PROFILE_PATH} />;
  return (
    <div className="narrow-page profile-page">
      <PageIntro title={t.profile.title} lead={t.profile.lead} />
      <ProfileSections
        onErased={() => {
          // The answer cleared the cookie: the session is gone here too, and the page says what happened.
          setErased(true);
          void refresh();
        }}
      />
    </div>
  );
}
