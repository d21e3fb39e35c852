import type { ReactElement } from 'react';
import { useI18n } from '../i18n/language.tsx';
import { Link, signInPath } from '../router.tsx';
import type { SessionState } from '../session.tsx';
import { LoadFailed, Loading } from './load-state.tsx';
import { StatusMessage } from './status-message.tsx';

/**
 * What a page of one's own shows while the session is not (yet) a signed-in one: progress, a retry when the
 * server could not say, or an invitation to sign in that comes back to `returnTo`.
 *
 * @example
 * if (state.status !== 'signed-in') return <SignedOutView state={state} onRetry={refresh} returnTo={LEARNER_PATH} />;
 */
export function SignedOutView({
  state,
  onRetry,
  returnTo,
}: {
  state: Exclude<SessionState, { status: 'signed-in' }>;
  onRetry: () => void;
  returnTo: string;
}): ReactElement {
  const { t } = useI18n();
  if (state.status === 'loading') return <Loading announce />;
  if (state.status === 'unknown') {
    return (
      <LoadFailed title={t.manage.unknownHeading} headingLevel={1} role={null} onRetry={onRetry}>
        <p>{t.manage.unknownBody}</p>
      </LoadFailed>
    );
  }
  return (
    <StatusMessage title={t.manage.signInHeading} headingLevel={1}>
      <p>{t.manage.signInBody}</p>
      <Link to={signInPath(returnTo)} className="button button--primary">
        {t.manage.signInLink}
      </Link>
    </StatusMessage>
  );
}
