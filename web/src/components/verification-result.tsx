import type { ReactNode, Ref } from 'react';
import type { CredentialSummary, VerificationCheck, VerificationResult } from '../api.ts';
import { formatDate, formatNumber } from '../format.ts';
import { useI18n } from '../i18n/language.tsx';
import { OutcomeIcon, type Outcome } from './outcome-icon.tsx';
import { StatusMessage } from './status-message.tsx';

/** Where the credential under verification came from. */
export type CheckSource =
  { kind: 'file'; name: string } | { kind: 'text'; looksLikeLink: boolean } | { kind: 'url'; url: string };

export type FailureReason = 'unreadable' | 'file' | 'too-large' | 'unreachable' | 'server';

export type VerificationState =
  | { status: 'idle' }
  | { status: 'checking'; source: CheckSource }
  | { status: 'done'; source: CheckSource; result: VerificationResult }
  | { status: 'failed'; source: CheckSource; reason: FailureReason; detail?: string };

/** Text from the server, which is English: marked as such for screen readers when the page is Dutch. */
function ServerText({ children }: { children: string }) {
  const { lang } = useI18n();
  return lang === 'en' ? <>{children}</> : <span lang="en">{children}</span>;
}

function checkOutcome(check: VerificationCheck): Outcome {
  if (check.ok) return 'ok';
  if (check.skipped) return 'skipped';
  return check.level === 'warning' ? 'warning' : 'failed';
}

function verdictOf(result: VerificationResult): Outcome {
  if (!result.verified) return 'failed';
  return result.checks.every((check) => check.ok) ? 'ok' : 'warning';
}

/**
 * The result area: progress while checking, then the verdict, what the credential says and every check.
 * Progress and verdict sit in a live region, so that screen readers announce them without moving focus.
 */
export function VerificationResultView({
  state,
  headingRef,
  onRetry,
}: {
  state: VerificationState;
  headingRef: Ref<HTMLHeadingElement>;
  onRetry: () => void;
}) {
  const { t } = useI18n();
  const done = state.status === 'done' ? state : undefined;
  return (
    <div className={`verify-result${state.status === 'idle' ? ' verify-result--idle' : ''}`}>
      {state.status !== 'idle' ? (
        <div className="verify-result__header">
          <h2 id="verify-result-heading" className="verify-result__heading" ref={headingRef} tabIndex={-1}>
            {t.verify.resultHeading}
          </h2>
          <SourceLine source={state.source} />
        </div>
      ) : null}
      <div role="status" aria-live="polite" aria-atomic="true" className="verify-result__live">
        {state.status === 'checking' ? (
          <p className="verify-progress">
            <span className="spinner" aria-hidden="true" />
            {t.verify.checking}
          </p>
        ) : null}
        {done ? <VerdictBanner result={done.result} /> : null}
      </div>
      <div className="verify-result__body" aria-busy={state.status === 'checking'}>
        {state.status === 'failed' ? <FailureMessage state={state} onRetry={onRetry} /> : null}
        {done ? (
          <>
            <CredentialDetails summary={done.result.credential} verified={done.result.verified} />
            <CheckList checks={done.result.checks} />
          </>
        ) : null}
      </div>
    </div>
  );
}

function SourceLine({ source }: { source: CheckSource }) {
  const { t } = useI18n();
  switch (source.kind) {
    case 'file':
      return (
        <p className="verify-result__source">
          {t.verify.sourceFile} <span className="break">{source.name}</span>
        </p>
      );
    case 'text':
      return <p className="verify-result__source">{t.verify.sourceText}</p>;
    case 'url':
      return (
        <p className="verify-result__source">
          {t.verify.sourceUrl} <span className="break verify-result__url">{source.url}</span>
        </p>
      );
  }
}

function VerdictBanner({ result }: { result: VerificationResult }) {
  const { t } = useI18n();
  const verdict = verdictOf(result);
  // Checks that could not run are shown as such in the list, not counted as failures.
  const failedChecks = result.checks.filter(
    (check) => !check.ok && !check.skipped && check.level === 'error',
  );
  const warningChecks = result.checks.filter(
    (check) => !check.ok && !check.skipped && check.level === 'warning',
  );
  const failed = failedChecks.length;
  const warnings = warningChecks.length;
  const listed = verdict === 'failed' ? failedChecks : verdict === 'warning' ? warningChecks : [];
  const title =
    verdict === 'ok'
      ? t.verify.verdictValid
      : verdict === 'warning'
        ? t.verify.verdictWarning(warnings)
        : t.verify.verdictInvalid;
  const body =
    verdict === 'ok'
      ? t.verify.verdictValidBody
      : verdict === 'warning'
        ? t.verify.verdictWarningBody(warnings)
        : t.verify.verdictInvalidBody(failed, result.checks.length);
  return (
    <div className={`verdict verdict--${verdict}`}>
      <OutcomeIcon outcome={verdict} size="large" />
      <div className="verdict__text">
        <p className="verdict__title">{title}</p>
        <p className="verdict__body">{body}</p>
        {listed.length > 0 ? (
          <p className="verdict__checks">
            <strong>{verdict === 'failed' ? t.verify.checkFailed : t.verify.checkWarning}:</strong>{' '}
            {listed.map((check) => t.checkNames[check.name] ?? check.name).join(', ')}
          </p>
        ) : null}
      </div>
    </div>
  );
}

function FailureMessage({
  state,
  onRetry,
}: {
  state: Extract<VerificationState, { status: 'failed' }>;
  onRetry: () => void;
}) {
  const { t } = useI18n();
  const retry = (
    <button type="button" className="button button--primary" onClick={onRetry}>
      {t.verify.retry}
    </button>
  );
  switch (state.reason) {
    case 'unreadable':
      return (
        <StatusMessage
          title={
            state.source.kind === 'url' ? t.verify.errorUnreadableLinkTitle : t.verify.errorUnreadableTitle
          }
          tone="error"
          role="alert"
          headingLevel={3}
        >
          <p>{t.verify.errorUnreadableBody}</p>
          {state.detail ? (
            <p className="problem-detail">
              <ServerText>{state.detail}</ServerText>
            </p>
          ) : null}
          {state.source.kind === 'text' && state.source.looksLikeLink ? (
            <p>{t.verify.errorLooksLikeLink}</p>
          ) : null}
        </StatusMessage>
      );
    case 'file':
      return (
        <StatusMessage title={t.verify.errorFileTitle} tone="error" role="alert" headingLevel={3}>
          <p>{t.verify.errorFileBody}</p>
        </StatusMessage>
      );
    case 'too-large':
      return (
        <StatusMessage title={t.verify.errorTooLargeTitle} tone="error" role="alert" headingLevel={3}>
          <p>{t.verify.errorTooLargeBody}</p>
        </StatusMessage>
      );
    case 'unreachable':
      return (
        <StatusMessage title={t.verify.errorUnreachableTitle} tone="error" role="alert" headingLevel={3}>
          <p>{t.verify.errorUnreachableBody}</p>
          {retry}
        </StatusMessage>
      );
    case 'server':
      return (
        <StatusMessage title={t.verify.errorServerTitle} tone="error" role="alert" headingLevel={3}>
          <p>{t.verify.errorServerBody}</p>
          {retry}
        </StatusMessage>
      );
  }
}

const HASHED = /^(.+) \(hashed\)$/;
const IDENTIFIER = /^[a-z][a-z0-9+.-]*:\S+$/i;

function CredentialDetails({ summary, verified }: { summary: CredentialSummary; verified: boolean }) {
  const { t, lang } = useI18n();
  const rows: Array<{ term: string; value: ReactNode; note?: ReactNode }> = [];
  if (summary.name) rows.push({ term: t.verify.credentialName, value: summary.name });
  if (summary.achievement?.name || summary.achievement?.type) {
    const type = summary.achievement.type;
    rows.push({
      term: t.verify.achievement,
      value: summary.achievement.name ?? (type ? (t.achievementTypes[type] ?? type) : ''),
      note: summary.achievement.name && type ? (t.achievementTypes[type] ?? type) : undefined,
    });
  }
  if (summary.issuer) {
    rows.push({
      term: t.verify.issuer,
      value: summary.issuer.name ?? <span className="code-text break">{summary.issuer.id}</span>,
      note: summary.issuer.name ? <span className="code-text break">{summary.issuer.id}</span> : undefined,
    });
  }
  if (summary.learner) {
    const hashed = HASHED.exec(summary.learner);
    rows.push({
      term: t.verify.learner,
      value: hashed?.[1] ? (
        t.verify.learnerHashed(hashed[1])
      ) : (
        <span className={IDENTIFIER.test(summary.learner) ? 'code-text break' : 'break'}>
          {summary.learner}
        </span>
      ),
    });
  }
  if (summary.achievement?.credits !== undefined) {
    rows.push({
      term: t.verify.credits,
      value: t.verify.creditsValue(formatNumber(summary.achievement.credits, lang)),
    });
  }
  if (summary.validFrom) {
    rows.push({
      term: t.verify.validFrom,
      value: <time dateTime={summary.validFrom}>{formatDate(summary.validFrom, lang)}</time>,
    });
  }
  if (summary.validFrom || summary.validUntil) {
    rows.push({
      term: t.verify.validUntil,
      value: summary.validUntil ? (
        <time dateTime={summary.validUntil}>{formatDate(summary.validUntil, lang)}</time>
      ) : (
        t.verify.noEndDate
      ),
    });
  }
  if (summary.id) {
    rows.push({ term: t.verify.identifier, value: <span className="code-text break">{summary.id}</span> });
  }
  if (rows.length === 0) return null;

  return (
    <section className="verify-section" aria-labelledby="verify-details-heading">
      <h3 id="verify-details-heading">{t.verify.detailsHeading}</h3>
      {verified ? null : <p className="verify-section__note">{t.verify.detailsUnconfirmed}</p>}
      <dl className="summary-list">
        {rows.map((row) => (
          <div key={row.term} className="summary-list__item">
            <dt>{row.term}</dt>
            <dd>
              <span className="summary-list__value">{row.value}</span>
              {row.note ? <span className="summary-list__note">{row.note}</span> : null}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function CheckList({ checks }: { checks: VerificationCheck[] }) {
  const { t } = useI18n();
  const stateText: Record<Outcome, string> = {
    ok: t.verify.checkPassed,
    failed: t.verify.checkFailed,
    warning: t.verify.checkWarning,
    skipped: t.verify.checkSkipped,
  };
  return (
    <section className="verify-section" aria-labelledby="verify-checks-heading">
      <h3 id="verify-checks-heading">{t.verify.checksHeading}</h3>
      <p className="verify-section__note">{t.verify.checksIntro}</p>
      <ol className="checks">
        {checks.map((check) => {
          const outcome = checkOutcome(check);
          return (
            <li key={check.name} className={`check check--${outcome}`}>
              <OutcomeIcon outcome={outcome} />
              <div className="check__body">
                <div className="check__header">
                  <h4 className="check__title">{t.checkNames[check.name] ?? check.name}</h4>
                  <span className={`check__state check__state--${outcome}`}>{stateText[outcome]}</span>
                </div>
                <p className="check__detail">
                  <ServerText>{check.detail}</ServerText>
                </p>
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
