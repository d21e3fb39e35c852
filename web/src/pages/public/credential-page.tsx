import { useState } from 'react';
import { ApiError } from '../../api/http.ts';
import {
  fetchCredentialView,
  shareCredential,
  type CredentialDetails,
  type CredentialView,
} from '../../api/wallet.ts';
import { LoadFailed, Loading } from '../../components/load-state.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { VerificationResultView } from '../../components/verification-result.tsx';
import { useDocumentTitle } from '../../document-title.ts';
import { formatDate, formatNumber } from '../../format.ts';
import { Localized, pickText, useI18n } from '../../i18n/language.tsx';
import { Link, credentialPath, detailPath, signInPath } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import { useLoad } from '../../use-load.ts';

/**
 * A credential's page, at its `id`: what was earned, by whom, from which institution, and a live
 * verification; to its holder also the share switch, the downloads and LinkedIn. To anyone it is not
 * shared with, only that it exists and is private.
 */
export function CredentialPage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const [load, retry] = useLoad((signal) => fetchCredentialView(id, signal), `${id}/${lang}`);
  const notFound = load.status === 'failed' && load.error instanceof ApiError && load.error.status === 404;
  const view = load.status === 'ready' ? load.value : undefined;
  const page = t.credentialPage;
  useDocumentTitle(
    view?.credential
      ? pickText(view.credential.title, lang).value
      : view
        ? page.privateTitle
        : notFound
          ? page.notFoundTitle
          : load.status === 'failed'
            ? page.errorTitle
            : undefined,
  );

  if (load.status === 'loading') return <Loading announce text={page.loading} />;
  if (notFound)
    return (
      <StatusMessage title={page.notFoundTitle} headingLevel={1}>
        <p>{page.notFoundBody}</p>
      </StatusMessage>
    );
  if (load.status === 'failed')
    return (
      <LoadFailed title={page.errorTitle} onRetry={retry} retryLabel={page.retry} headingLevel={1}>
        <p>{page.errorBody}</p>
      </LoadFailed>
    );
  if (!view?.credential) return <PrivateCredential id={id} />;
  return <CredentialDetailsView view={view} details={view.credential} />;
}

function PrivateCredential({ id }: { id: string }) {
  const { t } = useI18n();
  const { state } = useSession();
  const page = t.credentialPage;
  return (
    <StatusMessage title={page.privateTitle} headingLevel={1}>
      <p>{page.privateBody}</p>
      {state.status === 'anonymous' ? (
        <>
          <p>{page.privateSignIn}</p>
          <Link to={signInPath(credentialPath(id))} className="button button--primary">
            {page.signIn}
          </Link>
        </>
      ) : null}
    </StatusMessage>
  );
}

function StatusBanner({ details }: { details: CredentialDetails }) {
  const { t, lang } = useI18n();
  if (details.status === 'valid') return null;
  const page = t.credentialPage;
  const date = details.statusChangedAt ? formatDate(details.statusChangedAt, lang) : '—';
  const revoked = details.status === 'revoked';
  return (
    <div className="credential-page__status">
      <StatusMessage
        title={revoked ? page.revokedTitle(date) : page.suspendedTitle(date)}
        tone={revoked ? 'error' : 'warning'}
        headingLevel={2}
      >
        <p>{revoked ? page.revokedBody : page.suspendedBody}</p>
        {details.statusReason ? (
          <p>
            {page.reason} {details.statusReason}
          </p>
        ) : null}
      </StatusMessage>
    </div>
  );
}

function BadgeImage({ details }: { details: CredentialDetails }) {
  const { t, lang } = useI18n();
  const title = pickText(details.title, lang).value;
  if (details.badgeImage)
    return (
      <img
        className="credential-page__badge"
        src={details.badgeImage}
        alt={t.credentialPage.badgeAlt(title)}
        width={160}
        height={160}
      />
    );
  return (
    <div
      className="credential-page__badge credential-page__badge--placeholder"
      role="img"
      aria-label={t.credentialPage.placeholderAlt}
    >
      <span aria-hidden="true">{title.slice(0, 1).toUpperCase()}</span>
    </div>
  );
}

function CredentialDetailsView({ view, details }: { view: CredentialView; details: CredentialDetails }) {
  const { t, lang } = useI18n();
  const page = t.credentialPage;
  const recognised = details.issuer.trust === 'recognised';
  const institution = details.institution.name[lang] || details.institution.name.nl;
  const outcomes = details.learningOutcomes.filter((o) => o.nl.trim());
  return (
    <article className="detail credential-page">
      <StatusBanner details={details} />
      <header className="detail__header credential-page__header">
        <BadgeImage details={details} />
        <div className="credential-page__heading">
          <p className="eyebrow">
            {page.eyebrow[details.kind]}
            {details.courseUnit ? ` · ${details.courseUnit}` : ''}
          </p>
          <h1 className="page-title" tabIndex={-1}>
            <Localized text={details.title} />
          </h1>
          <p className="detail__awarded">
            {recognised ? page.awardedBy : page.claimedBy}{' '}
            <strong className="break">{details.issuer.name ?? institution}</strong>
          </p>
          {details.learnerName ? (
            <p className="detail__awarded">
              {page.awardedTo} <strong className="break">{details.learnerName}</strong>
            </p>
          ) : null}
          <p className="detail__place">
            {page.issuedOn} <time dateTime={details.issuedAt}>{formatDate(details.issuedAt, lang)}</time>
          </p>
        </div>
      </header>
      {view.access === 'staff' ? <p className="credential-page__note">{page.staffNote}</p> : null}

      <div className="detail__layout">
        <aside className="detail__facts panel" aria-labelledby="credential-facts-heading">
          <h2 id="credential-facts-heading" className="panel__title">
            {page.facts}
          </h2>
          <dl className="fact-list">
            <div>
              <dt>{page.workload}</dt>
              <dd>{page.ectsValue(formatNumber(details.ects, lang))}</dd>
            </div>
            <div>
              <dt>{page.level}</dt>
              <dd>{t.detail.levelValue(details.vksLevel)}</dd>
            </div>
            <div>
              <dt>{page.form}</dt>
              <dd>{t.forms[details.form]}</dd>
            </div>
            {details.kind === 'credit-certificate' ? (
              <div>
                <dt>{page.microCredential}</dt>
                <dd>
                  <Localized text={details.microCredential.title} />
                </dd>
              </div>
            ) : null}
            <div>
              <dt>{page.quality}</dt>
              <dd>
                <span className="fact-list__value">{t.qaTypes[details.qaType]}</span>
                <span className="fact-list__note">
                  <Link
                    to={`${detailPath(details.institution.slug, details.microCredential.code)}#quality-record-heading`}
                  >
                    {page.qualityLink}
                  </Link>
                </span>
              </dd>
            </div>
          </dl>
        </aside>

        <div className="detail__body">
          {view.access === 'holder' ? <HolderTools view={view} details={details} /> : null}

          {outcomes.length > 0 ? (
            <section aria-labelledby="credential-outcomes-heading" className="detail__section">
              <h2 id="credential-outcomes-heading">{page.learningOutcomes}</h2>
              <ul className="outcomes">
                {outcomes.map((outcome, i) => (
                  <li key={i}>
                    <Localized text={outcome} />
                  </li>
                ))}
              </ul>
            </section>
          ) : null}

          <section aria-labelledby="credential-assessment-heading" className="detail__section">
            <h2 id="credential-assessment-heading">{page.assessment}</h2>
            <dl className="definition-list">
              <div>
                <dt>{page.assessmentType}</dt>
                <dd>{details.assessmentType ? <Localized text={details.assessmentType} /> : '—'}</dd>
              </div>
              <div>
                <dt>{page.supervision}</dt>
                <dd>{details.supervision ? t.supervision[details.supervision] : '—'}</dd>
              </div>
            </dl>
          </section>

          {details.kind === 'micro-credential-certificate' && details.form === 'regular' ? (
            <section aria-labelledby="credential-credits-heading" className="detail__section">
              <h2 id="credential-credits-heading">{page.credits}</h2>
              {details.creditCertificates.length > 0 ? (
                <>
                  <p>{page.creditsIntro}</p>
                  <ul className="credential-page__credits">
                    {details.creditCertificates.map((credit) => (
                      <li key={credit.id}>
                        <Link to={credentialPath(credit.id)}>
                          <Localized text={credit.title} />
                        </Link>{' '}
                        {credit.courseUnit ? <span className="code-text">{credit.courseUnit}</span> : null}{' '}
                        <span className={`badge badge--${credit.status === 'valid' ? 'success' : 'error'}`}>
                          {page.statusNames[credit.status]}
                        </span>
                      </li>
                    ))}
                  </ul>
                </>
              ) : (
                <p>{page.creditsNone}</p>
              )}
            </section>
          ) : null}

          <div className="detail__section">
            <VerificationResultView
              state={{ status: 'done', source: { kind: 'url', url: view.url }, result: details.verification }}
              headingRef={null}
              onRetry={() => undefined}
            />
          </div>
        </div>
      </div>
    </article>
  );
}

/** Copies `text`; `what` names it for screen readers, since every copy button reads alike. */
function CopyButton({
  text,
  label,
  done,
  what,
}: {
  text: string;
  label: string;
  done: string;
  what: string;
}) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="button button--secondary button--small"
      onClick={() =>
        void navigator.clipboard?.writeText(text).then(
          () => setCopied(true),
          () => setCopied(false),
        )
      }
    >
      {copied ? done : label}
      <span className="visually-hidden">: {what}</span>
    </button>
  );
}

/** The holder's own tools: share switch, link, downloads and LinkedIn. */
function HolderTools({ view, details }: { view: CredentialView; details: CredentialDetails }) {
  const { t, lang } = useI18n();
  const page = t.credentialPage;
  const [shared, setShared] = useState(view.shared);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  // The credential's own id is its page: the address the installation publishes, whatever host served this.
  const pageUrl = view.url;
  // The switch moves at once; the server's answer confirms it, or it moves back with the failure said.
  const toggle = (next: boolean) => {
    setBusy(true);
    setFailed(false);
    setShared(next);
    shareCredential(view.id, next).then(
      (state) => {
        setShared(state.shared);
        setBusy(false);
      },
      () => {
        setShared(!next);
        setFailed(true);
        setBusy(false);
      },
    );
  };
  const downloads: Array<[string, string]> = [
    [details.downloads.pdfNl, page.downloadPdfNl],
    [details.downloads.pdfEn, page.downloadPdfEn],
    [details.downloads.json, page.downloadJson],
    [details.downloads.png, page.downloadPng],
    [details.downloads.svg, page.downloadSvg],
  ];
  const linkedIn = details.linkedIn?.[lang];
  const fields = linkedIn?.fields;
  const monthYear = (year?: string, month?: string) => (year && month ? `${month}/${year}` : undefined);
  const linkedInRows: Array<[string, string | undefined]> = fields
    ? [
        [page.linkedInFields.name, fields.name],
        [page.linkedInFields.organizationName, fields.organizationName],
        [page.linkedInFields.issueDate, monthYear(fields.issueYear, fields.issueMonth)],
        [page.linkedInFields.expirationDate, monthYear(fields.expirationYear, fields.expirationMonth)],
        [page.linkedInFields.certId, fields.certId],
        [page.linkedInFields.certUrl, fields.certUrl],
      ]
    : [];
  return (
    <section
      aria-labelledby="credential-holder-heading"
      className="detail__section panel credential-page__holder"
    >
      <h2 id="credential-holder-heading">{page.holderHeading}</h2>
      <h3>{page.share}</h3>
      <div className="choice">
        <input
          id="credential-share"
          type="checkbox"
          role="switch"
          checked={shared}
          disabled={busy}
          aria-describedby="credential-share-state"
          onChange={(event) => toggle(event.target.checked)}
        />
        <label htmlFor="credential-share" className="choice__label">
          {page.shareLabel}
        </label>
      </div>
      <p id="credential-share-state" role="status" className="choice__hint">
        {failed ? page.shareFailed : shared ? page.shareOn : page.shareOff}
      </p>
      <p className="credential-page__link">
        <span>{page.link}:</span> <span className="code-text break">{pageUrl}</span>{' '}
        <CopyButton text={pageUrl} label={page.copy} done={page.copied} what={page.link} />
      </p>

      <h3>{page.downloads}</h3>
      <ul className="credential-page__downloads">
        {downloads.map(([href, label]) => (
          <li key={href}>
            <a href={href} download>
              {label}
            </a>
          </li>
        ))}
      </ul>

      {linkedIn ? (
        <>
          <h3>{page.linkedIn}</h3>
          <p>
            <a
              href={linkedIn.url}
              className="button button--secondary"
              target="_blank"
              rel="noreferrer noopener"
            >
              {page.linkedInAdd}
            </a>
          </p>
          <p>{page.linkedInIntro}</p>
          <dl className="definition-list">
            {linkedInRows
              .filter((row): row is [string, string] => row[1] !== undefined)
              .map(([term, value]) => (
                <div key={term}>
                  <dt>{term}</dt>
                  <dd>
                    <span className="break">{value}</span>{' '}
                    <CopyButton text={value} label={page.copy} done={page.copied} what={term} />
                  </dd>
                </div>
              ))}
          </dl>
        </>
      ) : null}
    </section>
  );
}
