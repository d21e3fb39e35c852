import { useEffect, useState, type FormEvent } from 'react';
import type { VersionState } from '../../../../src/quality/rules.ts';
import { failureText } from '../../account-rules.ts';
import {
  createDesign,
  fetchCourseUnits,
  fetchDesign,
  fetchVersions,
  startNewVersion,
  updateDesign,
  type MicroCredentialView,
} from '../../api/catalogue.ts';
import { ApiError, isAbort } from '../../api/http.ts';
import { ErrorSummary, useErrorSummary, type SummaryItem } from '../../components/error-summary.tsx';
import { LoadFailed, Loading } from '../../components/load-state.tsx';
import { QualityPanel } from '../../components/quality-panel.tsx';
import { ruleMessage, RuleCheckPanel } from '../../components/rule-check-panel.tsx';
import { StatusBadge } from '../../components/status-badge.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { useDocumentTitle } from '../../document-title.ts';
import { pickText, useI18n } from '../../i18n/language.tsx';
import {
  canSave,
  canStartNewVersion,
  draftFromView,
  normalizeField,
  toDraftField,
  toUpdate,
} from '../../micro-credential-draft.ts';
import { managePath, navigate } from '../../router.tsx';
import { useLoad } from '../../use-load.ts';
import {
  AssessmentSection,
  CooperationSection,
  MoreSection,
  OutcomesSection,
  ParticipationSection,
  TuitionSection,
} from './micro-credential-editor-details.tsx';
import { addTo, useDraftForm } from './micro-credential-editor-form.ts';
import { FormSection, IdentitySection } from './micro-credential-editor-sections.tsx';
import { VersionHistory } from './micro-credential-editor-versions.tsx';
import { BadgeImagePanel } from './micro-credential-editor-badge.tsx';
import type { ManageContext } from './manage-page.tsx';
import { BackLink } from '../../components/back-link.tsx';

type ViewState =
  | { status: 'new' }
  | { status: 'loading' }
  | { status: 'ready'; view: MicroCredentialView }
  | { status: 'not-found' }
  | { status: 'failed'; error: unknown };

/** A message for the page that opens after a micro-credential was created. */
let flash: string | undefined;

function takeFlash(): string | undefined {
  const message = flash;
  flash = undefined;
  return message;
}

/**
 * Creates or edits a micro-credential: every field of the definition, with the framework rules checked
 * as the designer types (what blocks saving, what is still missing before submission, what is unusual),
 * saving as a draft, and the version history.
 */
export function MicroCredentialEditor({
  context,
  code,
}: {
  context: ManageContext;
  code: string | undefined;
}) {
  const { t, lang } = useI18n();
  const { slug } = context;
  const [viewState, setViewState] = useState<ViewState>(code ? { status: 'loading' } : { status: 'new' });
  const [loadAttempt, setLoadAttempt] = useState(0);
  const [unitsState] = useLoad((signal) => fetchCourseUnits(slug, signal), slug);
  const units = unitsState.status === 'ready' ? unitsState.value : undefined;
  const [versionsState, reloadVersions] = useLoad(
    (signal) => (code ? fetchVersions(slug, code, signal) : Promise.resolve(undefined)),
    `${slug}/${code ?? ''}`,
  );
  // The history is extra; the editor works without it.
  const versions = versionsState.status === 'ready' ? versionsState.value : undefined;
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<string | undefined>(takeFlash);
  const form = useDraftForm(units);
  const { draft, setDraft, check, definition, setServerErrors, targetFor } = form;
  const summary = useErrorSummary();

  useEffect(() => {
    if (!code) return;
    const controller = new AbortController();
    fetchDesign(slug, code, controller.signal).then(
      (view) => {
        setViewState({ status: 'ready', view });
        setDraft(draftFromView(view));
      },
      (error: unknown) => {
        if (isAbort(error)) return;
        setViewState(
          error instanceof ApiError && error.status === 404
            ? { status: 'not-found' }
            : { status: 'failed', error },
        );
      },
    );
    return () => controller.abort();
  }, [slug, code, loadAttempt, setDraft]);

  const view = viewState.status === 'ready' ? viewState.view : undefined;
  // A version under review or decided is shown as it was assessed: the server refuses changes to it.
  const readOnly = view !== undefined && !canSave(view.status as VersionState);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (saving || readOnly) return;
    form.setAttempted(true);
    if (check.errors.length > 0) {
      summary.show(
        check.errors.map((problem) => ({
          message: ruleMessage(problem, lang),
          target: targetFor(problem.field),
        })),
      );
      return;
    }
    summary.clear();
    setNotice(undefined);
    setSaving(true);
    const request = code ? updateDesign(slug, code, toUpdate(definition)) : createDesign(slug, definition);
    request.then(
      (saved) => {
        setSaving(false);
        setServerErrors(new Map());
        if (!code) {
          flash = t.designer.created(saved.code);
          navigate(managePath(slug, 'micro-credential', saved.code));
          return;
        }
        setViewState({ status: 'ready', view: saved });
        setNotice(t.designer.saved(saved.version));
        reloadVersions();
      },
      (error: unknown) => {
        setSaving(false);
        const found = new Map<string, string[]>();
        const items: SummaryItem[] = [];
        if (error instanceof ApiError && error.code === 'already-exists') {
          found.set('code', [t.designer.codeTaken]);
          items.push({ message: t.designer.codeTaken, target: 'mc-code' });
        } else if (error instanceof ApiError && error.problems.length > 0) {
          for (const problem of error.problems) {
            addTo(found, normalizeField(toDraftField(problem.field, draft)), problem.message);
            items.push({ message: problem.message, target: targetFor(problem.field) });
          }
        } else {
          items.push({ message: failureText(error, t) });
        }
        setServerErrors(found);
        summary.show(items);
      },
    );
  };

  const newVersion = () => {
    if (!code) return;
    startNewVersion(slug, code).then(
      (started) => {
        setViewState({ status: 'ready', view: started });
        setDraft(draftFromView(started));
        setNotice(t.designer.newVersionStarted(started.version));
        reloadVersions();
      },
      (error: unknown) => summary.show([{ message: failureText(error, t) }]),
    );
  };

  const heading = view ? pickText(view.title, lang).value : code ? code : t.designer.newHeading;
  useDocumentTitle(
    viewState.status === 'not-found'
      ? t.designer.notFoundHeading
      : `${heading} — ${t.manage.areaTitle(context.institution)}`,
  );

  const back = <BackLink to={managePath(slug, 'micro-credentials')} label={t.designer.backToList} />;

  if (viewState.status === 'loading') {
    return (
      <>
        {back}
        <Loading announce />
      </>
    );
  }
  if (viewState.status === 'not-found') {
    return (
      <>
        {back}
        <StatusMessage title={t.designer.notFoundHeading} headingLevel={1}>
          <p>{t.designer.notFoundBody}</p>
        </StatusMessage>
      </>
    );
  }
  if (viewState.status === 'failed') {
    return (
      <>
        {back}
        <LoadFailed
          title={t.designer.loadFailed}
          error={viewState.error}
          onRetry={() => setLoadAttempt((n) => n + 1)}
          headingLevel={1}
        />
      </>
    );
  }

  return (
    <>
      {back}
      <div className="page-intro page-intro--compact">
        {view ? (
          <p className="eyebrow editor__eyebrow">
            <span className="code-text">{view.code}</span> · {t.designer.versionLabel(view.version)}{' '}
            <StatusBadge status={view.status} />
          </p>
        ) : null}
        <h1 className="page-title" tabIndex={-1}>
          {heading}
        </h1>
      </div>

      {notice ? (
        <p className="live-notice live-notice--success" role="status">
          {notice}
        </p>
      ) : null}
      {view && view.status === 'published' ? (
        <p className="notice">{t.designer.publishedNote(view.version)}</p>
      ) : null}
      {view && view.status !== 'published' && view.status !== 'draft' ? (
        <p className="notice">
          {t.designer.lockedNote(view.version, t.designer.statuses[view.status] ?? view.status, view.status)}
        </p>
      ) : null}

      <ErrorSummary items={summary.items} summaryRef={summary.ref} />

      <div className="editor">
        <form
          id="mc-editor-form"
          className="editor__form"
          onSubmit={submit}
          noValidate
          aria-busy={saving}
          aria-labelledby="editor-form-label"
        >
          <span id="editor-form-label" className="visually-hidden">
            {heading}
          </span>
          <fieldset
            className="editor__fields"
            disabled={readOnly}
            style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }}
          >
            <IdentitySection form={form} code={code} />
            <FormSection form={form} units={units} unitsFailed={unitsState.status === 'failed'} />
            <OutcomesSection form={form} />
            <AssessmentSection form={form} />
            <ParticipationSection form={form} />
            <TuitionSection form={form} />
            <CooperationSection form={form} />
            <MoreSection form={form} />
          </fieldset>
        </form>

        <div className="editor__side">
          <RuleCheckPanel check={check} targetFor={targetFor} />
          <p className="visually-hidden" role="status" aria-live="polite">
            {form.announcement}
          </p>
        </div>

        {readOnly ? null : (
          <div className="editor__actions">
            <button type="submit" form="mc-editor-form" className="button button--primary">
              {saving ? t.designer.saving : t.designer.save}
            </button>
          </div>
        )}
      </div>

      {code && view ? (
        <BadgeImagePanel
          slug={slug}
          code={code}
          title={heading}
          editable={view.status === 'draft'}
          // The generated badge shows the saved title, level and study load: reload when they change.
          revision={`${view.version}:${view.status}:${JSON.stringify([view.title, view.ects, view.vksLevel, view.language])}`}
        />
      ) : null}

      {code && view ? (
        <QualityPanel
          slug={slug}
          code={code}
          version={view.version}
          status={view.status}
          onChanged={() => {
            setLoadAttempt((n) => n + 1);
            reloadVersions();
          }}
        />
      ) : null}

      {code && versions ? (
        <VersionHistory
          versions={versions}
          onNewVersion={view && canStartNewVersion(view.status as VersionState) ? newVersion : undefined}
        />
      ) : null}
    </>
  );
}
