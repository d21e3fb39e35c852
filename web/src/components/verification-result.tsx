import type { ReactNode, Ref } from 'react';
import { CHECK_CODES, renderCheckMessage } from '../../../src/verification/messages.ts';
import type { CredentialSummary, VerificationCheck, VerificationResult } from '../api/verification.ts';
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
  | {
      status: 'failed';
      source: CheckSource;
      reason: FailureReason;
      detail?: string;
      /** The language the server wrote `detail` in: the interface language when the check was made. */
      detailLang?: 'nl' | 'en';
    };

/** Text from the server, in the language it was asked for: marked as such when the page has since changed. */
function ServerText({ children, lang: written }: { children: string; lang: 'nl' | 'en' }) {
  const { lang } = useI18n();
  return lang === written ? <>{children}</> : <span lang={written}>{children}</span>;
}

const KNOWN_CODES = new Set<string>(CHECK_CODES);

/** What a check found, worded from its code in the interface language. */
function CheckDetail({ check }: { check: VerificationCheck }) {
  const { lang } = useI18n();
  // A code this page does not know (a newer server): its own words, which are in the request's language.
  if (!KNOWN_CODES.has(check.code)) return <>{check.detail}</>;
  return <>{renderCheckMessage(check.code, check.params ?? {}, lang)}</>;
}

/** The status check's finding, when the issuer revoked or suspended the credential. */
function statusChange(result: VerificationResult): VerificationCheck | undefined {
  return result.checks.find(
    (check) =>
      check.name === 'status' && (check.code === 'status-revoked' || check.code === 'status-suspended'),
  );
}

function checkOutcome(check: VerificationCheck): Outcome {
  if (check.ok) return 'ok';
  if (check.skipped) return 'skipped';
  return check.level === 'warning' ? 'warning' : 'failed';
}

/**
 * Green only for a valid credential of a recognised issuer with nothing to warn about; a valid credential
 * whose issuer is not confirmed is a warning, however good its signature.
 */
function verdictOf(result: VerificationResult): Outcome {
  if (!result.verified) return 'failed';
  return result.issuer.trust === 'recognised' && result.checks.every((check) => check.ok) ? 'ok' : 'warning';
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
            <CredentialDetails result={done.result} />
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
  const { t, lang } = useI18n();
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
  const change = statusChange(result);
  const impersonation = result.checks.some((check) => check.code === 'issuer-impersonation');
  const { trust } = result.issuer;
  const claimed = result.issuer.name ?? result.issuer.id;
  const date =
    change && typeof change.params.date === 'string' ? formatDate(change.params.date, lang) : undefined;
  const reason = change && typeof change.params.reason === 'string' ? change.params.reason : undefined;

  let title: string;
  let body: string;
  if (change) {
    const revoked = change.code === 'status-revoked';
    const atTheLatest = change.params.dateKind === 'list';
    title = revoked
      ? t.verify.verdictRevoked(date, atTheLatest)
      : t.verify.verdictSuspended(date, atTheLatest);
    body = revoked ? t.verify.verdictRevokedBody : t.verify.verdictSuspendedBody;
  } else if (impersonation) {
    title = t.verify.verdictInvalid;
    body = t.verify.verdictImpersonationBody;
  } else if (verdict === 'failed') {
    title = t.verify.verdictInvalid;
    body = t.verify.verdictInvalidBody(failed, result.checks.length);
  } else if (trust !== 'recognised') {
    title = trust === 'unrecognised' ? t.verify.verdictUnrecognised : t.verify.verdictUnconfirmed;
    body = trust === 'unrecognised' ? t.verify.verdictUnrecognisedBody : t.verify.verdictUnconfirmedBody;
  } else if (verdict === 'warning') {
    title = t.verify.verdictWarning(warnings);
    body = t.verify.verdictWarningBody(warnings);
  } else {
    title = t.verify.verdictValid;
    body = t.verify.verdictValidBody;
  }
  return (
    <div className={`verdict verdict--${verdict}`}>
      <OutcomeIcon outcome={verdict} size="large" />
      <div className="verdict__text">
        <p className="verdict__title">{title}</p>
        {claimed ? (
          <p className="verdict__body verdict__issuer">
            {trust === 'recognised' ? t.verify.issuedBy : t.verify.claimsIssuedBy}{' '}
            <strong className="break">{claimed}</strong>
          </p>
        ) : null}
        {reason ? (
          <p className="verdict__body">
            {t.verify.statusReason} {reason}
          </p>
        ) : null}
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
              <ServerText lang={state.detailLang ?? 'en'}>{state.detail}</ServerText>
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

function CredentialDetails({ result }: { result: VerificationResult }) {
  const { t, lang } = useI18n();
  const summary: CredentialSummary = result.credential;
  const verified = result.verified;
  const recognised = result.issuer.trust === 'recognised';
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
    // Only a recognised issuer is named as the one who issued it, and then with this platform's name for it.
    const name = recognised ? (result.issuer.name ?? summary.issuer.name) : summary.issuer.name;
    rows.push({
      term: recognised ? t.verify.issuer : t.verify.issuerClaimed,
      value: name ?? <span className="code-text break">{summary.issuer.id}</span>,
      note: name ? <span className="code-text break">{summary.issuer.id}</span> : undefined,
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
                  <CheckDetail check={check} />
                </p>
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
