import { useId, useState, type ChangeEvent } from 'react';
import { catalogueText } from '../../../../src/catalogue/messages.ts';
import {
  badgeDataUrl,
  badgeUploadProblem,
  type BadgeMediaType,
} from '../../../../src/credentials/badge-image.ts';
import { failureText } from '../../account-rules.ts';
import {
  fetchBadgeImage,
  removeBadgeImage,
  uploadBadgeImage,
  type BadgeImageView,
} from '../../api/catalogue.ts';
import { ApiError } from '../../api/http.ts';
import { LoadFailed, Loading } from '../../components/load-state.tsx';
import { useI18n } from '../../i18n/language.tsx';
import { useLoad } from '../../use-load.ts';

/** The media type of a chosen file: what the browser says, else what its name says. */
function mediaTypeOf(file: File): string {
  if (file.type) return file.type;
  if (/\.svg$/i.test(file.name)) return 'image/svg+xml';
  if (/\.png$/i.test(file.name)) return 'image/png';
  return '';
}

/**
 * The badge of a micro-credential: a preview of the image its credentials carry (generated from the saved
 * definition, or the designer's own), and on a draft the upload and removal of an image of one's own. The
 * file is checked here by the same rules as on the server, so that a refused file is named at once.
 */
export function BadgeImagePanel({
  slug,
  code,
  title,
  editable,
  revision,
}: {
  slug: string;
  code: string;
  title: string;
  editable: boolean;
  /** Changes whenever the saved definition changes, so that a generated preview follows it. */
  revision: string;
}) {
  const { t, lang } = useI18n();
  const id = useId();
  const [loaded, reload] = useLoad(
    (signal) => fetchBadgeImage(slug, code, signal),
    `${slug}/${code}/${revision}`,
  );
  const [changed, setChanged] = useState<{ revision: string; view: BadgeImageView }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const view =
    changed && changed.revision === revision
      ? changed.view
      : loaded.status === 'ready'
        ? loaded.value
        : undefined;

  const failed = (problem: unknown) => {
    setBusy(false);
    setNotice(undefined);
    if (problem instanceof ApiError && problem.problems.length > 0)
      setError(problem.problems.map((p) => p.message).join(' '));
    else setError(failureText(problem, t));
  };
  const done = (next: BadgeImageView, message: string) => {
    setBusy(false);
    setError(undefined);
    setChanged({ revision, view: next });
    setNotice(message);
  };

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Cleared, so that choosing the same file again tries it again.
    event.target.value = '';
    if (!file) return;
    setNotice(undefined);
    file.arrayBuffer().then(
      (buffer) => {
        const bytes = new Uint8Array(buffer);
        const mediaType = mediaTypeOf(file);
        const problem = badgeUploadProblem(mediaType, bytes);
        if (problem) {
          setError(catalogueText(problem.rule, lang, problem.params));
          return;
        }
        setBusy(true);
        uploadBadgeImage(slug, code, badgeDataUrl({ mediaType: mediaType as BadgeMediaType, bytes })).then(
          (next) => done(next, t.badgeImage.saved),
          failed,
        );
      },
      () => setError(t.badgeImage.unreadable),
    );
  };

  const remove = () => {
    setBusy(true);
    removeBadgeImage(slug, code).then((next) => done(next, t.badgeImage.removed), failed);
  };

  return (
    <section className="panel badge-panel" aria-labelledby={`${id}-heading`} aria-busy={busy}>
      <h2 id={`${id}-heading`} className="editor-section__title">
        {t.badgeImage.heading}
      </h2>
      <p className="field__hint">{t.badgeImage.intro}</p>
      <div className="badge-panel__body">
        <div className="badge-panel__preview">
          {view ? (
            <>
              <img src={view.image} alt={t.badgeImage.previewAlt(title)} width={160} height={160} />
              <p className="badge-panel__kind">
                {view.uploaded ? t.badgeImage.uploaded : t.badgeImage.generated}
              </p>
            </>
          ) : loaded.status === 'failed' ? (
            <LoadFailed
              title={t.badgeImage.loadFailed}
              error={loaded.error}
              onRetry={reload}
              headingLevel={3}
            />
          ) : (
            <Loading />
          )}
        </div>
        <div className="badge-panel__actions">
          {editable ? (
            <>
              <input
                id={`${id}-file`}
                type="file"
                className="drop-zone__input"
                accept=".svg,.png,image/svg+xml,image/png"
                aria-describedby={error ? `${id}-error ${id}-hint` : `${id}-hint`}
                aria-invalid={error ? true : undefined}
                onChange={choose}
                disabled={busy}
              />
              <label htmlFor={`${id}-file`} className="button button--secondary drop-zone__button">
                {busy ? t.badgeImage.uploading : t.badgeImage.chooseFile}
              </label>
              <p id={`${id}-hint`} className="field__hint">
                {t.badgeImage.hint}
              </p>
              {view?.uploaded ? (
                <button type="button" className="button button--secondary" onClick={remove} disabled={busy}>
                  {t.badgeImage.remove}
                </button>
              ) : null}
            </>
          ) : (
            <p className="field__hint">{t.badgeImage.onlyDraft}</p>
          )}
          {error ? (
            <p id={`${id}-error`} className="field__error" role="alert">
              <span className="visually-hidden">{t.badgeImage.errorPrefix} </span>
              {error}
            </p>
          ) : null}
          {/* Always in the page, so that screen readers announce what appears in it. */}
          <p className={notice ? 'live-notice live-notice--success' : 'visually-hidden'} role="status">
            {notice}
          </p>
        </div>
      </div>
    </section>
  );
}
