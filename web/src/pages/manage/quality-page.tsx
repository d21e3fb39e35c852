import { useState, type FormEvent } from 'react';
import { failureText } from '../../account-rules.ts';
import { ApiError } from '../../api/http.ts';
import { ErrorSummary, useErrorSummary, type SummaryItem } from '../../components/error-summary.tsx';
import { TextField } from '../../components/form-field.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { useDocumentTitle } from '../../document-title.ts';
import { formatDateTime, formatMoney, formatNumber, languageName } from '../../format.ts';
import { Localized, pickText, useI18n } from '../../i18n/language.tsx';
import {
  decideReview,
  fetchReview,
  fetchReviewQueue,
  type QualityDecision,
  type ReviewDetail,
} from '../../api/quality.ts';
import { Link, managePath } from '../../router.tsx';
import { useLoad } from '../../use-load.ts';
import type { ManageContext } from './manage-page.tsx';
import { CountedList, LoadFailed, Loading } from '../../components/load-state.tsx';
import { DataTable } from '../../components/data-table.tsx';
import { PageIntro } from '../../components/page-intro.tsx';
import { BackLink } from '../../components/back-link.tsx';

/** The quality reviewer's part: the queue, or one review when `?review=` names it. */
export function QualityPage({ context, search }: { context: ManageContext; search: string }) {
  const reviewId = new URLSearchParams(search).get('review');
  return reviewId ? (
    <ReviewPage key={reviewId} context={context} reviewId={reviewId} />
  ) : (
    <QueuePage context={context} />
  );
}

function reviewPath(slug: string, id: string): string {
  return `${managePath(slug, 'quality')}?review=${encodeURIComponent(id)}`;
}

function QueuePage({ context }: { context: ManageContext }) {
  const { t, lang } = useI18n();
  useDocumentTitle(`${t.manage.sections.quality} — ${t.manage.areaTitle(context.institution)}`);
  const [state, retry] = useLoad((signal) => fetchReviewQueue(context.slug, signal), context.slug);
  return (
    <>
      <PageIntro title={t.manage.sections.quality} lead={t.quality.queueIntro} compact />
      <CountedList
        state={state}
        onRetry={retry}
        failedTitle={t.quality.loadFailed}
        count={t.quality.queueCount}
        empty={t.quality.queueEmpty}
      >
        {(items) => (
          <DataTable
            id="queue-caption"
            caption={t.quality.queueTable}
            columns={[t.quality.colTitle, t.quality.colSubmitted, t.quality.colBy, t.quality.colPreCheck]}
          >
            {items.map((review) => {
              const title = pickText(review.microCredential.title, lang).value;
              return (
                <tr key={review.id}>
                  <th scope="row" className="design-table__title">
                    <Link to={reviewPath(context.slug, review.id)} aria-label={t.quality.openLabel(title)}>
                      {title}
                    </Link>
                    <span className="design-table__code">
                      {review.microCredential.code} · {t.quality.colVersion.toLowerCase()}{' '}
                      {review.microCredential.version}
                    </span>
                  </th>
                  <td>{formatDateTime(review.submittedAt, lang)}</td>
                  <td>
                    {review.submittedBy}
                    {review.mayDecide ? null : (
                      <span className="fact-list__note">{t.quality.ownSubmission}</span>
                    )}
                  </td>
                  <td>
                    <span className={`badge badge--${review.preCheck.passed ? 'success' : 'error'}`}>
                      {review.preCheck.passed ? t.quality.preCheckPassed : t.quality.preCheckFailed}
                    </span>
                  </td>
                </tr>
              );
            })}
          </DataTable>
        )}
      </CountedList>
    </>
  );
}

interface Judgement {
  met: boolean | null;
  note: string;
}

function ReviewPage({ context, reviewId }: { context: ManageContext; reviewId: string }) {
  const { t, lang } = useI18n();
  const [state, retry] = useLoad(
    (signal) => fetchReview(context.slug, reviewId, signal),
    `${context.slug}/${reviewId}`,
  );
  const title = state.status === 'ready' ? pickText(state.value.microCredential.title, lang).value : '';
  useDocumentTitle(
    `${title ? t.quality.reviewTitle(title) : t.manage.sections.quality} — ${t.manage.areaTitle(context.institution)}`,
  );
  const back = <BackLink to={managePath(context.slug, 'quality')} label={t.quality.backToQueue} />;
  if (state.status === 'loading') {
    return (
      <>
        {back}
        <Loading announce />
      </>
    );
  }
  if (state.status === 'failed') {
    return (
      <>
        {back}
        <LoadFailed title={t.quality.loadFailed} error={state.error} onRetry={retry} headingLevel={1} />
      </>
    );
  }
  return (
    <>
      {back}
      <ReviewContent context={context} review={state.value} title={title} onDecided={retry} />
    </>
  );
}

function ReviewContent({
  context,
  review,
  title,
  onDecided,
}: {
  context: ManageContext;
  review: ReviewDetail;
  title: string;
  onDecided: () => void;
}) {
  const { t, lang } = useI18n();
  const judgementCriteria = review.criteria.filter((c) => c.kind === 'judgement');
  const [judgements, setJudgements] = useState<Record<string, Judgement>>(() =>
    Object.fromEntries(judgementCriteria.map((c) => [c.id, { met: c.met, note: c.note ?? '' }])),
  );
  const [rationale, setRationale] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');
  const summary = useErrorSummary();
  const def = review.definition;
  const decided = review.status !== 'pending';

  const decide = async (decision: QualityDecision) => {
    const problems: SummaryItem[] = [];
    if (!rationale.trim()) problems.push({ message: t.quality.rationaleRequired, target: 'qa-rationale' });
    if (decision === 'approve') {
      for (const criterion of judgementCriteria) {
        if (judgements[criterion.id]?.met === null || judgements[criterion.id]?.met === undefined) {
          problems.push({
            message: t.quality.criterionRequired(criterion.label[lang]),
            target: `qa-${criterion.id}-met`,
          });
        }
      }
    }
    if (problems.length > 0) {
      summary.show(problems);
      return;
    }
    summary.clear();
    setBusy(true);
    try {
      const checklist = judgementCriteria.flatMap((criterion) => {
        const judgement = judgements[criterion.id];
        if (!judgement || judgement.met === null) return [];
        return [
          {
            criterion: criterion.id,
            met: judgement.met,
            ...(judgement.note.trim() ? { note: judgement.note.trim() } : {}),
          },
        ];
      });
      await decideReview(context.slug, review.id, { decision, rationale: rationale.trim(), checklist });
      setNotice(t.quality.decided(t.quality.decisions[decision] ?? decision));
      onDecided();
    } catch (error) {
      summary.show(
        error instanceof ApiError && error.problems.length > 0
          ? error.problems.map((p) => ({ message: p.message }))
          : [{ message: failureText(error, t) }],
      );
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
  };

  return (
    <>
      <div className="page-intro page-intro--compact">
        <p className="eyebrow">
          {t.quality.reviewMeta(
            review.microCredential.code,
            review.microCredential.version,
            review.submittedBy,
          )}
        </p>
        <h1 className="page-title" tabIndex={-1}>
          {t.quality.reviewTitle(title)}
        </h1>
      </div>
      <p className="live-notice live-notice--success" role="status" aria-live="polite" hidden={!notice}>
        {notice}
      </p>
      {decided ? (
        <p className="notice">
          {t.quality.decidedBody(review.decision ? (t.quality.decisions[review.decision] ?? '') : '')}
        </p>
      ) : null}
      {!decided && !review.mayDecide ? (
        <StatusMessage title={t.quality.fourEyesHeading} tone="warning">
          <p>{t.quality.fourEyesBody}</p>
        </StatusMessage>
      ) : null}

      <div className="review-layout">
        <section className="panel" aria-labelledby="qa-definition-heading">
          <h2 id="qa-definition-heading" className="panel__title">
            {t.quality.euElementsHeading}
          </h2>
          <dl className="definition-list">
            <div>
              <dt>{t.designer.titleNl.replace(/ \(.*\)$/, '')}</dt>
              <dd>
                <Localized text={def.title} />
              </dd>
            </div>
            <div>
              <dt>{t.detail.workload}</dt>
              <dd>
                {formatNumber(def.ects, lang)} ECTS
                {def.workloadHours
                  ? ` · ${t.detail.workloadHours(formatNumber(def.workloadHours, lang))}`
                  : ''}
              </dd>
            </div>
            <div>
              <dt>{t.detail.level}</dt>
              <dd>{t.detail.levelValue(def.vksLevel)}</dd>
            </div>
            <div>
              <dt>{t.detail.form}</dt>
              <dd>{t.forms[def.form]}</dd>
            </div>
            <div>
              <dt>{t.detail.language}</dt>
              <dd>{languageName(def.language, lang)}</dd>
            </div>
            {def.participationForm ? (
              <div>
                <dt>{t.detail.participationForm}</dt>
                <dd>{t.participationForms[def.participationForm]}</dd>
              </div>
            ) : null}
            <div>
              <dt>{t.detail.learningOutcomes}</dt>
              <dd>
                <ul className="outcomes">
                  {(def.learningOutcomes ?? []).map((outcome, i) => (
                    <li key={i}>
                      <Localized text={outcome} />
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
            <div>
              <dt>{t.detail.assessmentType}</dt>
              <dd>{def.assessmentType ? <Localized text={def.assessmentType} /> : '—'}</dd>
            </div>
            {def.supervision ? (
              <div>
                <dt>{t.detail.supervision}</dt>
                <dd>{t.supervision[def.supervision]}</dd>
              </div>
            ) : null}
            {def.prerequisites?.nl.trim() ? (
              <div>
                <dt>{t.detail.prerequisites}</dt>
                <dd>
                  <Localized text={def.prerequisites} />
                </dd>
              </div>
            ) : null}
            {def.courseUnits.length > 0 ? (
              <div>
                <dt>{t.detail.courseUnits}</dt>
                <dd>
                  {def.courseUnits
                    .map((unit) => `${unit.code} (${formatNumber(unit.ects, lang)} ECTS)`)
                    .join(', ')}
                </dd>
              </div>
            ) : null}
            <div>
              <dt>{t.detail.tuition}</dt>
              <dd>
                {def.tuition.kind === 'decree' || def.tuition.kind === 'institution'
                  ? formatMoney(def.tuition.totalCents, lang)
                  : '—'}
              </dd>
            </div>
          </dl>
        </section>

        <section className="panel" aria-labelledby="qa-precheck-heading">
          <h2 id="qa-precheck-heading" className="panel__title">
            {t.quality.preCheckHeading}
          </h2>
          <p>{t.quality.preCheckIntro}</p>
          <ul className="precheck-list">
            {review.criteria
              .filter((c) => c.kind === 'automatic')
              .map((criterion) => (
                <li key={criterion.id} className="precheck">
                  <span className={`badge badge--${criterion.met ? 'success' : 'error'}`}>
                    {criterion.met ? t.quality.met : t.quality.notMet}
                  </span>{' '}
                  {criterion.label[lang]}
                  {criterion.findings && criterion.findings.length > 0 ? (
                    <ul className="precheck__findings">
                      {criterion.findings.map((finding, i) => (
                        <li key={i}>{finding.message[lang]}</li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
          </ul>
        </section>
      </div>

      {decided || !review.mayDecide ? null : (
        <form
          className="panel review-form"
          onSubmit={submit}
          noValidate
          aria-labelledby="qa-checklist-heading"
        >
          <ErrorSummary items={summary.items} summaryRef={summary.ref} />
          <h2 id="qa-checklist-heading" className="panel__title">
            {t.quality.checklistHeading}
          </h2>
          <p>{t.quality.checklistIntro}</p>
          {judgementCriteria.map((criterion) => {
            const judgement = judgements[criterion.id] ?? { met: null, note: '' };
            const set = (next: Partial<Judgement>) =>
              setJudgements((all) => ({ ...all, [criterion.id]: { ...judgement, ...next } }));
            return (
              <fieldset key={criterion.id} className="field choice-group criterion">
                <legend className="field__label">{criterion.label[lang]}</legend>
                <div className="criterion__choices">
                  <div className="choice">
                    <input
                      type="radio"
                      id={`qa-${criterion.id}-met`}
                      name={`qa-${criterion.id}`}
                      checked={judgement.met === true}
                      onChange={() => set({ met: true })}
                    />
                    <label htmlFor={`qa-${criterion.id}-met`} className="choice__label">
                      {t.quality.criterionMet}
                    </label>
                  </div>
                  <div className="choice">
                    <input
                      type="radio"
                      id={`qa-${criterion.id}-not-met`}
                      name={`qa-${criterion.id}`}
                      checked={judgement.met === false}
                      onChange={() => set({ met: false })}
                    />
                    <label htmlFor={`qa-${criterion.id}-not-met`} className="choice__label">
                      {t.quality.criterionNotMet}
                    </label>
                  </div>
                </div>
                <TextField
                  id={`qa-${criterion.id}-note`}
                  label={t.quality.note}
                  value={judgement.note}
                  onChange={(note) => set({ note })}
                  maxLength={4000}
                />
              </fieldset>
            );
          })}
          <TextField
            id="qa-rationale"
            label={t.quality.rationale}
            hint={t.quality.rationaleHint}
            value={rationale}
            onChange={setRationale}
            rows={4}
            maxLength={10000}
          />
          <h2 className="panel__title">{t.quality.decisionHeading}</h2>
          <div className="button-row" aria-busy={busy}>
            <button
              type="button"
              className="button button--primary"
              disabled={busy}
              onClick={() => void decide('approve')}
            >
              {t.quality.approve}
            </button>
            <button
              type="button"
              className="button button--secondary"
              disabled={busy}
              onClick={() => void decide('request-changes')}
            >
              {t.quality.requestChanges}
            </button>
            <button
              type="button"
              className="button button--danger"
              disabled={busy}
              onClick={() => void decide('reject')}
            >
              {t.quality.reject}
            </button>
          </div>
        </form>
      )}
      {decided && review.rationale ? (
        <section className="panel" aria-labelledby="qa-decided-heading">
          <h2 id="qa-decided-heading" className="panel__title">
            {t.quality.colRationale}
          </h2>
          <p>{review.rationale}</p>
        </section>
      ) : null}
    </>
  );
}
