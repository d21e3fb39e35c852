import { useEffect, useState } from 'react';
import { failureText } from '../account-rules.ts';
import { isAbort } from '../api.ts';
import { StatusMessage } from '../components/status-message.tsx';
import { formatDateTime } from '../format.ts';
import { useI18n } from '../i18n/language.tsx';
import { fetchOutbox, type OutboxMessage } from '../manage-api.ts';
import type { ManageContext } from './manage-page.tsx';

type LoadState =
  | { status: 'loading' }
  | { status: 'ready'; messages: OutboxMessage[] }
  | { status: 'failed'; error: unknown };

/** The outbox: what was sent, or waits to be sent, with each message readable in full. */
export function AdminOutbox({ context }: { context: ManageContext }) {
  const { t, lang } = useI18n();
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    fetchOutbox(context.slug, controller.signal).then(
      (messages) => setState({ status: 'ready', messages }),
      (error: unknown) => {
        if (!isAbort(error)) setState({ status: 'failed', error });
      },
    );
    return () => controller.abort();
  }, [context.slug, attempt]);

  return (
    <section aria-labelledby="outbox-heading">
      <div className="section-header">
        <h2 id="outbox-heading">{t.admin.outboxHeading}</h2>
        <p className="section-header__count" role="status">
          {state.status === 'ready' ? t.admin.outboxCount(state.messages.length) : ''}
        </p>
      </div>
      <p className="muted">{t.admin.outboxIntro}</p>
      {state.status === 'loading' ? <p className="loading">{t.formMessages.loading}</p> : null}
      {state.status === 'failed' ? (
        <StatusMessage title={t.designer.loadFailed} tone="error" headingLevel={3}>
          <p>{failureText(state.error, t)}</p>
          <button type="button" className="button button--primary" onClick={() => setAttempt((n) => n + 1)}>
            {t.formMessages.retry}
          </button>
        </StatusMessage>
      ) : null}
      {state.status === 'ready' && state.messages.length === 0 ? <p>{t.admin.outboxEmpty}</p> : null}
      {state.status === 'ready' && state.messages.length > 0 ? (
        <ul className="mail-list">
          {state.messages.map((message) => (
            <li key={message.id}>
              <article className="mail" aria-labelledby={`mail-${message.id}`}>
                <h3 id={`mail-${message.id}`} className="mail__subject">
                  {message.subject}
                </h3>
                <dl className="mail__meta">
                  <div>
                    <dt>{t.admin.recipient}</dt>
                    <dd className="break">{message.recipient}</dd>
                  </div>
                  <div>
                    <dt>{t.admin.time}</dt>
                    <dd>
                      <time dateTime={message.created_at}>{formatDateTime(message.created_at, lang)}</time>
                    </dd>
                  </div>
                  <div>
                    <dt>{t.designer.colStatus}</dt>
                    <dd>
                      {message.error ? (
                        <span className="badge badge--error">
                          {t.admin.mailFailed}: {message.error}
                        </span>
                      ) : message.sent_at ? (
                        <span className="badge badge--success">{t.admin.mailSent}</span>
                      ) : (
                        <span className="badge badge--neutral">{t.admin.mailWaiting}</span>
                      )}
                    </dd>
                  </div>
                </dl>
                <details className="mail__body">
                  <summary>{t.admin.showBody}</summary>
                  <pre className="mail__text">{message.body}</pre>
                </details>
              </article>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
