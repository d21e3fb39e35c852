import type { ReactNode } from 'react';
import { failureText } from '../../account-rules.ts';
import type { LearnerList } from '../../api/http.ts';
import { useDocumentTitle } from '../../document-title.ts';
import { formatDate, formatMoney, formatNumber } from '../../format.ts';
import { Localized, useI18n } from '../../i18n/language.tsx';
import { fetchResults, type LearnerResult } from '../../api/assessment.ts';
import { fetchEnrolments, type Enrolment } from '../../api/enrolment.ts';
import { Link, LEARNER_PATH } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import { SignedOutView } from '../../components/signed-out-view.tsx';
import { Loading } from '../../components/load-state.tsx';
import { useLoad } from '../../use-load.ts';
import { PageIntro } from '../../components/page-intro.tsx';
import { WalletSection } from './wallet-section.tsx';

/**
 * One part of the learner area. A list the server does not offer yet (404) is said to be not available
 * yet, rather than shown as empty.
 */
function LearnerSection<T>({
  id,
  title,
  load,
  empty,
  unavailable,
  render,
}: {
  id: string;
  title: string;
  load: (signal: AbortSignal) => Promise<LearnerList<T>>;
  empty: ReactNode;
  unavailable: string;
  render: (items: T[]) => ReactNode;
}) {
  const { t } = useI18n();
  const [state, retry] = useLoad(load, id);

  return (
    <section
      className="learner-section"
      aria-labelledby={`${id}-heading`}
      aria-busy={state.status === 'loading'}
    >
      <h2 id={`${id}-heading`}>{title}</h2>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'failed' ? (
        <div className="empty-state empty-state--error">
          <p>
            <strong>{t.learner.loadFailed}</strong> {failureText(state.error, t)}
          </p>
          <button type="button" className="button button--secondary" onClick={retry}>
            {t.formMessages.retry}
          </button>
        </div>
      ) : null}
      {state.status === 'ready' && !state.value.available ? (
        <div className="empty-state">
          <p>
            <span className="tag tag--neutral">{t.learner.unavailable}</span>
          </p>
          <p>{unavailable}</p>
        </div>
      ) : null}
      {state.status === 'ready' && state.value.available && state.value.items.length === 0 ? (
        <div className="empty-state">{empty}</div>
      ) : null}
      {state.status === 'ready' && state.value.available && state.value.items.length > 0
        ? render(state.value.items)
        : null}
    </section>
  );
}

function Enrolments({ items }: { items: Enrolment[] }) {
  const { t, lang } = useI18n();
  return (
    <ul className="learner-list">
      {items.map((item) => (
        <li key={item.id} className="learner-card">
          <h3 className="learner-card__title">
            <Localized text={item.microCredential.title} />
          </h3>
          <dl className="facts">
            <div className="facts__item">
              <dt>{t.learner.edition}</dt>
              <dd className="code-text">{item.edition.code}</dd>
            </div>
            <div className="facts__item">
              <dt>{t.learner.period}</dt>
              <dd>
                {t.learner.periodValue(
                  formatDate(item.edition.startsOn, lang),
                  formatDate(item.edition.endsOn, lang),
                )}
              </dd>
            </div>
            <div className="facts__item">
              <dt>{t.learner.status}</dt>
              <dd>
                {t.learner.enrolmentStatuses[item.status] ?? item.status}
                {item.waitlistPosition ? (
                  <span className="fact-list__note">{t.learner.waitlist(item.waitlistPosition)}</span>
                ) : null}
              </dd>
            </div>
            <div className="facts__item">
              <dt>{t.learner.amountDue}</dt>
              <dd>{formatMoney(item.amountDueCents, lang)}</dd>
            </div>
          </dl>
        </li>
      ))}
    </ul>
  );
}

function Results({ items }: { items: LearnerResult[] }) {
  const { t, lang } = useI18n();
  return (
    <ul className="learner-list">
      {items.map((item) => (
        <li
          key={`${item.institution}/${item.microCredential.code}/${item.edition ?? '-'}`}
          className="learner-card"
        >
          <h3 className="learner-card__title">
            <Localized text={item.microCredential.title} />
          </h3>
          <p className="learner-card__meta">
            {item.edition === null ? (
              t.learner.awardedWithoutEdition
            ) : (
              <>
                {t.learner.edition} <span className="code-text">{item.edition}</span>
              </>
            )}
          </p>
          <ul className="requirement-list">
            {item.requirements.map((requirement) => (
              <li key={requirement.courseUnit ?? 'whole'} className="requirement">
                <span className="requirement__title">
                  <Localized text={requirement.title} />
                </span>
                {requirement.current ? (
                  <span className="requirement__result">
                    {typeof requirement.current.score === 'number'
                      ? `${t.learner.scoreValue(formatNumber(requirement.current.score, lang))} · `
                      : ''}
                    <span className={`badge badge--${requirement.current.passed ? 'success' : 'error'}`}>
                      {requirement.current.passed ? t.learner.passed : t.learner.notPassed}
                    </span>
                    <span className="muted"> · {formatDate(requirement.current.assessedOn, lang)}</span>
                  </span>
                ) : (
                  <span className="requirement__result muted">{t.learner.noResultYet}</span>
                )}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

/** The learner area: enrolments, results and the wallet of whoever is signed in. */
export function LearnerPage() {
  const { t } = useI18n();
  useDocumentTitle(t.learner.pageTitle);
  const { state, refresh } = useSession();

  if (state.status !== 'signed-in')
    return <SignedOutView state={state} onRetry={() => void refresh()} returnTo={LEARNER_PATH} />;

  const { user } = state.session;
  return (
    <>
      <PageIntro title={t.learner.heading} lead={t.learner.welcome(user.name)} />
      {user.emailVerified ? null : <p className="notice notice--warning">{t.learner.unverified}</p>}
      <div className="learner-sections">
        <LearnerSection
          id="enrolments"
          title={t.learner.enrolmentsHeading}
          load={fetchEnrolments}
          unavailable={t.learner.enrolmentsUnavailable}
          empty={
            <>
              <p>{t.learner.enrolmentsEmpty}</p>
              <Link to="/">{t.learner.browseCatalogue}</Link>
            </>
          }
          render={(items) => <Enrolments items={items} />}
        />
        <LearnerSection
          id="results"
          title={t.learner.resultsHeading}
          load={fetchResults}
          unavailable={t.learner.resultsUnavailable}
          empty={<p>{t.learner.resultsEmpty}</p>}
          render={(items) => <Results items={items} />}
        />
        <WalletSection csrfToken={state.session.csrfToken} />
      </div>
    </>
  );
}
