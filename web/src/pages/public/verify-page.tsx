import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError, isAbort } from '../../api/http.ts';
import {
  MAX_CREDENTIAL_BYTES,
  MAX_CREDENTIAL_FILE_BYTES,
  isJsonFile,
  verifyCredential,
  verifyCredentialFile,
} from '../../api/verification.ts';
import { CredentialDropZone } from '../../components/credential-drop-zone.tsx';
import {
  VerificationResultView,
  type CheckSource,
  type VerificationState,
} from '../../components/verification-result.tsx';
import { useDocumentTitle } from '../../document-title.ts';
import { useI18n } from '../../i18n/language.tsx';
import { navigate, verifyPath } from '../../router.tsx';
import { PageIntro } from '../../components/page-intro.tsx';

type LinkProblem = 'empty' | 'invalid';

function isWebLink(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function byteLength(text: string): number {
  return new Blob([text]).size;
}

/**
 * Public verification of a credential: from a file (dropped or chosen), from pasted JSON, or from a link.
 * `/verify?url=…` verifies the credential behind the link as the page opens, so a check can be shared.
 */
export function VerifyPage({ search }: { search: string }) {
  const { t, lang } = useI18n();
  useDocumentTitle(t.verify.pageTitle);
  // The server explains a refusal in the language of the request; the page marks it when that differs.
  const requestLang = useRef(lang);
  requestLang.current = lang;
  const id = useId();
  const link = new URLSearchParams(search).get('url')?.trim() ?? '';

  const [state, setState] = useState<VerificationState>({ status: 'idle' });
  const [fileName, setFileName] = useState<string>();
  const [text, setText] = useState('');
  const [textEmpty, setTextEmpty] = useState(false);
  const [linkDraft, setLinkDraft] = useState(link);
  const [linkProblem, setLinkProblem] = useState<LinkProblem>();
  const [linkAttempt, setLinkAttempt] = useState(0);

  const running = useRef<AbortController | undefined>(undefined);
  const lastCheck = useRef<{ source: CheckSource; body: string | File } | undefined>(undefined);
  // The result takes the focus after a check someone started here, not after one that came with the address.
  const focusResult = useRef(false);
  const linkFromForm = useRef(false);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const textArea = useRef<HTMLTextAreaElement>(null);
  const linkInput = useRef<HTMLInputElement>(null);

  // A body is the JSON text of a credential (or of a link), or a file that carries one (image, PDF).
  const check = useCallback((source: CheckSource, body: string | File, focus: boolean) => {
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    lastCheck.current = { source, body };
    focusResult.current = focus;
    const tooLarge =
      typeof body === 'string'
        ? byteLength(body) > MAX_CREDENTIAL_BYTES
        : body.size > MAX_CREDENTIAL_FILE_BYTES;
    if (tooLarge) {
      setState({ status: 'failed', source, reason: 'too-large' });
      return;
    }
    setState({ status: 'checking', source });
    const asked = requestLang.current;
    const verifying =
      typeof body === 'string'
        ? verifyCredential(body, controller.signal)
        : verifyCredentialFile(body, asked, controller.signal);
    verifying.then(
      (result) => {
        if (!controller.signal.aborted) setState({ status: 'done', source, result });
      },
      (error: unknown) => {
        if (isAbort(error) || controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 400) {
          setState({
            status: 'failed',
            source,
            reason: 'unreadable',
            detail: error.message,
            detailLang: asked,
          });
        } else if (error instanceof ApiError && error.status === 413) {
          setState({ status: 'failed', source, reason: 'too-large' });
        } else if (error instanceof ApiError && error.status === 0) {
          setState({ status: 'failed', source, reason: 'unreachable' });
        } else {
          setState({ status: 'failed', source, reason: 'server' });
        }
      },
    );
  }, []);

  useEffect(() => () => running.current?.abort(), []);

  // A file dropped next to the drop zone would make the browser open it and leave this page.
  useEffect(() => {
    const guard = (event: DragEvent) => {
      if (event.defaultPrevented || !event.dataTransfer?.types.includes('Files')) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'none';
    };
    window.addEventListener('dragover', guard);
    window.addEventListener('drop', guard);
    return () => {
      window.removeEventListener('dragover', guard);
      window.removeEventListener('drop', guard);
    };
  }, []);

  // The address is the source of truth for links: opening, submitting, back and forward all land here.
  useEffect(() => {
    if (!link) return;
    setLinkDraft(link);
    setLinkProblem(undefined);
    check({ kind: 'url', url: link }, JSON.stringify({ url: link }), linkFromForm.current);
    linkFromForm.current = false;
  }, [link, linkAttempt, check]);

  useEffect(() => {
    if ((state.status === 'done' || state.status === 'failed') && focusResult.current) {
      focusResult.current = false;
      resultHeading.current?.focus({ preventScroll: true });
      resultHeading.current?.scrollIntoView({ block: 'start' });
    }
  }, [state]);

  /** A check of a file or of pasted text no longer belongs to the link in the address. */
  const leaveLink = () => {
    if (link) navigate(verifyPath(), { replace: true });
  };

  const checkFile = (file: File) => {
    setFileName(file.name);
    leaveLink();
    const source: CheckSource = { kind: 'file', name: file.name };
    // A badge image or certificate goes as it is; the server takes the credential out of it.
    if (!isJsonFile(file)) {
      check(source, file, true);
      return;
    }
    if (file.size > MAX_CREDENTIAL_BYTES) {
      running.current?.abort();
      focusResult.current = true;
      setState({ status: 'failed', source, reason: 'too-large' });
      return;
    }
    file.text().then(
      (body) => check(source, body, true),
      () => {
        running.current?.abort();
        focusResult.current = true;
        setState({ status: 'failed', source, reason: 'file' });
      },
    );
  };

  const submitText = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!text.trim()) {
      setTextEmpty(true);
      textArea.current?.focus();
      return;
    }
    setTextEmpty(false);
    leaveLink();
    check({ kind: 'text', looksLikeLink: isWebLink(text.trim()) }, text, true);
  };

  const submitLink = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = linkDraft.trim();
    const problem: LinkProblem | undefined = !value ? 'empty' : isWebLink(value) ? undefined : 'invalid';
    setLinkProblem(problem);
    if (problem) {
      linkInput.current?.focus();
      return;
    }
    linkFromForm.current = true;
    if (value === link) setLinkAttempt((n) => n + 1);
    else navigate(verifyPath(value));
  };

  const retry = () => {
    const last = lastCheck.current;
    if (last) check(last.source, last.body, true);
  };

  return (
    <>
      <PageIntro title={t.verify.heading} lead={t.verify.intro} />

      <VerificationResultView state={state} headingRef={resultHeading} onRetry={retry} />

      <div className="verify-ways">
        <section className="panel verify-way verify-way--file" aria-labelledby={`${id}-file-heading`}>
          <h2 id={`${id}-file-heading`} className="verify-way__title">
            {t.verify.fileHeading}
          </h2>
          <CredentialDropZone fileName={fileName} onFile={checkFile} />
        </section>

        <section className="panel verify-way verify-way--text" aria-labelledby={`${id}-text-heading`}>
          <h2 id={`${id}-text-heading`} className="verify-way__title">
            {t.verify.pasteHeading}
          </h2>
          <form className="verify-form" onSubmit={submitText} noValidate>
            <label htmlFor={`${id}-text`} className="field__label">
              {t.verify.pasteLabel}
            </label>
            <p id={`${id}-text-hint`} className="field__hint">
              {t.verify.pasteHint}
            </p>
            {textEmpty ? (
              <p id={`${id}-text-error`} className="field__error">
                <span className="visually-hidden">{t.verify.errorPrefix} </span>
                {t.verify.pasteEmpty}
              </p>
            ) : null}
            <textarea
              id={`${id}-text`}
              ref={textArea}
              className="input textarea"
              rows={9}
              value={text}
              onChange={(event) => {
                setText(event.target.value);
                if (event.target.value.trim()) setTextEmpty(false);
              }}
              aria-describedby={textEmpty ? `${id}-text-error ${id}-text-hint` : `${id}-text-hint`}
              aria-invalid={textEmpty || undefined}
              spellCheck={false}
              autoCapitalize="off"
              autoComplete="off"
              autoCorrect="off"
            />
            <div className="verify-form__actions">
              <button type="submit" className="button button--primary">
                {t.verify.verifyButton}
              </button>
            </div>
          </form>
        </section>

        <section className="panel verify-way verify-way--link" aria-labelledby={`${id}-link-heading`}>
          <h2 id={`${id}-link-heading`} className="verify-way__title">
            {t.verify.linkHeading}
          </h2>
          <form className="verify-form" onSubmit={submitLink} noValidate>
            <label htmlFor={`${id}-link`} className="field__label">
              {t.verify.linkLabel}
            </label>
            <p id={`${id}-link-hint`} className="field__hint">
              {t.verify.linkHint}
            </p>
            {linkProblem ? (
              <p id={`${id}-link-error`} className="field__error">
                <span className="visually-hidden">{t.verify.errorPrefix} </span>
                {linkProblem === 'empty' ? t.verify.linkEmpty : t.verify.linkInvalid}
              </p>
            ) : null}
            <div className="search-row">
              <input
                id={`${id}-link`}
                ref={linkInput}
                type="url"
                inputMode="url"
                className="input search-row__input"
                value={linkDraft}
                onChange={(event) => setLinkDraft(event.target.value)}
                aria-describedby={linkProblem ? `${id}-link-error ${id}-link-hint` : `${id}-link-hint`}
                aria-invalid={linkProblem ? true : undefined}
                autoComplete="url"
                spellCheck={false}
              />
              <button type="submit" className="button button--primary">
                {t.verify.linkButton}
              </button>
            </div>
          </form>
        </section>
      </div>
    </>
  );
}
