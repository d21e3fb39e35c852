import { useEffect, useState } from 'react';
import { failureText } from '../account-rules.ts';
import { isAbort } from '../api/http.ts';
import { formatDateTime } from '../format.ts';
import { useI18n } from '../i18n/language.tsx';
import { fetchReviewHistory, publishVersion, submitForReview, type ReviewView } from '../api/quality.ts';
import { DataTable } from './data-table.tsx';

/**
 * The quality procedure from the designer's side: submit a draft, publish an approved version, and the
 * history of every review with its decision and rationale.
 */
export function QualityPanel({
  slug,
  code,
  version,
  status,
  onChanged,
}: {
  slug: string;
  code: string;
  version: number;
  status: string;
  onChanged: () => void;
}) {
  const { t, lang } = useI18n();
  const [history, setHistory] = useState<ReviewView[]>();
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string }>();

  useEffect(() => {
    const controller = new AbortController();
    fetchReviewHistory(slug, code, controller.signal).then(setHistory, (error: unknown) => {
      if (!isAbort(error)) setHistory([]);
    });
    return () => controller.abort();
  }, [slug, code, attempt]);

  const act = async (action: 'submit' | 'publish') => {
    setBusy(true);
    setMessage(undefined);
    try {
      if (action === 'submit') await submitForReview(slug, code);
      else await publishVersion(slug, code);
      setMessage({
        tone: 'success',
        text: action === 'submit' ? t.quality.submitted(code, version) : t.quality.published(code, version),
      });
      setAttempt((n) => n + 1);
      onChanged();
    } catch (error) {
      setMessage({ tone: 'error', text: failureText(error, t) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel quality-panel" aria-labelledby="quality-panel-heading">
      <h2 id="quality-panel-heading" className="panel__title">
        {t.quality.panelHeading}
      </h2>
      <p>{t.quality.panelIntro}</p>
      {status === 'submitted' ? <p className="notice">{t.quality.waiting}</p> : null}
      {status === 'approved' ? <p className="notice">{t.quality.approvedNote}</p> : null}
      <div className="button-row">
        {status === 'draft' ? (
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() => void act('submit')}
          >
            {busy ? t.quality.submitting : t.quality.submit}
          </button>
        ) : null}
        {status === 'approved' ? (
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() => void act('publish')}
          >
            {busy ? t.quality.publishing : t.quality.publish}
          </button>
        ) : null}
      </div>
      <p
        className={message ? `live-notice live-notice--${message.tone}` : 'visually-hidden'}
        role="status"
        aria-live="polite"
      >
        {message?.text ?? ''}
      </p>
      <h3 className="editor-section__subtitle">{t.quality.historyHeading}</h3>
      {history && history.length === 0 ? <p className="muted">{t.quality.historyEmpty}</p> : null}
      {history && history.length > 0 ? (
        <DataTable
          id="quality-history-caption"
          caption={t.quality.historyTable}
          columns={[
            t.quality.colVersion,
            t.quality.colSubmitted,
            t.quality.colDecision,
            t.quality.colRationale,
          ]}
        >
          {history.map((review) => (
            <tr key={review.id}>
              <th scope="row">{review.microCredential.version}</th>
              <td>{formatDateTime(review.submittedAt, lang)}</td>
              <td>
                {review.decision ? t.quality.decisions[review.decision] : t.quality.pendingDecision}
                {review.decidedAt ? (
                  <span className="fact-list__note">{formatDateTime(review.decidedAt, lang)}</span>
                ) : null}
              </td>
              <td>{review.rationale ?? '—'}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </section>
  );
}
