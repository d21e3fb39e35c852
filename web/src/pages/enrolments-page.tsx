import { useState } from 'react';
import { failureText } from '../account-rules.ts';
import { EditionPicker } from '../components/edition-picker.tsx';
import { StatusMessage } from '../components/status-message.tsx';
import { useDocumentTitle } from '../document-title.ts';
import { decideEnrolment, fetchEditionEnrolments, type StaffEnrolmentView } from '../edition-api.ts';
import { formatMoney } from '../format.ts';
import { useI18n } from '../i18n/language.tsx';
import { managePath } from '../router.tsx';
import { useLoad } from '../use-load.ts';
import type { ManageContext } from './manage-page.tsx';

/** The registrar's enrolments: per edition who enrolled, their place on the waiting list, and the decision. */
export function EnrolmentsPage({ context, search }: { context: ManageContext; search: string }) {
  const { t } = useI18n();
  useDocumentTitle(`${t.manage.sections.enrolments} — ${t.manage.areaTitle(context.institution)}`);
  const edition = new URLSearchParams(search).get('edition') ?? undefined;
  return (
    <>
      <div className="page-intro page-intro--compact">
        <h1 className="page-title" tabIndex={-1}>
          {t.manage.sections.enrolments}
        </h1>
        <p className="lead">{t.enrolments.intro}</p>
      </div>
      <EditionPicker
        slug={context.slug}
        path={managePath(context.slug, 'enrolments')}
        current={edition}
        label={t.enrolments.edition}
      />
      {edition ? <EnrolmentTable key={edition} context={context} edition={edition} /> : null}
    </>
  );
}

function EnrolmentTable({ context, edition }: { context: ManageContext; edition: string }) {
  const { t, lang } = useI18n();
  const [state, reload] = useLoad(
    (signal) => fetchEditionEnrolments(context.slug, edition, signal),
    `${context.slug}/${edition}`,
  );
  const [refusing, setRefusing] = useState<string>();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string }>();

  const decide = async (enrolment: StaffEnrolmentView, decision: 'accept' | 'refuse') => {
    if (decision === 'refuse' && !reason.trim()) {
      setReasonError(t.enrolments.reasonRequired);
      document.getElementById(`refuse-reason-${enrolment.id}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      await decideEnrolment(context.slug, edition, enrolment.id, {
        decision,
        ...(decision === 'refuse' ? { reason: reason.trim() } : {}),
      });
      setMessage({
        tone: 'success',
        text:
          decision === 'accept'
            ? t.enrolments.accepted(enrolment.learner.name)
            : t.enrolments.refused(enrolment.learner.name),
      });
      setRefusing(undefined);
      setReason('');
      setReasonError('');
      reload();
    } catch (error) {
      setMessage({ tone: 'error', text: failureText(error, t) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="enrolments-caption">
      <p
        className={message ? `live-notice live-notice--${message.tone}` : 'visually-hidden'}
        role="status"
        aria-live="polite"
      >
        {message?.text ?? ''}
      </p>
      {state.status === 'loading' ? <p className="loading">{t.formMessages.loading}</p> : null}
      {state.status === 'failed' ? (
        <StatusMessage title={t.designer.loadFailed} tone="error" role="alert">
          <p>{failureText(state.error, t)}</p>
        </StatusMessage>
      ) : null}
      {state.status === 'ready' ? (
        <>
          <h2 id="enrolments-caption">{t.enrolments.table(edition)}</h2>
          <p className="results__count">{t.enrolments.count(state.value.length)}</p>
          {state.value.length === 0 ? <p className="empty-state">{t.enrolments.empty}</p> : null}
        </>
      ) : null}
      {state.status === 'ready' && state.value.length > 0 ? (
        <div className="table-scroll" role="region" aria-labelledby="enrolments-caption" tabIndex={0}>
          <table className="table enrolment-table">
            <thead>
              <tr>
                <th scope="col">{t.enrolments.colLearner}</th>
                <th scope="col">{t.enrolments.colStatus}</th>
                <th scope="col" className="table__number">
                  {t.enrolments.colWaitlist}
                </th>
                <th scope="col" className="table__number">
                  {t.enrolments.colAmount}
                </th>
                <th scope="col">{t.enrolments.colActions}</th>
              </tr>
            </thead>
            <tbody>
              {state.value.map((enrolment) => {
                const open = enrolment.status === 'pending' || enrolment.status === 'waitlisted';
                return (
                  <tr key={enrolment.id}>
                    <th scope="row">
                      {enrolment.learner.name}
                      <span className="fact-list__note">{enrolment.learner.email}</span>
                    </th>
                    <td>
                      {t.learner.enrolmentStatuses[enrolment.status] ?? enrolment.status}
                      {enrolment.decisionReason ? (
                        <span className="fact-list__note">{enrolment.decisionReason}</span>
                      ) : null}
                    </td>
                    <td className="table__number">{enrolment.waitlistPosition ?? '—'}</td>
                    <td className="table__number">{formatMoney(enrolment.amountDueCents, lang)}</td>
                    <td>
                      {open && refusing !== enrolment.id ? (
                        <div className="button-row">
                          {enrolment.status === 'pending' ? (
                            <button
                              type="button"
                              className="button button--primary button--small"
                              disabled={busy}
                              aria-label={t.enrolments.acceptLabel(enrolment.learner.name)}
                              onClick={() => void decide(enrolment, 'accept')}
                            >
                              {t.enrolments.accept}
                            </button>
                          ) : null}
                          <button
                            type="button"
                            className="button button--secondary button--small"
                            disabled={busy}
                            aria-label={t.enrolments.refuseLabel(enrolment.learner.name)}
                            onClick={() => {
                              setRefusing(enrolment.id);
                              setReason('');
                              setReasonError('');
                            }}
                          >
                            {t.enrolments.refuse}
                          </button>
                        </div>
                      ) : null}
                      {refusing === enrolment.id ? (
                        <div className="inline-form">
                          <div className="field">
                            <label htmlFor={`refuse-reason-${enrolment.id}`} className="field__label">
                              {t.enrolments.reason}
                            </label>
                            {reasonError ? (
                              <p id={`refuse-reason-${enrolment.id}-error`} className="field__error">
                                {reasonError}
                              </p>
                            ) : null}
                            <textarea
                              id={`refuse-reason-${enrolment.id}`}
                              className="input input--multiline"
                              rows={2}
                              value={reason}
                              maxLength={2000}
                              autoFocus
                              aria-invalid={reasonError ? true : undefined}
                              aria-describedby={
                                reasonError ? `refuse-reason-${enrolment.id}-error` : undefined
                              }
                              onChange={(event) => setReason(event.target.value)}
                            />
                          </div>
                          <div className="button-row">
                            <button
                              type="button"
                              className="button button--danger button--small"
                              disabled={busy}
                              onClick={() => void decide(enrolment, 'refuse')}
                            >
                              {t.enrolments.confirmRefuse}
                            </button>
                            <button
                              type="button"
                              className="button button--secondary button--small"
                              onClick={() => setRefusing(undefined)}
                            >
                              {t.enrolments.cancel}
                            </button>
                          </div>
                        </div>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
