import { useState, type ChangeEvent, type FormEvent } from 'react';
import { failureText } from '../../account-rules.ts';
import {
  correctResult,
  fetchEditionResults,
  importResults,
  recordResult,
  type ImportProblem,
  type LearnerResults,
  type ResultFields,
  type ResultView,
} from '../../api/assessment.ts';
import { formatDate, formatNumber } from '../../format.ts';
import { scoreProblem } from '../../../../src/assessment/score-rules.ts';
import { pickText, useI18n } from '../../i18n/language.tsx';
import { useLoad } from '../../use-load.ts';
import type { ManageContext } from './manage-page.tsx';
import { LoadFailed, Loading } from '../../components/load-state.tsx';
import { editionPage } from './edition-page.tsx';
import { PanelSection } from '../../components/panel-section.tsx';
import { DataTable } from '../../components/data-table.tsx';

const SUPERVISION = [
  'unsupervised-no-id-check',
  'supervised-no-id-check',
  'supervised-with-id-check',
] as const;

type Requirement = LearnerResults['requirements'][number];

function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The assessor's results: per edition a grid of accepted learners and requirements, and a CSV import. */
export const ResultsPage = editionPage('results', (t) => t.results, ResultsGrid);

function ResultsGrid({ context, edition }: { context: ManageContext; edition: string }) {
  const { t, lang } = useI18n();
  const [state, reload] = useLoad(
    (signal) => fetchEditionResults(context.slug, edition, signal),
    `${context.slug}/${edition}`,
  );
  const [message, setMessage] = useState('');
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'failed') {
    return <LoadFailed title={t.designer.loadFailed} error={state.error} onRetry={reload} />;
  }
  const { learners, passMark } = state.value;
  const requirements: Array<{ key: string; title: string }> =
    state.value.courseUnits.length > 0
      ? state.value.courseUnits.map((unit) => ({
          key: unit.code,
          title: `${unit.code} ${pickText(unit.title, lang).value}`,
        }))
      : [{ key: '', title: pickText(state.value.edition.microCredential.title, lang).value }];
  const saved = (text: string) => {
    setMessage(text);
    reload();
  };
  return (
    <>
      <p className="live-notice live-notice--success" role="status" aria-live="polite" hidden={!message}>
        {message}
      </p>
      <section aria-labelledby="results-grid-caption">
        <h2 id="results-grid-caption">{t.results.gridTable(edition)}</h2>
        {learners.length === 0 ? (
          <p className="empty-state">{t.results.noLearners}</p>
        ) : (
          <DataTable
            id="results-grid-caption"
            className="table results-grid"
            columns={[t.results.colLearner, ...requirements.map((requirement) => requirement.title)]}
          >
            {learners.map((learner) => (
              <tr key={learner.enrolmentId}>
                <th scope="row">
                  {learner.learner.name}
                  <span className="fact-list__note">{learner.learner.email}</span>
                </th>
                {requirements.map((requirement) => {
                  const found = learner.requirements.find((r) => (r.courseUnit ?? '') === requirement.key);
                  return (
                    <td key={requirement.key} className="results-grid__cell">
                      {found ? (
                        <ResultCell
                          context={context}
                          edition={edition}
                          learner={learner}
                          requirement={found}
                          requirementTitle={requirement.title}
                          passMark={passMark}
                          onSaved={saved}
                        />
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </DataTable>
        )}
      </section>
      {state.value.awardedWithoutEdition.length > 0 ? (
        <section aria-labelledby="results-direct-caption">
          <h2 id="results-direct-caption">{t.results.directHeading}</h2>
          <p className="muted">{t.results.directIntro}</p>
          <DataTable
            id="results-direct-caption"
            className="table results-grid"
            columns={[t.results.colLearner, ...requirements.map((requirement) => requirement.title)]}
          >
            {state.value.awardedWithoutEdition.map((direct) => (
              <tr key={direct.learner.email}>
                <th scope="row">
                  {direct.learner.name ?? direct.learner.email}
                  <span className="fact-list__note">{direct.learner.email}</span>
                </th>
                {requirements.map((requirement) => {
                  const found = direct.requirements.find((r) => (r.courseUnit ?? '') === requirement.key);
                  return (
                    <td key={requirement.key} className="results-grid__cell">
                      {found?.current ? resultText(found.current, t, lang) : t.results.noResult}
                    </td>
                  );
                })}
              </tr>
            ))}
          </DataTable>
        </section>
      ) : null}
      <ImportPanel context={context} edition={edition} onImported={saved} />
    </>
  );
}

function resultText(result: ResultView, t: ReturnType<typeof useI18n>['t'], lang: 'nl' | 'en'): string {
  return t.results.current(
    typeof result.score === 'number' ? t.results.scoreValue(formatNumber(result.score, lang)) : '',
    result.passed ? t.results.passedShort : t.results.notPassedShort,
    formatDate(result.assessedOn, lang),
  );
}

function ResultCell({
  context,
  edition,
  learner,
  requirement,
  requirementTitle,
  passMark,
  onSaved,
}: {
  context: ManageContext;
  edition: string;
  learner: LearnerResults;
  requirement: Requirement;
  requirementTitle: string;
  passMark: number;
  onSaved: (message: string) => void;
}) {
  const { t, lang } = useI18n();
  const [correcting, setCorrecting] = useState(false);
  const current = requirement.current;
  const earlier = requirement.history.filter((r) => r.id !== current?.id);
  const name = learner.learner.name;
  if (current && !correcting) {
    return (
      <div className="result-cell">
        <span className={`badge badge--${current.passed ? 'success' : 'error'}`}>
          {current.passed ? t.learner.passed : t.learner.notPassed}
        </span>
        <span className="result-cell__value">
          {resultText(current, t, lang)}
          {current.correctionReason ? t.results.historyReason(current.correctionReason) : ''}
        </span>
        {earlier.length > 0 ? (
          <details className="result-cell__history">
            <summary>{t.results.history(earlier.length)}</summary>
            <ul>
              {earlier.map((record) => (
                <li key={record.id}>
                  {t.results.historyEntry(
                    resultText(record, t, lang),
                    formatDate(record.recordedAt, lang),
                    '',
                  )}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
        <button
          type="button"
          className="button button--secondary button--small"
          aria-label={t.results.correctLabel(name, requirementTitle)}
          onClick={() => setCorrecting(true)}
        >
          {t.results.correct}
        </button>
      </div>
    );
  }
  return (
    <ResultForm
      idBase={`result-${learner.enrolmentId}-${requirement.courseUnit ?? 'whole'}`}
      name={name}
      requirementTitle={requirementTitle}
      passMark={passMark}
      initial={current ?? undefined}
      correction={Boolean(current)}
      onCancel={current ? () => setCorrecting(false) : undefined}
      onSubmit={async (fields, reason) => {
        if (current) {
          await correctResult(context.slug, edition, current.id, { ...fields, reason });
          setCorrecting(false);
          onSaved(t.results.corrected(name));
        } else {
          await recordResult(context.slug, edition, {
            ...fields,
            enrolmentId: learner.enrolmentId,
            courseUnit: requirement.courseUnit,
          });
          onSaved(t.results.recorded(name));
        }
      }}
    />
  );
}

function ResultForm({
  idBase,
  name,
  requirementTitle,
  passMark,
  initial,
  correction,
  onCancel,
  onSubmit,
}: {
  idBase: string;
  name: string;
  requirementTitle: string;
  passMark: number;
  initial: ResultView | undefined;
  correction: boolean;
  onCancel: (() => void) | undefined;
  onSubmit: (fields: ResultFields, reason: string) => Promise<void>;
}) {
  const { t, lang } = useI18n();
  const [score, setScore] = useState(initial?.score === null || !initial ? '' : String(initial.score));
  const [passed, setPassed] = useState(initial?.passed ?? false);
  const [assessedOn, setAssessedOn] = useState(initial?.assessedOn ?? today());
  const [assessmentType, setAssessmentType] = useState(initial?.assessmentType ?? '');
  const [supervision, setSupervision] = useState(initial?.supervision ?? 'supervised-with-id-check');
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const where = <span className="visually-hidden">{`, ${name}, ${requirementTitle}`}</span>;
  const parsed = score.trim() ? Number(score.replace(',', '.')) : null;
  // The server's own score rules, run as the assessor types. An unticked box states nothing: the score
  // decides; a ticked box states "passed" and must agree with the score.
  const scoreCheck =
    parsed === null || Number.isNaN(parsed)
      ? null
      : scoreProblem(parsed, passed ? true : null, passMark, lang);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (scoreCheck) return;
    if ((parsed === null && !passed) || !assessedOn || !assessmentType.trim() || Number.isNaN(parsed)) {
      setError(t.results.requiredFields);
      return;
    }
    if (correction && !reason.trim()) {
      setError(t.results.correctionRequired);
      return;
    }
    setBusy(true);
    setError('');
    try {
      await onSubmit(
        {
          score: parsed,
          // Sent when ticked, so that a contradiction is refused rather than overruled by the score.
          ...(parsed === null || passed ? { passed } : {}),
          assessedOn,
          assessmentType: assessmentType.trim(),
          supervision,
        },
        reason.trim(),
      );
    } catch (failure) {
      setError(failureText(failure, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="result-form" onSubmit={(event) => void submit(event)} noValidate aria-busy={busy}>
      {error ? (
        <p id={`${idBase}-error`} className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="result-form__grid">
        <div className="field">
          <label htmlFor={`${idBase}-score`} className="field__label">
            {t.results.score}
            {where}
          </label>
          <input
            id={`${idBase}-score`}
            className="input input--short"
            inputMode="decimal"
            autoComplete="off"
            value={score}
            onChange={(event) => setScore(event.target.value)}
            aria-invalid={scoreCheck ? true : undefined}
            aria-describedby={`${idBase}-score-check`}
          />
        </div>
        <div className="choice">
          <input
            type="checkbox"
            id={`${idBase}-passed`}
            checked={passed}
            onChange={(event: ChangeEvent<HTMLInputElement>) => setPassed(event.target.checked)}
          />
          <label htmlFor={`${idBase}-passed`} className="choice__label">
            {t.results.passed}
            {where}
          </label>
        </div>
        <p id={`${idBase}-score-check`} className="field__error" aria-live="polite">
          {scoreCheck?.message ?? ''}
        </p>
        <div className="field">
          <label htmlFor={`${idBase}-date`} className="field__label">
            {t.results.assessedOn}
            {where}
          </label>
          <input
            id={`${idBase}-date`}
            type="date"
            className="input"
            value={assessedOn}
            onChange={(event) => setAssessedOn(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${idBase}-type`} className="field__label">
            {t.results.assessmentType}
            {where}
          </label>
          <input
            id={`${idBase}-type`}
            className="input"
            value={assessmentType}
            maxLength={300}
            onChange={(event) => setAssessmentType(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${idBase}-supervision`} className="field__label">
            {t.results.supervision}
            {where}
          </label>
          <select
            id={`${idBase}-supervision`}
            className="input"
            value={supervision}
            onChange={(event) => setSupervision(event.target.value)}
          >
            {SUPERVISION.map((option) => (
              <option key={option} value={option}>
                {t.supervision[option]}
              </option>
            ))}
          </select>
        </div>
        {correction ? (
          <div className="field">
            <label htmlFor={`${idBase}-reason`} className="field__label">
              {t.results.correctionReason}
              {where}
            </label>
            <input
              id={`${idBase}-reason`}
              className="input"
              value={reason}
              maxLength={1000}
              onChange={(event) => setReason(event.target.value)}
            />
          </div>
        ) : null}
      </div>
      <div className="button-row">
        <button
          type="submit"
          className="button button--primary button--small"
          disabled={busy}
          aria-label={correction ? undefined : t.results.recordLabel(name, requirementTitle)}
        >
          {correction ? t.results.saveCorrection : t.results.record}
        </button>
        {onCancel ? (
          <button type="button" className="button button--secondary button--small" onClick={onCancel}>
            {t.results.cancel}
          </button>
        ) : null}
      </div>
    </form>
  );
}

function ImportPanel({
  context,
  edition,
  onImported,
}: {
  context: ManageContext;
  edition: string;
  onImported: (message: string) => void;
}) {
  const { t } = useI18n();
  const [text, setText] = useState<string>();
  const [fileName, setFileName] = useState('');
  const [problems, setProblems] = useState<ImportProblem[]>();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const lines = text ? text.split(/\r?\n/).filter((line) => line.trim()) : [];

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    setProblems(undefined);
    setError('');
    if (!file) return;
    setFileName(file.name);
    setText(await file.text());
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!text) {
      setError(t.results.noFile);
      return;
    }
    setBusy(true);
    setError('');
    try {
      const answer = await importResults(context.slug, edition, text);
      if (answer.ok) {
        setProblems(undefined);
        setText(undefined);
        setFileName('');
        onImported(t.results.imported(answer.imported));
      } else {
        setProblems(answer.problems);
        document.getElementById('import-report')?.focus();
      }
    } catch (failure) {
      setError(failureText(failure, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <PanelSection id="import-heading" title={t.results.importHeading}>
      <p className="field__hint">{t.results.importIntro}</p>
      <form onSubmit={(event) => void submit(event)} noValidate aria-busy={busy} className="form-stack">
        {error ? (
          <p className="field__error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="import-file" className="field__label">
            {t.results.chooseFile}
          </label>
          <input
            id="import-file"
            type="file"
            accept=".csv,text/csv"
            className="input"
            onChange={(event) => void choose(event)}
          />
          {fileName ? <p className="field__hint">{fileName}</p> : null}
        </div>
        {lines.length > 0 ? (
          <div className="table-scroll" role="region" aria-labelledby="import-preview-caption" tabIndex={0}>
            <table className="table import-preview">
              <caption id="import-preview-caption">{t.results.previewHeading(lines.length)}</caption>
              <thead>
                <tr>
                  <th scope="col" className="table__number">
                    {t.results.previewLine}
                  </th>
                  <th scope="col">CSV</th>
                </tr>
              </thead>
              <tbody>
                {lines.slice(0, 50).map((line, index) => (
                  <tr key={index}>
                    <th scope="row" className="table__number">
                      {index + 1}
                    </th>
                    <td className="code-text">{line}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t.results.importing : t.results.import}
          </button>
        </div>
      </form>
      <div id="import-report" tabIndex={-1} role="status" aria-live="polite">
        {problems ? (
          <div className="error-summary">
            <h3 className="error-summary__title">{t.results.refusedHeading(problems.length)}</h3>
            <ul className="error-summary__list">
              {problems.map((problem, index) => (
                <li key={index}>{t.results.problemLine(problem.line, problem.field, problem.message)}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    </PanelSection>
  );
}
