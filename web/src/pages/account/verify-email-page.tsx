import { useEffect, useRef, useState } from 'react';
import { confirmEmail, confirmEmailChange, type User } from '../../api/accounts.ts';
import { ApiError } from '../../api/http.ts';
import { StatusMessage } from '../../components/status-message.tsx';
import { useDocumentTitle } from '../../document-title.ts';
import { useI18n } from '../../i18n/language.tsx';
import { Link, LEARNER_PATH, PROFILE_PATH } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import { LoadFailed, Loading } from '../../components/load-state.tsx';
import { OutcomePage } from '../../components/account-fields.tsx';

type State =
  | { status: 'checking' }
  | { status: 'confirmed'; user: User }
  | { status: 'invalid' }
  | { status: 'missing' }
  | { status: 'failed'; error: unknown }
  /** The server refused the change for a reason it names (another account took the address meanwhile). */
  | { status: 'refused'; message: string };

/** A link is used once: the same token asked twice (a re-render, a second mount) shares one request. */
const pending = new Map<string, ReturnType<typeof confirmEmail>>();

/** The link of a new account confirms its address; the link of an address change (`change=email`) swaps it. */
function confirmOnce(token: string, change: boolean): ReturnType<typeof confirmEmail> {
  const key = `${change ? 'change' : 'verify'}:${token}`;
  let request = pending.get(key);
  if (!request) {
    request = change ? confirmEmailChange(token) : confirmEmail(token);
    pending.set(key, request);
  }
  return request;
}

/** Opened from the link in a confirmation e-mail (of a new account or a new address): confirms and says so. */
export function VerifyEmailPage({ search }: { search: string }) {
  const { t } = useI18n();
  const params = new URLSearchParams(search);
  const change = params.get('change') === 'email';
  useDocumentTitle(change ? t.profile.changeConfirmTitle : t.account.verifyTitle);
  const { state: session, refresh, signedIn } = useSession();
  const token = params.get('token')?.trim() ?? '';
  const [state, setState] = useState<State>(token ? { status: 'checking' } : { status: 'missing' });
  const [attempt, setAttempt] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  const signedInId = session.status === 'signed-in' ? session.session.user.id : undefined;

  useEffect(() => {
    if (!token) {
      setState({ status: 'missing' });
      return;
    }
    let live = true;
    setState({ status: 'checking' });
    confirmOnce(token, change).then(
      ({ user, memberships, csrfToken }) => {
        // The link signs in whoever follows it (unless already signed in as that account): the header
        // should know at once.
        if (memberships && csrfToken) signedIn({ user, memberships, csrfToken });
        if (live) setState({ status: 'confirmed', user });
      },
      (error: unknown) => {
        pending.delete(`${change ? 'change' : 'verify'}:${token}`);
        if (!live) return;
        if (error instanceof ApiError && error.status === 422) setState({ status: 'invalid' });
        else if (error instanceof ApiError && error.status === 409)
          setState({ status: 'refused', message: error.message });
        else setState({ status: 'failed', error });
      },
    );
    return () => {
      live = false;
    };
  }, [token, change, attempt, signedIn]);

  // The header and "Mijn leren" should know at once that the address is confirmed.
  useEffect(() => {
    if (state.status === 'confirmed' && signedInId === state.user.id) void refresh();
  }, [state, signedInId, refresh]);

  useEffect(() => {
    if (state.status !== 'checking') heading.current?.focus();
  }, [state.status]);

  if (state.status === 'checking') {
    return (
      <div className="narrow-page">
        <h1 className="page-title" tabIndex={-1}>
          {change ? t.profile.changeConfirmTitle : t.account.verifyTitle}
        </h1>
        <Loading announce text={t.account.verifying} />
      </div>
    );
  }
  if (state.status === 'confirmed') {
    return (
      <OutcomePage
        title={change ? t.profile.changeConfirmedHeading : t.account.verifiedHeading}
        tone="success"
        headingRef={heading}
      >
        <p>
          {change
            ? t.profile.changeConfirmedBody(state.user.email)
            : t.account.verifiedBody(state.user.email)}
        </p>
        <div className="button-row">
          <Link to="/" className="button button--primary">
            {t.account.toCatalogue}
          </Link>
          <Link to={LEARNER_PATH} className="button button--secondary">
            {t.account.toMyLearning}
          </Link>
        </div>
      </OutcomePage>
    );
  }
  if (state.status === 'failed') {
    return (
      <div className="narrow-page">
        <LoadFailed
          title={t.account.verifyTitle}
          error={state.error}
          onRetry={() => setAttempt((n) => n + 1)}
          headingLevel={1}
          headingRef={heading}
        />
      </div>
    );
  }
  return (
    <div className="narrow-page">
      <StatusMessage
        title={state.status === 'refused' ? t.profile.changeRefusedHeading : t.account.linkInvalidHeading}
        headingLevel={1}
        tone="error"
        headingRef={heading}
      >
        <p>
          {state.status === 'refused'
            ? state.message
            : state.status === 'missing'
              ? t.account.linkMissingBody
              : change
                ? t.profile.changeInvalidBody
                : t.account.verifyInvalidBody}
        </p>
        {change ? (
          <Link to={PROFILE_PATH} className="button button--secondary">
            {t.profile.toProfile}
          </Link>
        ) : (
          <Link to={LEARNER_PATH} className="button button--secondary">
            {t.account.toMyLearning}
          </Link>
        )}
      </StatusMessage>
    </div>
  );
}
