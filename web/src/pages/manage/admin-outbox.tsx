import { formatDateTime } from '../../format.ts';
import { useI18n } from '../../i18n/language.tsx';
import { fetchOutbox } from '../../api/accounts.ts';
import type { ManageContext } from './manage-page.tsx';
import { ListView } from '../../components/load-state.tsx';
import { useLoad } from '../../use-load.ts';
import { SectionHeader } from '../../components/section-header.tsx';

/** The outbox: what was sent, or waits to be sent, with each message readable in full. */
export function AdminOutbox({ context }: { context: ManageContext }) {
  const { t, lang } = useI18n();
  const [state, retry] = useLoad((signal) => fetchOutbox(context.slug, signal), context.slug);
  const count = state.status === 'ready' ? t.admin.outboxCount(state.value.length) : '';

  return (
    <section aria-labelledby="outbox-heading">
      <SectionHeader id="outbox-heading" title={t.admin.outboxHeading} count={count} live />
      <p className="muted">{t.admin.outboxIntro}</p>
      <ListView state={state} onRetry={retry} empty={t.admin.outboxEmpty}>
        {(messages) => (
          <ul className="mail-list">
            {messages.map((message) => (
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
        )}
      </ListView>
    </section>
  );
}
