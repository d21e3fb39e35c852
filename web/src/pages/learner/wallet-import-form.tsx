import { useId, useRef, useState, type FormEvent } from 'react';
import { renderCheckMessage } from '../../../../src/verification/messages.ts';
import { failureText } from '../../account-rules.ts';
import {
  ImportRefusedError,
  MAX_IMPORT_FILE_BYTES,
  importCredential,
  type ImportSubject,
  type ImportedCredentialView,
} from '../../api/imports.ts';
import type { VerificationCheck } from '../../api/verification.ts';
import { useI18n } from '../../i18n/language.tsx';
import { importedTitle } from './wallet-titles.tsx';

type ImportState =
  | { status: 'idle' }
  | { status: 'verifying' }
  | { status: 'added'; item: ImportedCredentialView }
  | { status: 'refused'; detail: string; checks: readonly VerificationCheck[] };

/**
 * Adds a credential from elsewhere: a file (JSON, a baked image, a PDF) or a link. The server verifies it
 * first; progress, the outcome and a refusal's reasons are announced in a live region.
 */
export function WalletImportForm({
  csrfToken,
  onAdded,
}: {
  csrfToken: string;
  onAdded: (item: ImportedCredentialView) => void;
}) {
  const { t, lang } = useI18n();
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [url, setUrl] = useState('');
  const [fileName, setFileName] = useState<string>();
  const [fieldError, setFieldError] = useState<{ field: 'file' | 'link'; text: string }>();
  const [state, setState] = useState<ImportState>({ status: 'idle' });

  const run = async (subject: ImportSubject) => {
    setFieldError(undefined);
    setState({ status: 'verifying' });
    try {
      const item = await importCredential(subject, { csrfToken, lang });
      setState({ status: 'added', item });
      if (subject.kind === 'link') setUrl('');
      if (subject.kind === 'file' && fileInput.current) {
        fileInput.current.value = '';
        setFileName(undefined);
      }
      onAdded(item);
    } catch (error) {
      setState({
        status: 'refused',
        detail: error instanceof ImportRefusedError ? error.message : failureText(error, t),
        checks: error instanceof ImportRefusedError ? error.checks : [],
      });
    }
  };

  const submitFile = (event: FormEvent) => {
    event.preventDefault();
    const file = fileInput.current?.files?.[0];
    if (!file) return setFieldError({ field: 'file', text: t.wallet.chooseFile });
    if (file.size > MAX_IMPORT_FILE_BYTES)
      return setFieldError({ field: 'file', text: t.wallet.fileTooLarge });
    void run({ kind: 'file', file });
  };
  const submitLink = (event: FormEvent) => {
    event.preventDefault();
    const link = url.trim();
    if (!/^https?:\/\/\S+$/i.test(link)) return setFieldError({ field: 'link', text: t.wallet.linkMissing });
    void run({ kind: 'link', url: link });
  };
  const busy = state.status === 'verifying';
  const errorOf = (field: 'file' | 'link') =>
    fieldError?.field === field ? (
      <p id={`${id}-${field}-error`} className="field__error">
        {fieldError.text}
      </p>
    ) : null;
  const describedBy = (field: 'file' | 'link') =>
    [`${id}-${field}-hint`, fieldError?.field === field ? `${id}-${field}-error` : '']
      .filter(Boolean)
      .join(' ');

  return (
    <section className="learner-section wallet-import" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t.wallet.importHeading}</h3>
      <p>{t.wallet.importIntro}</p>
      <div className="wallet-import__ways">
        <form className="form-stack" onSubmit={submitFile} noValidate>
          <div className="field">
            <label htmlFor={`${id}-file`} className="field__label">
              {t.wallet.fileLabel}
            </label>
            <p id={`${id}-file-hint`} className="field__hint">
              {t.wallet.fileHint}
            </p>
            {errorOf('file')}
            {/* The native control words its button in the browser's language: a label of ours stands in for it. */}
            <input
              ref={fileInput}
              id={`${id}-file`}
              type="file"
              className="drop-zone__input"
              accept=".json,.jsonld,.png,.svg,.pdf,application/json,application/ld+json,image/png,image/svg+xml,application/pdf"
              aria-describedby={describedBy('file')}
              aria-invalid={fieldError?.field === 'file' ? true : undefined}
              onChange={(event) => setFileName(event.target.files?.[0]?.name)}
            />
            <div className="wallet-import__choose">
              <label htmlFor={`${id}-file`} className="button button--secondary drop-zone__button">
                {t.wallet.chooseButton}
              </label>
              <span className="drop-zone__file break">{fileName ?? t.wallet.noFileChosen}</span>
            </div>
          </div>
          <div className="button-row">
            <button type="submit" className="button button--primary" disabled={busy}>
              {t.wallet.fileAdd}
            </button>
          </div>
        </form>
        <p className="wallet-import__or muted">{t.wallet.or}</p>
        <form className="form-stack" onSubmit={submitLink} noValidate>
          <div className="field">
            <label htmlFor={`${id}-link`} className="field__label">
              {t.wallet.linkLabel}
            </label>
            <p id={`${id}-link-hint`} className="field__hint">
              {t.wallet.linkHint}
            </p>
            {errorOf('link')}
            <input
              id={`${id}-link`}
              type="url"
              inputMode="url"
              className="input"
              value={url}
              onChange={(event) => setUrl(event.target.value)}
              aria-describedby={describedBy('link')}
              aria-invalid={fieldError?.field === 'link' ? true : undefined}
            />
          </div>
          <div className="button-row">
            <button type="submit" className="button button--secondary" disabled={busy}>
              {t.wallet.linkAdd}
            </button>
          </div>
        </form>
      </div>
      <div role="status" aria-live="polite" className="wallet-import__outcome">
        {state.status === 'verifying' ? (
          <p className="verify-progress">
            <span className="spinner" aria-hidden="true" />
            {t.wallet.verifying}
          </p>
        ) : null}
        {state.status === 'added' ? (
          <div className="status-message status-message--success">
            <p>{t.wallet.added(importedTitle(state.item, t))}</p>
            {state.item.identity === 'mismatch' ? <p>{t.wallet.addedMismatch}</p> : null}
          </div>
        ) : null}
        {state.status === 'refused' ? (
          <div className="status-message status-message--error">
            <p className="status-message__title">
              <strong>{t.wallet.refusedHeading}</strong>
            </p>
            {state.checks.length > 0 ? (
              <>
                <p>{t.wallet.failedChecks}</p>
                <ul>
                  {state.checks.map((check) => (
                    <li key={check.name}>{renderCheckMessage(check.code, check.params ?? {}, lang)}</li>
                  ))}
                </ul>
              </>
            ) : (
              <p>{state.detail}</p>
            )}
          </div>
        ) : null}
      </div>
    </section>
  );
}
