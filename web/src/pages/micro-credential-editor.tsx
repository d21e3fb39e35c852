import { useCallback, useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import {
  FORM_RULES,
  FORMS,
  PARTICIPATION_FORMS,
  SUPERVISION_OPTIONS,
  VKS_LEVELS,
  type Form,
  type ParticipationForm,
  type Supervision,
} from '../../../src/catalogue/rules.ts';
import type { VersionState } from '../../../src/quality/rules.ts';
import { failureText } from '../account-rules.ts';
import { ApiError, isAbort, type MicroCredentialView } from '../api.ts';
import { ErrorSummary, useErrorSummary, type SummaryItem } from '../components/error-summary.tsx';
import {
  describedBy,
  FieldMessages,
  SelectField,
  TextField,
  type FieldFeedback,
} from '../components/form-field.tsx';
import { QualityPanel } from '../components/quality-panel.tsx';
import { ruleMessage, RuleCheckPanel } from '../components/rule-check-panel.tsx';
import { StatusBadge } from '../components/status-badge.tsx';
import { StatusMessage } from '../components/status-message.tsx';
import { useDocumentTitle } from '../document-title.ts';
import { formatDateTime, formatNumber, languageName } from '../format.ts';
import type { PartnerKind } from '../i18n/dictionary.ts';
import { pickText, useI18n } from '../i18n/language.tsx';
import {
  createDesign,
  fetchCourseUnits,
  fetchDesign,
  fetchVersions,
  startNewVersion,
  updateDesign,
  type CourseUnitView,
  type VersionEntry,
} from '../manage-api.ts';
import {
  canSave,
  canStartNewVersion,
  checkDraft,
  controlIdFor,
  courseUnitFacts,
  draftFromView,
  emptyDraft,
  newKey,
  normalizeField,
  toDefinition,
  toDraftField,
  toUpdate,
  type MicroCredentialDraft,
  type TextPair,
} from '../micro-credential-draft.ts';
import { Link, managePath, navigate } from '../router.tsx';
import type { ManageContext } from './manage-page.tsx';

type ViewState =
  | { status: 'new' }
  | { status: 'loading' }
  | { status: 'ready'; view: MicroCredentialView }
  | { status: 'not-found' }
  | { status: 'failed'; error: unknown };

type PairField = 'title' | 'description' | 'assessmentType' | 'prerequisites' | 'stackability';

const CONTENT_LANGUAGES = ['nl', 'en', 'fr', 'de'];
const PARTNER_KINDS: readonly PartnerKind[] = [
  'company',
  'sector-organisation',
  'public-body',
  'education',
  'other',
];

/** A message for the page that opens after a micro-credential was created. */
let flash: string | undefined;

function takeFlash(): string | undefined {
  const message = flash;
  flash = undefined;
  return message;
}

/** `courseUnits[2]` is shown (and touched) with the course unit picker as a whole. */
function touchKeyOf(field: string): string {
  return field.startsWith('courseUnits') ? 'courseUnits' : field;
}

function addTo(map: Map<string, string[]>, key: string, message: string): void {
  const list = map.get(key) ?? [];
  if (!list.includes(message)) map.set(key, [...list, message]);
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
  const [draft, setDraft] = useState<MicroCredentialDraft>(emptyDraft);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [serverErrors, setServerErrors] = useState<ReadonlyMap<string, string[]>>(new Map());
  const [units, setUnits] = useState<CourseUnitView[]>();
  const [unitsFailed, setUnitsFailed] = useState(false);
  const [versions, setVersions] = useState<VersionEntry[]>();
  const [versionsAttempt, setVersionsAttempt] = useState(0);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<string | undefined>(takeFlash);
  const [dirty, setDirty] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [focusNext, setFocusNext] = useState<string>();
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
  }, [slug, code, loadAttempt]);

  useEffect(() => {
    if (!code) return;
    const controller = new AbortController();
    fetchVersions(slug, code, controller.signal).then(setVersions, () => {
      // The history is extra; the editor works without it.
    });
    return () => controller.abort();
  }, [slug, code, versionsAttempt]);

  useEffect(() => {
    const controller = new AbortController();
    fetchCourseUnits(slug, controller.signal).then(setUnits, (error: unknown) => {
      if (!isAbort(error)) setUnitsFailed(true);
    });
    return () => controller.abort();
  }, [slug]);

  const definition = useMemo(() => toDefinition(draft), [draft]);
  const facts = useMemo(() => (units ? courseUnitFacts(units) : undefined), [units]);
  const check = useMemo(() => checkDraft(definition, facts), [definition, facts]);

  // Screen reader users hear the tally once typing pauses, not at every key.
  useEffect(() => {
    if (!dirty) return;
    const timer = window.setTimeout(
      () =>
        setAnnouncement(
          t.designer.checkSummary(check.errors.length, check.missing.length, check.warnings.length),
        ),
      1200,
    );
    return () => window.clearTimeout(timer);
  }, [check, dirty, t]);

  useEffect(() => {
    if (!focusNext) return;
    document.getElementById(focusNext)?.focus();
    setFocusNext(undefined);
  }, [focusNext]);

  const targetFor = useCallback(
    (field: string): string | undefined => {
      const key = normalizeField(toDraftField(field, draft));
      if (key === 'institution') return undefined;
      if (key === 'qaType' || key === 'form') return `mc-form-${draft.form}`;
      if (key === 'learningOutcomes')
        return draft.learningOutcomes.length ? 'mc-learningOutcomes-0-nl' : 'mc-add-outcome';
      if (key === 'courseUnits') {
        const first = draft.courseUnits[0] ?? units?.[0]?.code;
        return first ? `mc-unit-${first}` : undefined;
      }
      const unit = /^courseUnits\[(\d+)\]$/.exec(key);
      if (unit) {
        const picked = draft.courseUnits[Number(unit[1])];
        return picked ? `mc-unit-${picked}` : undefined;
      }
      if (key === 'partners') return 'mc-add-partner';
      return controlIdFor(key);
    },
    [draft, units],
  );

  const messages = useMemo(() => {
    const errors = new Map<string, string[]>();
    const warnings = new Map<string, string[]>();
    for (const problem of check.errors) {
      const key = normalizeField(toDraftField(problem.field, draft));
      if (attempted || touched.has(touchKeyOf(key))) addTo(errors, key, ruleMessage(problem, lang));
    }
    for (const problem of check.warnings) {
      addTo(warnings, normalizeField(toDraftField(problem.field, draft)), ruleMessage(problem, lang));
    }
    for (const [key, texts] of serverErrors) for (const text of texts) addTo(errors, key, text);
    return { errors, warnings };
  }, [check, draft, attempted, touched, serverErrors, lang]);

  const feedback = (key: string): FieldFeedback => ({
    errors: messages.errors.get(key) ?? [],
    warnings: messages.warnings.get(key) ?? [],
  });

  const touch = (key: string) =>
    setTouched((previous) => (previous.has(key) ? previous : new Set(previous).add(key)));

  const change = (
    key: string,
    apply: (d: MicroCredentialDraft) => MicroCredentialDraft,
    touchNow = false,
  ) => {
    setDraft(apply);
    setDirty(true);
    setServerErrors((previous) => {
      if (!previous.has(key)) return previous;
      const next = new Map(previous);
      next.delete(key);
      return next;
    });
    if (touchNow) touch(touchKeyOf(key));
  };

  const setText =
    (
      key: 'code' | 'ects' | 'vksLevel' | 'workloadHours' | 'tuitionEur' | 'fieldOfStudy' | 'furtherInfoUrl',
      touchNow = false,
    ) =>
    (value: string) =>
      change(key, (d) => ({ ...d, [key]: value }), touchNow);

  const setPair = (field: PairField, language: keyof TextPair) => (value: string) =>
    change(`${field}.${language}`, (d) => ({ ...d, [field]: { ...d[field], [language]: value } }));

  const pair = (
    field: PairField,
    labels: [string, string],
    options: { hint?: string; rows?: number; optional?: boolean } = {},
  ): ReactNode => (
    <div className="field-pair">
      {(['nl', 'en'] as const).map((language, index) => (
        <TextField
          key={language}
          id={controlIdFor(`${field}.${language}`)}
          label={labels[index]}
          lang={language}
          hint={index === 0 ? options.hint : undefined}
          optional={options.optional || language === 'en'}
          value={draft[field][language]}
          onChange={setPair(field, language)}
          onBlur={() => touch(`${field}.${language}`)}
          rows={options.rows}
          maxLength={field === 'title' ? 300 : 4000}
          {...feedback(`${field}.${language}`)}
        />
      ))}
    </div>
  );

  const toggleUnit = (unitCode: string, on: boolean) => {
    // The study load must equal the sum of the units: say so at the study load as soon as it differs.
    touch('ects');
    change(
      'courseUnits',
      (d) => ({
        ...d,
        courseUnits: on
          ? [...d.courseUnits.filter((c) => c !== unitCode), unitCode]
          : d.courseUnits.filter((c) => c !== unitCode),
      }),
      true,
    );
  };

  const addOutcome = () => {
    const index = draft.learningOutcomes.length;
    change('learningOutcomes', (d) => ({
      ...d,
      learningOutcomes: [...d.learningOutcomes, { key: newKey(), nl: '', en: '' }],
    }));
    setFocusNext(`mc-learningOutcomes-${index}-nl`);
  };

  const removeOutcome = (index: number) => {
    const remaining = draft.learningOutcomes.length - 1;
    change('learningOutcomes', (d) => ({
      ...d,
      learningOutcomes: d.learningOutcomes.filter((_, i) => i !== index),
    }));
    setFocusNext(
      remaining === 0 ? 'mc-add-outcome' : `mc-learningOutcomes-${Math.min(index, remaining - 1)}-nl`,
    );
  };

  const setOutcome = (index: number, language: keyof TextPair) => (value: string) =>
    change(`learningOutcomes[${index}].${language}`, (d) => ({
      ...d,
      learningOutcomes: d.learningOutcomes.map((row, i) =>
        i === index ? { ...row, [language]: value } : row,
      ),
    }));

  const addPartner = () => {
    const index = draft.partners.length;
    change('partners', (d) => ({
      ...d,
      partners: [...d.partners, { key: newKey(), name: '', kind: '', url: '' }],
    }));
    setFocusNext(`mc-partners-${index}-name`);
  };

  const removePartner = (index: number) => {
    const remaining = draft.partners.length - 1;
    change('partners', (d) => ({ ...d, partners: d.partners.filter((_, i) => i !== index) }));
    setFocusNext(remaining === 0 ? 'mc-add-partner' : `mc-partners-${Math.min(index, remaining - 1)}-name`);
  };

  const setPartner = (index: number, key: 'name' | 'kind' | 'url') => (value: string) =>
    change(
      `partners[${index}].${key}`,
      (d) => ({
        ...d,
        partners: d.partners.map((row, i) =>
          i === index
            ? {
                ...row,
                [key]:
                  key === 'kind'
                    ? (PARTNER_KINDS as readonly string[]).includes(value)
                      ? value
                      : ''
                    : value,
              }
            : row,
        ),
      }),
      key === 'kind',
    );

  const loaded = viewState.status === 'ready' ? viewState.view : undefined;
  const readOnlyNow = loaded !== undefined && !canSave(loaded.status as VersionState);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (saving || readOnlyNow) return;
    setAttempted(true);
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
      (view) => {
        setSaving(false);
        setServerErrors(new Map());
        if (!code) {
          flash = t.designer.created(view.code);
          navigate(managePath(slug, 'micro-credential', view.code));
          return;
        }
        setViewState({ status: 'ready', view });
        setNotice(t.designer.saved(view.version));
        setVersionsAttempt((n) => n + 1);
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
      (view) => {
        setViewState({ status: 'ready', view });
        setDraft(draftFromView(view));
        setNotice(t.designer.newVersionStarted(view.version));
        setVersionsAttempt((n) => n + 1);
      },
      (error: unknown) => summary.show([{ message: failureText(error, t) }]),
    );
  };

  const view = viewState.status === 'ready' ? viewState.view : undefined;
  const heading = view ? pickText(view.title, lang).value : code ? code : t.designer.newHeading;
  useDocumentTitle(
    viewState.status === 'not-found'
      ? t.designer.notFoundHeading
      : `${heading} — ${t.manage.areaTitle(context.institution)}`,
  );

  const back = (
    <p className="back-link">
      <Link to={managePath(slug, 'micro-credentials')}>
        <span aria-hidden="true">← </span>
        {t.designer.backToList}
      </Link>
    </p>
  );

  if (viewState.status === 'loading') {
    return (
      <>
        {back}
        <p className="loading" role="status">
          {t.formMessages.loading}
        </p>
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
        <StatusMessage title={t.designer.loadFailed} headingLevel={1} tone="error" role="alert">
          <p>{failureText(viewState.error, t)}</p>
          <button
            type="button"
            className="button button--primary"
            onClick={() => setLoadAttempt((n) => n + 1)}
          >
            {t.formMessages.retry}
          </button>
        </StatusMessage>
      </>
    );
  }

  const form: Form = draft.form;
  // A version under review or decided is shown as it was assessed: the server refuses changes to it.
  const readOnly = view !== undefined && !canSave(view.status as VersionState);
  const unitSum = draft.courseUnits.reduce(
    (sum, c) => sum + (units?.find((u) => u.code === c)?.ects ?? 0),
    0,
  );
  const unitsFeedback = feedback('courseUnits');

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
          {t.designer.lockedNote(view.version, t.designer.statuses[view.status] ?? view.status)}
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
            <section className="panel editor-section" aria-labelledby="mc-section-identity">
              <h2 id="mc-section-identity" className="editor-section__title">
                {t.designer.sectionIdentity}
              </h2>
              {code ? null : (
                <TextField
                  id="mc-code"
                  label={t.designer.code}
                  hint={t.designer.codeHint}
                  value={draft.code}
                  onChange={setText('code')}
                  onBlur={() => touch('code')}
                  maxLength={40}
                  spellCheck={false}
                  autoComplete="off"
                  className="input--short"
                  {...feedback('code')}
                />
              )}
              {pair('title', [t.designer.titleNl, t.designer.titleEn])}
              {pair('description', [t.designer.descriptionNl, t.designer.descriptionEn], {
                rows: 4,
                optional: true,
              })}
            </section>

            <section className="panel editor-section" aria-labelledby="mc-section-form">
              <h2 id="mc-section-form" className="editor-section__title">
                {t.designer.sectionForm}
              </h2>
              <fieldset className="field choice-group">
                <legend className="field__label">{t.designer.form}</legend>
                {FORMS.map((option) => (
                  <div className="choice" key={option}>
                    <input
                      type="radio"
                      id={`mc-form-${option}`}
                      name="mc-form"
                      value={option}
                      checked={form === option}
                      onChange={() => change('form', (d) => ({ ...d, form: option }), true)}
                      aria-describedby={`mc-form-${option}-hint`}
                    />
                    <label htmlFor={`mc-form-${option}`} className="choice__label">
                      {t.forms[option]}
                    </label>
                    <p id={`mc-form-${option}-hint`} className="choice__hint">
                      {t.formExplanations[option]}
                    </p>
                  </div>
                ))}
              </fieldset>
              <p className="field__hint">
                {t.designer.qualityNote(t.qaTypes[FORM_RULES[form].qualityAssurance])}
              </p>
              <TextField
                id="mc-ects"
                label={t.designer.ects}
                hint={t.designer.ectsHint}
                value={draft.ects}
                onChange={setText('ects', true)}
                inputMode="decimal"
                autoComplete="off"
                className="input--short"
                {...feedback('ects')}
              />
              <div className="field-grid">
                <SelectField
                  id="mc-vksLevel"
                  label={t.designer.vks}
                  value={draft.vksLevel}
                  onChange={setText('vksLevel', true)}
                  placeholder={t.designer.notChosen}
                  options={VKS_LEVELS.map((level) => ({
                    value: String(level),
                    label: t.catalogue.vksOption(level),
                  }))}
                  {...feedback('vksLevel')}
                />
                <TextField
                  id="mc-workloadHours"
                  label={t.designer.workloadHours}
                  hint={t.designer.workloadHint}
                  optional
                  value={draft.workloadHours}
                  onChange={setText('workloadHours', true)}
                  inputMode="decimal"
                  autoComplete="off"
                  className="input--short"
                  {...feedback('workloadHours')}
                />
              </div>
              {form === 'regular' ? (
                <fieldset className="field choice-group" aria-describedby="mc-courseUnits-hint">
                  <legend className="field__label">{t.designer.courseUnits}</legend>
                  <p id="mc-courseUnits-hint" className="field__hint">
                    {t.designer.courseUnitsHint}
                  </p>
                  <FieldMessages
                    id="mc-courseUnits"
                    errors={unitsFeedback.errors}
                    warnings={unitsFeedback.warnings}
                  />
                  {unitsFailed ? <p className="field__error">{t.designer.courseUnitsFailed}</p> : null}
                  {!units && !unitsFailed ? <p className="loading">{t.formMessages.loading}</p> : null}
                  {units && units.length === 0 ? <p>{t.designer.courseUnitsEmpty}</p> : null}
                  {units?.map((unit) => {
                    const id = `mc-unit-${unit.code}`;
                    const index = draft.courseUnits.indexOf(unit.code);
                    const errors = index >= 0 ? (messages.errors.get(`courseUnits[${index}]`) ?? []) : [];
                    const groupErrors = unitsFeedback.errors?.length ? ['mc-courseUnits-error'] : [];
                    return (
                      <div className="choice" key={unit.code}>
                        <input
                          type="checkbox"
                          id={id}
                          checked={index >= 0}
                          onChange={(event) => toggleUnit(unit.code, event.target.checked)}
                          aria-describedby={
                            [describedBy(id, { errors }), ...groupErrors].filter(Boolean).join(' ') ||
                            undefined
                          }
                          aria-invalid={errors.length ? true : undefined}
                        />
                        <label htmlFor={id} className="choice__label">
                          {t.designer.courseUnitOption(
                            unit.code,
                            pickText(unit.title, lang).value,
                            formatNumber(unit.ects, lang),
                          )}
                          {unit.status === 'draft' && unit.publishedAt === null ? (
                            <>
                              {' '}
                              <StatusBadge status="draft" />
                            </>
                          ) : null}
                        </label>
                        <FieldMessages id={id} errors={errors} />
                      </div>
                    );
                  })}
                  {draft.courseUnits.length > 0 ? (
                    <p className="choice-group__sum">
                      {t.designer.courseUnitsSum(formatNumber(unitSum, lang))}
                    </p>
                  ) : null}
                </fieldset>
              ) : null}
            </section>

            <section className="panel editor-section" aria-labelledby="mc-section-outcomes">
              <h2 id="mc-section-outcomes" className="editor-section__title">
                {t.designer.sectionOutcomes}
              </h2>
              <p className="field__hint">{t.designer.outcomesHint}</p>
              {draft.learningOutcomes.length > 0 ? (
                <ol className="repeat-list">
                  {draft.learningOutcomes.map((row, index) => (
                    <li key={row.key} className="repeat-row">
                      <div className="field-pair">
                        <TextField
                          id={`mc-learningOutcomes-${index}-nl`}
                          label={t.designer.outcomeNl(index + 1)}
                          lang="nl"
                          rows={2}
                          value={row.nl}
                          onChange={setOutcome(index, 'nl')}
                          maxLength={4000}
                          {...feedback(`learningOutcomes[${index}].nl`)}
                        />
                        <TextField
                          id={`mc-learningOutcomes-${index}-en`}
                          label={t.designer.outcomeEn(index + 1)}
                          lang="en"
                          optional
                          rows={2}
                          value={row.en}
                          onChange={setOutcome(index, 'en')}
                          maxLength={4000}
                          {...feedback(`learningOutcomes[${index}].en`)}
                        />
                      </div>
                      <button
                        type="button"
                        className="button button--link button--small repeat-row__remove"
                        aria-label={t.designer.removeOutcome(index + 1)}
                        onClick={() => removeOutcome(index)}
                      >
                        {t.designer.remove}
                      </button>
                    </li>
                  ))}
                </ol>
              ) : null}
              <button
                type="button"
                id="mc-add-outcome"
                className="button button--secondary"
                onClick={addOutcome}
              >
                <span aria-hidden="true">+ </span>
                {t.designer.addOutcome}
              </button>
            </section>

            <section className="panel editor-section" aria-labelledby="mc-section-assessment">
              <h2 id="mc-section-assessment" className="editor-section__title">
                {t.designer.sectionAssessment}
              </h2>
              {pair('assessmentType', [t.designer.assessmentNl, t.designer.assessmentEn], {
                hint: t.designer.assessmentHint,
              })}
              <SelectField
                id="mc-supervision"
                label={t.designer.supervision}
                optional
                value={draft.supervision}
                onChange={(value) =>
                  change(
                    'supervision',
                    (d) => ({
                      ...d,
                      supervision: (SUPERVISION_OPTIONS as readonly string[]).includes(value)
                        ? (value as Supervision)
                        : '',
                    }),
                    true,
                  )
                }
                placeholder={t.designer.notChosen}
                options={SUPERVISION_OPTIONS.map((option) => ({
                  value: option,
                  label: t.supervision[option],
                }))}
                {...feedback('supervision')}
              />
            </section>

            <section className="panel editor-section" aria-labelledby="mc-section-participation">
              <h2 id="mc-section-participation" className="editor-section__title">
                {t.designer.sectionParticipation}
              </h2>
              <div className="field-grid">
                <SelectField
                  id="mc-participationForm"
                  label={t.designer.participationForm}
                  value={draft.participationForm}
                  onChange={(value) =>
                    change(
                      'participationForm',
                      (d) => ({
                        ...d,
                        participationForm: (PARTICIPATION_FORMS as readonly string[]).includes(value)
                          ? (value as ParticipationForm)
                          : '',
                      }),
                      true,
                    )
                  }
                  placeholder={t.designer.notChosen}
                  options={PARTICIPATION_FORMS.map((option) => ({
                    value: option,
                    label: t.participationForms[option],
                  }))}
                  {...feedback('participationForm')}
                />
                <SelectField
                  id="mc-language"
                  label={t.designer.language}
                  value={draft.language}
                  onChange={(value) => change('language', (d) => ({ ...d, language: value }), true)}
                  options={[...new Set([...CONTENT_LANGUAGES, draft.language])].map((option) => ({
                    value: option,
                    label: languageName(option, lang),
                  }))}
                  {...feedback('language')}
                />
              </div>
              {pair('prerequisites', [t.designer.prerequisitesNl, t.designer.prerequisitesEn], {
                rows: 3,
                optional: true,
              })}
            </section>

            <section className="panel editor-section" aria-labelledby="mc-section-tuition">
              <h2 id="mc-section-tuition" className="editor-section__title">
                {t.designer.sectionTuition}
              </h2>
              {form === 'outside-regular' ? (
                <TextField
                  id="mc-tuitionEur"
                  label={t.designer.tuitionEur}
                  hint={t.designer.tuitionHint}
                  value={draft.tuitionEur}
                  onChange={setText('tuitionEur', true)}
                  inputMode="decimal"
                  autoComplete="off"
                  className="input--short"
                  {...feedback('tuitionEur')}
                />
              ) : (
                <p className="field__hint">{t.designer.tuitionDecree}</p>
              )}
            </section>

            <section className="panel editor-section" aria-labelledby="mc-section-cooperation">
              <h2 id="mc-section-cooperation" className="editor-section__title">
                {t.designer.sectionCooperation}
              </h2>
              <h3 className="editor-section__subtitle">{t.designer.partnersHeading}</h3>
              {draft.partners.length > 0 ? (
                <ol className="repeat-list">
                  {draft.partners.map((row, index) => (
                    <li key={row.key} className="repeat-row">
                      <div className="field-grid">
                        <TextField
                          id={`mc-partners-${index}-name`}
                          label={t.designer.partnerName(index + 1)}
                          value={row.name}
                          onChange={setPartner(index, 'name')}
                          maxLength={200}
                          {...feedback(`partners[${index}].name`)}
                        />
                        <SelectField
                          id={`mc-partners-${index}-kind`}
                          label={t.designer.partnerKind(index + 1)}
                          optional
                          value={row.kind}
                          onChange={setPartner(index, 'kind')}
                          placeholder={t.designer.partnerKindNone}
                          options={PARTNER_KINDS.map((kind) => ({
                            value: kind,
                            label: t.partnerKinds[kind],
                          }))}
                          {...feedback(`partners[${index}].kind`)}
                        />
                        <TextField
                          id={`mc-partners-${index}-url`}
                          type="url"
                          label={t.designer.partnerUrl(index + 1)}
                          hint={t.designer.urlHint}
                          optional
                          value={row.url}
                          onChange={setPartner(index, 'url')}
                          onBlur={() => touch(`partners[${index}].url`)}
                          inputMode="url"
                          spellCheck={false}
                          maxLength={500}
                          {...feedback(`partners[${index}].url`)}
                        />
                      </div>
                      <button
                        type="button"
                        className="button button--link button--small repeat-row__remove"
                        aria-label={t.designer.removePartner(index + 1)}
                        onClick={() => removePartner(index)}
                      >
                        {t.designer.remove}
                      </button>
                    </li>
                  ))}
                </ol>
              ) : null}
              <button
                type="button"
                id="mc-add-partner"
                className="button button--secondary"
                onClick={addPartner}
              >
                <span aria-hidden="true">+ </span>
                {t.designer.addPartner}
              </button>
              {pair('stackability', [t.designer.stackabilityNl, t.designer.stackabilityEn], {
                hint: t.designer.stackabilityHint,
                rows: 3,
                optional: true,
              })}
            </section>

            <section className="panel editor-section" aria-labelledby="mc-section-more">
              <h2 id="mc-section-more" className="editor-section__title">
                {t.designer.sectionMore}
              </h2>
              <div className="field-grid">
                <TextField
                  id="mc-fieldOfStudy"
                  label={t.designer.fieldOfStudy}
                  optional
                  value={draft.fieldOfStudy}
                  onChange={setText('fieldOfStudy')}
                  maxLength={200}
                  {...feedback('fieldOfStudy')}
                />
                <TextField
                  id="mc-furtherInfoUrl"
                  type="url"
                  label={t.designer.furtherInfoUrl}
                  hint={t.designer.urlHint}
                  optional
                  value={draft.furtherInfoUrl}
                  onChange={setText('furtherInfoUrl')}
                  onBlur={() => touch('furtherInfoUrl')}
                  inputMode="url"
                  spellCheck={false}
                  maxLength={500}
                  {...feedback('furtherInfoUrl')}
                />
              </div>
            </section>
          </fieldset>
        </form>

        <div className="editor__side">
          <RuleCheckPanel check={check} targetFor={targetFor} />
          <p className="visually-hidden" role="status" aria-live="polite">
            {announcement}
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
        <QualityPanel
          slug={slug}
          code={code}
          version={view.version}
          status={view.status}
          onChanged={() => {
            setLoadAttempt((n) => n + 1);
            setVersionsAttempt((n) => n + 1);
          }}
        />
      ) : null}

      {code && versions ? (
        <section className="editor-versions" aria-labelledby="versions-heading">
          <div className="section-header">
            <h2 id="versions-heading">{t.designer.versionsHeading}</h2>
            {view && canStartNewVersion(view.status as VersionState) ? (
              <button type="button" className="button button--secondary" onClick={newVersion}>
                {t.designer.newVersion}
              </button>
            ) : null}
          </div>
          <div className="table-scroll" role="region" aria-labelledby="versions-caption" tabIndex={0}>
            <table className="table">
              <caption id="versions-caption" className="visually-hidden">
                {t.designer.versionsTable}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t.designer.colVersion}</th>
                  <th scope="col">{t.designer.colStatus}</th>
                  <th scope="col">{t.designer.colUpdated}</th>
                  <th scope="col">{t.designer.colPublished}</th>
                </tr>
              </thead>
              <tbody>
                {versions.map((entry) => (
                  <tr key={entry.version}>
                    <th scope="row">{entry.version}</th>
                    <td>
                      <StatusBadge status={entry.status} />
                    </td>
                    <td>{formatDateTime(entry.updatedAt, lang)}</td>
                    <td>{entry.publishedAt ? formatDateTime(entry.publishedAt, lang) : t.designer.none}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </>
  );
}
