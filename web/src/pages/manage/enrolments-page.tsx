import { useState } from 'react';
import { failureText } from '../../account-rules.ts';
import { decideEnrolment, fetchEditionEnrolments, type StaffEnrolmentView } from '../../api/enrolment.ts';
import { formatMoney } from '../../format.ts';
import { useI18n } from '../../i18n/language.tsx';
import { useLoad } from '../../use-load.ts';
import type { ManageContext } from './manage-page.tsx';
import { LoadFailed, Loading } from '../../components/load-state.tsx';
import { editionPage } from './edition-page.tsx';
import { DataTable } from '../../components/data-table.tsx';

/** The registrar's enrolments: per edition who enrolled, their place on the waiting list, and the decision. */
export const EnrolmentsPage = editionPage('enrolments', (t) => t.enrolments, EnrolmentTable);

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
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'failed' ? <LoadFailed title={t.designer.loadFailed} error={state.error} /> : null}
      {state.status === 'ready' ? (
        <>
          <h2 id="enrolments-caption">{t.enrolments.table(edition)}</h2>
          <p className="results__count">{t.enrolments.count(state.value.length)}</p>
          {state.value.length === 0 ? <p className="empty-state">{t.enrolments.empty}</p> : null}
        </>
      ) : null}
      {state.status === 'ready' && state.value.length > 0 ? (
        <DataTable
          id="enrolments-caption"
          className="table enrolment-table"
          columns={[
            t.enrolments.colLearner,
            t.enrolments.colStatus,
            { label: t.enrolments.colWaitlist, number: true },
            { label: t.enrolments.colAmount, number: true },
            t.enrolments.colActions,
          ]}
        >
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
                          aria-describedby={reasonError ? `refuse-reason-${enrolment.id}-error` : undefined}
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
        </DataTable>
      ) : null}
    </section>
  );
}
