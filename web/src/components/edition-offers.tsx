import { useState, type FormEvent } from 'react';
import { failureText } from '../account-rules.ts';
import {
  enrolIn,
  fetchEnrolments,
  fetchPublicEdition,
  fetchPublicEditions,
  type EditionDetail,
  type EditionView,
} from '../api/enrolment.ts';
import { offerFor, standingFor, type OwnEnrolment, type Standing } from '../edition-offer.ts';
import { formatDate, formatDateTime, formatMoney } from '../format.ts';
import { Localized, useI18n } from '../i18n/language.tsx';
import type { LearnerList } from '../api/http.ts';
import { fetchCredentials } from '../api/issuing.ts';
import { Link, LEARNER_PATH, signInPath, useLocation } from '../router.tsx';
import { useSession } from '../session.tsx';
import { useLoad } from '../use-load.ts';
import { ErrorSummary, useErrorSummary } from './error-summary.tsx';
import { Loading } from './load-state.tsx';

/** The open and upcoming editions of a micro-credential, each with the way to enrol in it. */
export function EditionOffers({ slug, code }: { slug: string; code: string }) {
  const { t } = useI18n();
  const [state] = useLoad((signal) => fetchPublicEditions(slug, code, signal), `${slug}/${code}`);
  const own = useOwnRecord(slug, code);
  return (
    <section aria-labelledby="editions-heading" className="detail__section">
      <h2 id="editions-heading">{t.enrol.heading}</h2>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'failed' ? <p className="muted">{failureText(state.error, t)}</p> : null}
      {state.status === 'ready' && state.value.length === 0 ? <p>{t.enrol.none}</p> : null}
      {state.status === 'ready' && state.value.length > 0 ? (
        <>
          {own.standing.held ? (
            <div className="notice notice--success" role="status">
              <p>{t.enrol.held}</p>
              <Link to={`${LEARNER_PATH}#credentials`}>{t.enrol.toCredential}</Link>
            </div>
          ) : null}
          <p>{t.enrol.intro}</p>
          <ul className="edition-list">
            {state.value.map((edition) => (
              <EditionOffer
                key={edition.id}
                edition={edition}
                enrolments={own.enrolments}
                standing={own.standing}
              />
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

interface OwnRecord {
  enrolments: OwnEnrolment[];
  standing: Standing;
}

const NOTHING: OwnRecord = { enrolments: [], standing: { held: false } };

function itemsOf<T>(list: LearnerList<T>): T[] {
  return list.available ? list.items : [];
}

/**
 * The signed-in learner's enrolments and certificate for this micro-credential, so the page does not
 * offer to enrol someone who already is. While it loads or fails the page offers as before: the server
 * still refuses a second enrolment in the same edition.
 */
function useOwnRecord(slug: string, code: string): OwnRecord {
  const { state } = useSession();
  const userId = state.status === 'signed-in' ? state.session.user.id : '';
  const [own] = useLoad(async (signal): Promise<OwnRecord> => {
    if (!userId) return NOTHING;
    const [enrolments, credentials] = await Promise.all([fetchEnrolments(signal), fetchCredentials(signal)]);
    return {
      enrolments: itemsOf(enrolments) as unknown as OwnEnrolment[],
      standing: standingFor({ institution: slug, code }, itemsOf(credentials)),
    };
  }, `${userId}/${slug}/${code}`);
  return own.status === 'ready' ? own.value : NOTHING;
}

function EditionOffer({
  edition,
  enrolments,
  standing,
}: {
  edition: EditionView;
  enrolments: OwnEnrolment[];
  standing: Standing;
}) {
  const { t, lang } = useI18n();
  const { state } = useSession();
  const { pathname } = useLocation();
  const [open, setOpen] = useState(false);
  const headingId = `edition-${edition.id}-heading`;
  const offer = offerFor(edition, enrolments, standing);
  const waitlistPosition =
    offer.kind === 'enrolled'
      ? (enrolments.find((enrolment) => enrolment.id === offer.enrolmentId)?.waitlistPosition ?? null)
      : null;
  return (
    <li className="edition-card" aria-labelledby={headingId}>
      <h3 id={headingId} className="edition-card__title">
        {t.enrol.edition(edition.code)}
      </h3>
      <dl className="facts">
        <div className="facts__item">
          <dt>{t.enrol.period}</dt>
          <dd>
            {t.learner.periodValue(formatDate(edition.startsOn, lang), formatDate(edition.endsOn, lang))}
          </dd>
        </div>
        <div className="facts__item">
          <dt>{t.enrol.price}</dt>
          <dd>{formatMoney(edition.price.cents, lang)}</dd>
        </div>
        <div className="facts__item">
          <dt>{t.enrol.placesLeft}</dt>
          <dd>{t.enrol.placesValue(edition.placesLeft)}</dd>
        </div>
        <div className="facts__item">
          <dt>{t.enrol.window}</dt>
          <dd>{formatDateTime(edition.enrolmentClosesAt, lang)}</dd>
        </div>
        <div className="facts__item">
          <dt>{t.enrol.mode}</dt>
          <dd>{t.participationForms[edition.mode]}</dd>
        </div>
        {edition.location ? (
          <div className="facts__item">
            <dt>{t.enrol.location}</dt>
            <dd>{edition.location}</dd>
          </div>
        ) : null}
      </dl>
      {offer.kind === 'enrolled' ? (
        <div className="enrol-done">
          <p className="live-notice live-notice--success">
            {t.enrol.enrolledAs(t.learner.enrolmentStatuses[offer.status] ?? offer.status)}
            {waitlistPosition !== null ? ` ${t.enrol.waitlistPlace(waitlistPosition)}` : null}
          </p>
          <Link to={LEARNER_PATH} className="button button--secondary">
            {t.enrol.toLearner}
          </Link>
        </div>
      ) : null}
      {offer.kind !== 'enrolled' && !edition.enrolmentOpen ? (
        <p className="muted">{t.enrol.notOpen}</p>
      ) : null}
      {offer.kind !== 'enrolled' && edition.enrolmentOpen && state.status === 'anonymous' ? (
        <Link to={signInPath(pathname)} className="button button--primary">
          {t.enrol.signInFirst}
        </Link>
      ) : null}
      {offer.kind !== 'enrolled' &&
      edition.enrolmentOpen &&
      state.status === 'signed-in' &&
      !state.session.user.emailVerified ? (
        <p className="notice notice--warning">{t.enrol.verifyFirst}</p>
      ) : null}
      {offer.kind !== 'enrolled' &&
      edition.enrolmentOpen &&
      state.status === 'signed-in' &&
      state.session.user.emailVerified ? (
        open ? (
          <EnrolForm edition={edition} onCancel={() => setOpen(false)} />
        ) : (
          <button
            type="button"
            className={offer.kind === 'held' ? 'button button--secondary' : 'button button--primary'}
            aria-label={t.enrol.enrolLabel(edition.code)}
            onClick={() => setOpen(true)}
          >
            {offer.kind === 'held' ? t.enrol.enrolAgain : t.enrol.enrol}
          </button>
        )
      ) : null}
    </li>
  );
}

function EnrolForm({ edition, onCancel }: { edition: EditionView; onCancel: () => void }) {
  const { t, lang } = useI18n();
  const [detail] = useLoad((signal) => fetchPublicEdition(edition.id, signal), edition.id);
  const [confirmed, setConfirmed] = useState(false);
  const [reduction, setReduction] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string>();
  const [confirmError, setConfirmError] = useState('');
  const summary = useErrorSummary();
  const idBase = `enrol-${edition.id}`;

  if (detail.status === 'loading') return <Loading />;
  if (detail.status === 'failed') return <p className="field__error">{failureText(detail.error, t)}</p>;
  const info: EditionDetail = detail.value;
  const chosen = info.reductions.find((r) => r.code === reduction);
  const amount = chosen ? chosen.amountDueCents : info.price.cents;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!confirmed) {
      setConfirmError(t.enrol.confirmRequired);
      summary.show([{ message: t.enrol.confirmRequired, target: `${idBase}-confirm` }]);
      return;
    }
    setConfirmError('');
    summary.clear();
    setBusy(true);
    try {
      const enrolment = await enrolIn(edition.id, {
        confirmPrerequisites: true,
        ...(reduction ? { reduction } : {}),
      });
      setDone(t.enrol.done(t.learner.enrolmentStatuses[enrolment.status] ?? enrolment.status));
    } catch (error) {
      summary.show([{ message: failureText(error, t) }]);
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <div className="enrol-done">
        <p className="live-notice live-notice--success" role="status">
          {done}
        </p>
        <Link to={LEARNER_PATH} className="button button--secondary">
          {t.enrol.toLearner}
        </Link>
      </div>
    );
  }

  return (
    <form className="enrol-form" onSubmit={(event) => void submit(event)} noValidate aria-busy={busy}>
      <ErrorSummary items={summary.items} summaryRef={summary.ref} />
      <h4 className="enrol-form__title">{t.enrol.formHeading(edition.code)}</h4>
      <h5 className="enrol-form__subtitle">{t.enrol.prerequisites}</h5>
      <p>{info.prerequisites ? <Localized text={info.prerequisites} /> : t.enrol.noPrerequisites}</p>
      <div className="choice">
        <input
          type="checkbox"
          id={`${idBase}-confirm`}
          checked={confirmed}
          aria-invalid={confirmError ? true : undefined}
          aria-describedby={confirmError ? `${idBase}-confirm-error` : undefined}
          onChange={(event) => setConfirmed(event.target.checked)}
        />
        <label htmlFor={`${idBase}-confirm`} className="choice__label">
          {t.enrol.confirm}
        </label>
        {confirmError ? (
          <p id={`${idBase}-confirm-error`} className="field__error">
            {confirmError}
          </p>
        ) : null}
      </div>
      {info.reductions.length > 0 ? (
        <div className="field">
          <label htmlFor={`${idBase}-reduction`} className="field__label">
            {t.enrol.reduction}
          </label>
          <select
            id={`${idBase}-reduction`}
            className="input"
            value={reduction}
            onChange={(event) => setReduction(event.target.value)}
          >
            <option value="">{t.enrol.noReduction}</option>
            {info.reductions.map((option) => (
              <option key={option.code} value={option.code}>
                {`${option.label[lang] || option.label.nl} (−${option.percent}%)`}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <p className="enrol-form__amount" aria-live="polite">
        {t.enrol.amountDue}: <strong>{formatMoney(amount, lang)}</strong>
      </p>
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t.enrol.submitting : t.enrol.submit}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t.enrol.cancel}
        </button>
      </div>
    </form>
  );
}
