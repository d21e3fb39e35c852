import { useState } from 'react';
import { failureText } from '../../account-rules.ts';
import {
  changeCredentialStatus,
  fetchIssuedCredentials,
  fetchIssuePreview,
  issueForEnrolment,
  type CredentialAction,
  type CredentialListItem,
} from '../../api/issuing.ts';
import { formatDate } from '../../format.ts';
import { useI18n } from '../../i18n/language.tsx';
import { Link, verifyPath } from '../../router.tsx';
import { useLoad } from '../../use-load.ts';
import type { ManageContext } from './manage-page.tsx';
import { LoadFailed, Loading } from '../../components/load-state.tsx';
import { DataTable } from '../../components/data-table.tsx';
import { editionPage } from './edition-page.tsx';
import { PanelSection } from '../../components/panel-section.tsx';

/** The registrar's awarding: who is owed what, issuing the cohort with progress, and the credentials. */
export const AwardingPage = editionPage('awarding', (t) => t.awarding, Awarding);

function Awarding({ context, edition }: { context: ManageContext; edition: string }) {
  const { t } = useI18n();
  const key = `${context.slug}/${edition}`;
  const [preview, reloadPreview] = useLoad((signal) => fetchIssuePreview(context.slug, edition, signal), key);
  const [credentials, reloadCredentials] = useLoad(
    (signal) => fetchIssuedCredentials(context.slug, edition, signal),
    key,
  );
  const [progress, setProgress] = useState<{ done: number; total: number; issued: number; failed: number }>();
  const [running, setRunning] = useState(false);

  const issue = async () => {
    if (preview.status !== 'ready') return;
    const cohort = preview.value.learners;
    setRunning(true);
    let issued = 0;
    let failed = 0;
    setProgress({ done: 0, total: cohort.length, issued, failed });
    for (const [index, learner] of cohort.entries()) {
      try {
        const answer = await issueForEnrolment(context.slug, learner.enrolmentId);
        issued += answer.issued.length;
        if (answer.status === 'failed') failed += 1;
      } catch {
        failed += 1;
      }
      setProgress({ done: index + 1, total: cohort.length, issued, failed });
    }
    setRunning(false);
    reloadPreview();
    reloadCredentials();
  };

  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;

  return (
    <>
      <PanelSection id="preview-heading" title={t.awarding.previewHeading}>
        {preview.status === 'loading' ? <Loading /> : null}
        {preview.status === 'failed' ? (
          <LoadFailed title={t.designer.loadFailed} error={preview.error} />
        ) : null}
        {preview.status === 'ready' && preview.value.learners.length === 0 ? (
          <p className="empty-state">{t.awarding.noLearners}</p>
        ) : null}
        {preview.status === 'ready' && preview.value.learners.length > 0 ? (
          <DataTable
            id="preview-caption"
            caption={t.awarding.previewTable(edition)}
            columns={[t.awarding.colLearner, t.awarding.colToIssue, t.awarding.colHeld]}
          >
            {preview.value.learners.map((learner) => (
              <tr key={learner.enrolmentId}>
                <th scope="row">
                  {learner.learner.name}
                  <span className="fact-list__note">{learner.learner.email}</span>
                </th>
                <td>
                  {learner.toIssue.length > 0
                    ? learner.toIssue
                        .map(
                          (proof) =>
                            (t.learner.credentialKinds[proof.kind] ?? proof.kind) +
                            (proof.courseUnit ? ` ${proof.courseUnit}` : ''),
                        )
                        .join(', ')
                    : t.awarding.nothing}
                </td>
                <td>{learner.alreadyIssued.length}</td>
              </tr>
            ))}
          </DataTable>
        ) : null}
        {preview.status === 'ready' && preview.value.learners.length > 0 ? (
          <div className="form-actions">
            <button
              type="button"
              className="button button--primary"
              disabled={running}
              onClick={() => void issue()}
            >
              {running ? t.awarding.issuing : t.awarding.issue}
            </button>
          </div>
        ) : null}
        {progress ? (
          <div className="issue-progress">
            <div
              className="progress"
              role="progressbar"
              aria-label={t.awarding.progressLabel}
              aria-valuemin={0}
              aria-valuemax={progress.total}
              aria-valuenow={progress.done}
              aria-valuetext={t.awarding.progress(progress.done, progress.total)}
            >
              <div className="progress__bar" style={{ width: `${percent}%` }} />
            </div>
            <p className="progress__text">{t.awarding.progress(progress.done, progress.total)}</p>
          </div>
        ) : null}
        <p
          className="live-notice live-notice--success"
          role="status"
          aria-live="polite"
          hidden={!progress || running}
        >
          {progress && !running ? t.awarding.done(progress.issued, progress.failed) : ''}
        </p>
      </PanelSection>

      <section className="awarding-credentials" aria-labelledby="credentials-heading">
        <h2 id="credentials-heading">{t.awarding.credentialsHeading}</h2>
        {credentials.status === 'loading' ? <Loading /> : null}
        {credentials.status === 'failed' ? (
          <LoadFailed title={t.designer.loadFailed} error={credentials.error} />
        ) : null}
        {credentials.status === 'ready' && credentials.value.length === 0 ? (
          <p className="empty-state">{t.awarding.credentialsEmpty}</p>
        ) : null}
        {credentials.status === 'ready' && credentials.value.length > 0 ? (
          <CredentialTable
            context={context}
            edition={edition}
            items={credentials.value}
            onChanged={reloadCredentials}
          />
        ) : null}
      </section>
    </>
  );
}

function CredentialTable({
  context,
  edition,
  items,
  onChanged,
}: {
  context: ManageContext;
  edition: string;
  items: CredentialListItem[];
  onChanged: () => void;
}) {
  const { t, lang } = useI18n();
  const [pending, setPending] = useState<{ id: string; action: CredentialAction }>();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string }>();
  const actionName = (action: CredentialAction) => t.awarding[action];

  const apply = async (item: CredentialListItem, action: CredentialAction) => {
    if (action !== 'unsuspend' && !reason.trim()) {
      setReasonError(t.awarding.reasonRequired);
      document.getElementById(`status-reason-${item.credentialId}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      await changeCredentialStatus(context.slug, item.credentialId, {
        action,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
      setMessage({ tone: 'success', text: t.awarding.changed(actionName(action)) });
      setPending(undefined);
      setReason('');
      setReasonError('');
      onChanged();
    } catch (error) {
      setMessage({ tone: 'error', text: failureText(error, t) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p
        className={message ? `live-notice live-notice--${message.tone}` : 'visually-hidden'}
        role="status"
        aria-live="polite"
      >
        {message?.text ?? ''}
      </p>
      <DataTable
        id="credentials-caption"
        caption={t.awarding.credentialsTable(edition)}
        columns={[
          t.awarding.colLearner,
          t.awarding.colKind,
          t.awarding.colStatus,
          t.awarding.colIssued,
          t.awarding.colActions,
        ]}
      >
        {items.map((item) => {
          const who = item.learner.name ?? item.learner.email;
          // Suspension is offered only where verifiers can see it: on a suspension entry.
          const actions: CredentialAction[] =
            item.status === 'valid'
              ? item.suspendable
                ? ['suspend', 'revoke']
                : ['revoke']
              : item.status === 'suspended'
                ? ['unsuspend', 'revoke']
                : [];
          const noSuspension = item.status === 'valid' && !item.suspendable;
          return (
            <tr key={item.credentialId}>
              <th scope="row">
                {who}
                <span className="fact-list__note">{item.learner.email}</span>
              </th>
              <td>
                {t.learner.credentialKinds[item.kind] ?? item.kind}
                {item.courseUnit ? <span className="fact-list__note">{item.courseUnit}</span> : null}
              </td>
              <td>
                <span className={`badge badge--${item.status === 'valid' ? 'success' : 'error'}`}>
                  {t.learner.credentialStatuses[item.status] ?? item.status}
                </span>
                {item.statusReason ? <span className="fact-list__note">{item.statusReason}</span> : null}
              </td>
              <td>{formatDate(item.issuedAt, lang)}</td>
              <td>
                {pending?.id === item.credentialId ? (
                  <div className="inline-form">
                    {pending.action !== 'unsuspend' ? (
                      <div className="field">
                        <label htmlFor={`status-reason-${item.credentialId}`} className="field__label">
                          {t.awarding.reason}
                        </label>
                        {reasonError ? (
                          <p id={`status-reason-${item.credentialId}-error`} className="field__error">
                            {reasonError}
                          </p>
                        ) : null}
                        <input
                          id={`status-reason-${item.credentialId}`}
                          className="input"
                          value={reason}
                          maxLength={1000}
                          autoFocus
                          aria-invalid={reasonError ? true : undefined}
                          aria-describedby={
                            reasonError ? `status-reason-${item.credentialId}-error` : undefined
                          }
                          onChange={(event) => setReason(event.target.value)}
                        />
                      </div>
                    ) : null}
                    <div className="button-row">
                      <button
                        type="button"
                        className={`button button--small ${pending.action === 'revoke' ? 'button--danger' : 'button--primary'}`}
                        disabled={busy}
                        onClick={() => void apply(item, pending.action)}
                      >
                        {t.awarding.confirm}: {actionName(pending.action)}
                      </button>
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        onClick={() => setPending(undefined)}
                      >
                        {t.awarding.cancel}
                      </button>
                    </div>
                  </div>
                ) : (
                  <div className="button-row">
                    {actions.map((action) => (
                      <button
                        key={action}
                        type="button"
                        className="button button--secondary button--small"
                        aria-label={t.awarding.actionLabel(actionName(action), who)}
                        onClick={() => {
                          setPending({ id: item.credentialId, action });
                          setReason('');
                          setReasonError('');
                        }}
                      >
                        {actionName(action)}
                      </button>
                    ))}
                    <Link to={verifyPath(item.id)} className="button button--secondary button--small">
                      {t.learner.verify}
                    </Link>
                  </div>
                )}
                {noSuspension && pending?.id !== item.credentialId ? (
                  <p className="fact-list__note">{t.awarding.suspendUnavailable}</p>
                ) : null}
              </td>
            </tr>
          );
        })}
      </DataTable>
    </>
  );
}
