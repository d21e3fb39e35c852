import { useEffect, useId, useState, type Ref } from 'react';
import { renderCheckMessage } from '../../../../src/verification/messages.ts';
import {
  fetchImport,
  type ImportedCredentialDetail,
  type ImportedCredentialView,
  type WalletCredential,
} from '../../api/imports.ts';
import { failureText } from '../../account-rules.ts';
import { ConfirmBox } from '../../components/confirm-action.tsx';
import { Loading } from '../../components/load-state.tsx';
import { OutcomeIcon, type Outcome } from '../../components/outcome-icon.tsx';
import { formatDate, formatDateTime } from '../../format.ts';
import { Localized, useI18n } from '../../i18n/language.tsx';
import { credentialPath, Link } from '../../router.tsx';
import { importedTitle, issuedTitle } from './wallet-titles.tsx';

/** The downloads of a credential of this platform: the signed JSON, the certificate and the badge. */
function IssuedDownloads({ item, name }: { item: WalletCredential; name: string }) {
  const { t, lang } = useI18n();
  const base = `/credentials/${encodeURIComponent(item.credentialId)}`;
  const files = [
    { href: `${base}/credential.json`, label: t.wallet.downloadJson },
    { href: `${base}/certificate.pdf?lang=${lang}`, label: t.wallet.downloadPdf },
    { href: `${base}/badge.png`, label: t.wallet.downloadPng },
    { href: `${base}/badge.svg`, label: t.wallet.downloadSvg },
  ];
  return (
    <div className="wallet-downloads" role="group" aria-label={t.wallet.downloadsLabel(name)}>
      <span className="wallet-downloads__label" aria-hidden="true">
        {t.wallet.downloads}:
      </span>
      {files.map((file) => (
        <a key={file.href} className="wallet-downloads__link" href={file.href} download>
          {file.label}
        </a>
      ))}
    </div>
  );
}

/** One credential of this platform: its status, dates, page, downloads and the share switch. */
export function IssuedCard({
  item,
  onShare,
  busy,
}: {
  item: WalletCredential;
  onShare: (item: WalletCredential, shared: boolean) => void;
  busy: boolean;
}) {
  const { t, lang } = useI18n();
  const id = useId();
  const name = issuedTitle(item, t, lang);
  const valid = item.status === 'valid';
  return (
    <li className="learner-card wallet-card">
      <h4 className="learner-card__title">{name}</h4>
      {item.kind === 'credit-certificate' ? (
        <p className="muted">
          {t.learner.partOf} <Localized text={item.microCredential.titles} />
        </p>
      ) : null}
      <dl className="facts">
        <div className="facts__item">
          <dt>{t.learner.status}</dt>
          <dd>
            <span className={`badge badge--${valid ? 'success' : 'error'}`}>
              {t.learner.credentialStatuses[item.status] ?? item.status}
            </span>
          </dd>
        </div>
        <div className="facts__item">
          <dt>{t.learner.issuedOn}</dt>
          <dd>{formatDate(item.issuedAt, lang)}</dd>
        </div>
      </dl>
      <div className="wallet-switch">
        <input
          id={`${id}-share`}
          type="checkbox"
          role="switch"
          className="wallet-switch__input"
          checked={item.shared}
          disabled={busy}
          aria-describedby={`${id}-share-hint`}
          onChange={(event) => onShare(item, event.target.checked)}
        />
        <label htmlFor={`${id}-share`} className="wallet-switch__label">
          {t.wallet.share}
        </label>
        <p id={`${id}-share-hint`} className="field__hint wallet-switch__hint">
          {t.wallet.shareHint}
        </p>
      </div>
      <div className="button-row learner-card__actions">
        <Link
          to={credentialPath(item.credentialId)}
          className="button button--secondary button--small"
          aria-label={t.wallet.openPageLabel(name)}
        >
          {t.wallet.openPage}
        </Link>
      </div>
      <IssuedDownloads item={item} name={name} />
    </li>
  );
}

function checkOutcome(check: { ok: boolean; skipped?: boolean | undefined; level: string }): Outcome {
  if (check.ok) return 'ok';
  if (check.skipped) return 'skipped';
  return check.level === 'warning' ? 'warning' : 'failed';
}

/** A saved copy of the imported credential's JSON. */
function DownloadDocument({ detail, name }: { detail: ImportedCredentialDetail; name: string }) {
  const { t } = useI18n();
  const [href, setHref] = useState<string>();
  useEffect(() => {
    const url = URL.createObjectURL(
      new Blob([JSON.stringify(detail.document, null, 2)], { type: 'application/json' }),
    );
    setHref(url);
    return () => URL.revokeObjectURL(url);
  }, [detail.document]);
  return (
    <a
      className="button button--secondary button--small"
      href={href}
      download={`${
        name
          .replace(/[^A-Za-z0-9._-]+/g, '-')
          .replace(/^-+|-+$/g, '')
          .slice(0, 60) || 'credential'
      }.json`}
      aria-label={t.learner.downloadJsonLabel(name)}
    >
      {t.learner.downloadJson}
    </a>
  );
}

/** The panel of an imported credential: the result of checking it again now, every check, its JSON. */
function ImportedDetails({ id, name }: { id: string; name: string }) {
  const { t, lang } = useI18n();
  const [state, setState] = useState<
    | { status: 'loading' }
    | { status: 'ready'; detail: ImportedCredentialDetail }
    | { status: 'failed'; error: unknown }
  >({ status: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    fetchImport(id, controller.signal).then(
      (detail) => setState({ status: 'ready', detail }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'failed', error });
      },
    );
    return () => controller.abort();
  }, [id]);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'failed')
    return (
      <p className="notice notice--warning">
        {t.learner.loadFailed} {failureText(state.error, t)}
      </p>
    );
  const { detail } = state;
  return (
    <>
      <h5 className="wallet-details__title">{t.wallet.detailsHeading(name)}</h5>
      <p className="muted">{t.wallet.checkedAt(formatDateTime(detail.checkedAt, lang))}</p>
      <ul className="checks wallet-details__checks">
        {detail.verification.checks.map((check) => (
          <li key={check.name} className={`check check--${checkOutcome(check)}`}>
            <div className="check__header">
              <OutcomeIcon outcome={checkOutcome(check)} />
              <p className="check__detail">{renderCheckMessage(check.code, check.params ?? {}, lang)}</p>
            </div>
          </li>
        ))}
      </ul>
      <div className="button-row">
        <DownloadDocument detail={detail} name={name} />
      </div>
    </>
  );
}

/** One credential added from elsewhere: its issuer, its status as last checked, a flag when it names someone else. */
export function ImportedCard({
  item,
  confirming,
  confirmRef,
  onAskRemove,
  onCancelRemove,
  onRemove,
}: {
  item: ImportedCredentialView;
  confirming: boolean;
  confirmRef: Ref<HTMLButtonElement>;
  onAskRemove: () => void;
  onCancelRemove: () => void;
  onRemove: () => void;
}) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(false);
  const panel = useId();
  const name = importedTitle(item, t);
  return (
    <li className="learner-card wallet-card">
      <h4 className="learner-card__title">{name}</h4>
      <p className="learner-card__meta">
        {t.wallet.issuedBy} {item.issuer.name ?? item.issuer.id ?? t.wallet.unknownIssuer}
      </p>
      {item.identity === 'mismatch' ? (
        <p className="notice notice--warning wallet-card__flag">
          <strong>{t.wallet.mismatch}.</strong> {t.wallet.mismatchHint}
        </p>
      ) : null}
      <dl className="facts">
        <div className="facts__item">
          <dt>{t.learner.status}</dt>
          <dd>
            <span className={`badge badge--${item.status === 'valid' ? 'success' : 'error'}`}>
              {t.wallet.importStatuses[item.status] ?? item.status}
            </span>
          </dd>
        </div>
        {item.validFrom ? (
          <div className="facts__item">
            <dt>{t.learner.issuedOn}</dt>
            <dd>{formatDate(item.validFrom, lang)}</dd>
          </div>
        ) : null}
        <div className="facts__item">
          <dt>{t.wallet.source}</dt>
          <dd>{t.wallet.sources[item.source] ?? item.source}</dd>
        </div>
      </dl>
      {confirming ? (
        <ConfirmBox
          id={item.id}
          question={t.wallet.removeQuestion(name)}
          yes={t.wallet.removeConfirm}
          no={t.wallet.cancel}
          onYes={onRemove}
          onNo={onCancelRemove}
          yesRef={confirmRef}
        />
      ) : (
        <div className="button-row learner-card__actions">
          <button
            type="button"
            className="button button--secondary button--small"
            aria-expanded={open}
            aria-controls={panel}
            aria-label={open ? undefined : t.wallet.showDetailsLabel(name)}
            onClick={() => setOpen(!open)}
          >
            {open ? t.wallet.hideDetails : t.wallet.showDetails}
          </button>
          <button
            id={`remove-import-${item.id}`}
            type="button"
            className="button button--secondary button--small"
            aria-label={t.wallet.removeLabel(name)}
            onClick={onAskRemove}
          >
            {t.wallet.remove}
          </button>
        </div>
      )}
      <div id={panel} className="wallet-details" hidden={!open}>
        {open ? <ImportedDetails id={item.id} name={name} /> : null}
      </div>
    </li>
  );
}
