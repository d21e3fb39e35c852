import { fetchMicroCredential, type MicroCredentialView } from '../../api/catalogue.ts';
import { ApiError } from '../../api/http.ts';
import { EditionOffers } from '../../components/edition-offers.tsx';
import { QualityRecord } from '../../components/quality-record.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { useDocumentTitle } from '../../document-title.ts';
import { formatDate, formatMoney, formatNumber, languageName, regionAndCountry } from '../../format.ts';
import { Localized, pickText, useI18n } from '../../i18n/language.tsx';
import { Link } from '../../router.tsx';
import { lastCataloguePath } from './catalogue-page.tsx';
import { LoadFailed, Loading } from '../../components/load-state.tsx';
import { useLoad } from '../../use-load.ts';
import { BackLink } from '../../components/back-link.tsx';

export function DetailPage({ slug, code }: { slug: string; code: string }) {
  const { t, lang } = useI18n();
  const [load, retry] = useLoad((signal) => fetchMicroCredential(slug, code, signal), `${slug}/${code}`);
  const state =
    load.status === 'failed' && load.error instanceof ApiError && load.error.status === 404
      ? { status: 'not-found' as const }
      : load;

  const title =
    state.status === 'ready'
      ? pickText(state.value.title, lang).value
      : state.status === 'not-found'
        ? t.detail.notFoundTitle
        : state.status === 'failed'
          ? t.detail.errorTitle
          : undefined;
  useDocumentTitle(title);

  const back = <BackLink to={lastCataloguePath()} label={t.detail.backToCatalogue} />;

  if (state.status === 'loading') {
    return (
      <>
        {back}
        <Loading announce text={t.detail.loading} />
      </>
    );
  }
  if (state.status === 'not-found') {
    return (
      <StatusMessage title={t.detail.notFoundTitle} headingLevel={1}>
        <p>{t.detail.notFoundBody}</p>
        <Link to={lastCataloguePath()} className="button button--primary">
          {t.notFound.toCatalogue}
        </Link>
      </StatusMessage>
    );
  }
  if (state.status === 'failed') {
    return (
      <>
        {back}
        <LoadFailed title={t.detail.errorTitle} onRetry={retry} retryLabel={t.detail.retry} headingLevel={1}>
          <p>{t.detail.errorBody}</p>
        </LoadFailed>
      </>
    );
  }
  return (
    <>
      {back}
      <MicroCredentialDetail view={state.value} />
    </>
  );
}

function MicroCredentialDetail({ view }: { view: MicroCredentialView }) {
  const { t, lang } = useI18n();
  const institutionName = view.institution.name[lang] || view.institution.name.nl;
  const place = regionAndCountry(view.institution.address.region, view.institution.address.country, lang, t);
  const outcomes = (view.learningOutcomes ?? []).filter((o) => o.nl.trim());
  const address = view.institution.address;
  const locality = [address.postalCode, address.locality].filter(Boolean).join(' ');
  const addressLine = [address.street, locality].filter(Boolean).join(', ');

  return (
    <article className="detail">
      <header className="detail__header">
        <p className="eyebrow">
          {t.detail.eyebrow} · {view.code}
        </p>
        <h1 className="page-title" tabIndex={-1}>
          <Localized text={view.title} />
        </h1>
        <p className="detail__awarded">
          {t.detail.awardedBy} <strong>{institutionName}</strong>
          <span aria-hidden="true"> · </span>
          <span className="detail__place">{place}</span>
        </p>
        {view.description ? (
          <p className="lead">
            <Localized text={view.description} />
          </p>
        ) : null}
      </header>

      <div className="detail__layout">
        <aside className="detail__facts panel" aria-labelledby="facts-heading">
          <h2 id="facts-heading" className="panel__title">
            {t.detail.keyFacts}
          </h2>
          <dl className="fact-list">
            <div>
              <dt>{t.detail.workload}</dt>
              <dd>
                <span className="fact-list__value">{formatNumber(view.ects, lang)} ECTS</span>
                {view.workloadHours ? (
                  <span className="fact-list__note">
                    {t.detail.workloadHours(formatNumber(view.workloadHours, lang))}
                  </span>
                ) : null}
              </dd>
            </div>
            <div>
              <dt>{t.detail.level}</dt>
              <dd>{t.detail.levelValue(view.vksLevel)}</dd>
            </div>
            <div>
              <dt>{t.detail.form}</dt>
              <dd>
                <span className="fact-list__value">{t.forms[view.form]}</span>
                <span className="fact-list__note">{t.formExplanations[view.form]}</span>
              </dd>
            </div>
            <div>
              <dt>{t.detail.language}</dt>
              <dd>{languageName(view.language, lang)}</dd>
            </div>
            {view.participationForm ? (
              <div>
                <dt>{t.detail.participationForm}</dt>
                <dd>{t.participationForms[view.participationForm]}</dd>
              </div>
            ) : null}
            <div>
              <dt>{t.detail.qualityAssurance}</dt>
              <dd>{t.qaTypes[view.qaType]}</dd>
            </div>
            <div>
              <dt>{t.detail.tuition}</dt>
              <dd>
                <TuitionSummary view={view} />
              </dd>
            </div>
            {view.fieldOfStudy ? (
              <div>
                <dt>{t.detail.fieldOfStudy}</dt>
                <dd>{view.fieldOfStudy}</dd>
              </div>
            ) : null}
            <div>
              <dt>{t.detail.version}</dt>
              <dd>
                {view.version}
                {view.publishedAt ? (
                  <span className="fact-list__note">
                    {t.detail.published}{' '}
                    <time dateTime={view.publishedAt}>{formatDate(view.publishedAt, lang)}</time>
                  </span>
                ) : null}
              </dd>
            </div>
            {view.furtherInfoUrl ? (
              <div>
                <dt>{t.detail.moreInfo}</dt>
                <dd>
                  <a href={view.furtherInfoUrl} className="break">
                    {t.detail.moreInfoLink}
                  </a>
                </dd>
              </div>
            ) : null}
          </dl>
        </aside>

        <div className="detail__body">
          <EditionOffers slug={view.institution.slug} code={view.code} />

          <section aria-labelledby="outcomes-heading" className="detail__section">
            <h2 id="outcomes-heading">{t.detail.learningOutcomes}</h2>
            <p>{t.detail.learningOutcomesIntro}</p>
            <ul className="outcomes">
              {outcomes.map((outcome, i) => (
                <li key={i}>
                  <Localized text={outcome} />
                </li>
              ))}
            </ul>
          </section>

          <section aria-labelledby="assessment-heading" className="detail__section">
            <h2 id="assessment-heading">{t.detail.assessment}</h2>
            <dl className="definition-list">
              <div>
                <dt>{t.detail.assessmentType}</dt>
                <dd>{view.assessmentType ? <Localized text={view.assessmentType} /> : '—'}</dd>
              </div>
              {view.supervision ? (
                <div>
                  <dt>{t.detail.supervision}</dt>
                  <dd>{t.supervision[view.supervision]}</dd>
                </div>
              ) : null}
            </dl>
          </section>

          {view.prerequisites?.nl.trim() ? (
            <section aria-labelledby="prerequisites-heading" className="detail__section">
              <h2 id="prerequisites-heading">{t.detail.prerequisites}</h2>
              <p>
                <Localized text={view.prerequisites} />
              </p>
            </section>
          ) : null}

          {view.courseUnits.length > 0 ? (
            <section aria-labelledby="units-heading" className="detail__section">
              <h2 id="units-heading">{t.detail.courseUnits}</h2>
              <p>{t.detail.courseUnitsIntro}</p>
              <div className="table-scroll">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t.detail.courseUnitCode}</th>
                      <th scope="col">{t.detail.courseUnitTitle}</th>
                      <th scope="col" className="table__number">
                        {t.detail.courseUnitEcts}
                      </th>
                      <th scope="col" className="table__number">
                        {t.detail.courseUnitLevel}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {view.courseUnits.map((unit) => (
                      <tr key={unit.code}>
                        <td className="table__code">{unit.code}</td>
                        <td>
                          <Localized text={unit.title} />
                        </td>
                        <td className="table__number">{formatNumber(unit.ects, lang)}</td>
                        <td className="table__number">{unit.vksLevel}</td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row" colSpan={2}>
                        {t.detail.courseUnitsTotal}
                      </th>
                      <td className="table__number">
                        {formatNumber(
                          view.courseUnits.reduce((sum, unit) => sum + unit.ects, 0),
                          lang,
                        )}
                      </td>
                      <td />
                    </tr>
                  </tfoot>
                </table>
              </div>
            </section>
          ) : null}

          <section aria-labelledby="proof-heading" className="detail__section">
            <h2 id="proof-heading">{t.detail.proofOfLearning}</h2>
            <p>{t.detail.proofIntro}</p>
            <ul className="checklist">
              {view.proofOfLearning.map((kind) => (
                <li key={kind}>{t.proofKinds[kind]}</li>
              ))}
            </ul>
            <p className="muted">{t.detail.proofExplanation}</p>
          </section>

          <section aria-labelledby="tuition-heading" className="detail__section">
            <h2 id="tuition-heading">{t.detail.tuition}</h2>
            <TuitionDetails view={view} />
          </section>

          {view.stackability?.nl.trim() ? (
            <section aria-labelledby="stackability-heading" className="detail__section">
              <h2 id="stackability-heading">{t.detail.stackability}</h2>
              <p>
                <Localized text={view.stackability} />
              </p>
            </section>
          ) : null}

          {view.partners && view.partners.length > 0 ? (
            <section aria-labelledby="partners-heading" className="detail__section">
              <h2 id="partners-heading">{t.detail.partners}</h2>
              <p>{t.detail.partnersIntro}</p>
              <ul className="partners">
                {view.partners.map((partner) => (
                  <li key={partner.name}>
                    {partner.url ? <a href={partner.url}>{partner.name}</a> : partner.name}
                    {partner.kind ? (
                      <span className="partners__kind"> ({t.partnerKinds[partner.kind]})</span>
                    ) : null}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}

          <QualityRecord view={view} />

          <section aria-labelledby="provider-heading" className="detail__section">
            <h2 id="provider-heading">{t.detail.awardingBody}</h2>
            <dl className="definition-list">
              <div>
                <dt>{t.card.institution}</dt>
                <dd>{institutionName}</dd>
              </div>
              <div>
                <dt>{t.detail.countryRegion}</dt>
                <dd>{place}</dd>
              </div>
              {addressLine ? (
                <div>
                  <dt>{t.detail.address}</dt>
                  <dd>{addressLine}</dd>
                </div>
              ) : null}
              <div>
                <dt>{t.detail.website}</dt>
                <dd>
                  <a href={view.institution.url} className="break">
                    {view.institution.url.replace(/^https?:\/\//, '').replace(/\/$/, '')}
                  </a>
                </dd>
              </div>
              {view.institution.email ? (
                <div>
                  <dt>{t.detail.email}</dt>
                  <dd>
                    <a href={`mailto:${view.institution.email}`} className="break">
                      {view.institution.email}
                    </a>
                  </dd>
                </div>
              ) : null}
            </dl>
          </section>
        </div>
      </div>
    </article>
  );
}

function IndicativeTag() {
  const { t } = useI18n();
  return <span className="tag tag--warning">{t.detail.indicative}</span>;
}

function TuitionSummary({ view }: { view: MicroCredentialView }) {
  const { t, lang } = useI18n();
  const { tuition } = view;
  switch (tuition.kind) {
    case 'decree':
    case 'institution':
      return (
        <>
          <span className="fact-list__value">{formatMoney(tuition.totalCents, lang)}</span>
          {tuition.indicative ? (
            <>
              {' '}
              <IndicativeTag />
            </>
          ) : null}
        </>
      );
    case 'decree-unknown':
      return <>{t.detail.tuitionDecreeUnknown(tuition.academicYear)}</>;
    case 'institution-unset':
      return <>{t.detail.tuitionInstitutionUnset}</>;
  }
}

function TuitionDetails({ view }: { view: MicroCredentialView }) {
  const { t, lang } = useI18n();
  const { tuition } = view;
  switch (tuition.kind) {
    case 'decree':
      return (
        <>
          <p>
            {t.detail.tuitionDecreeIntro(tuition.academicYear)}
            {tuition.indicative ? (
              <>
                {' '}
                <IndicativeTag />
              </>
            ) : null}
          </p>
          <dl className="sum">
            <div>
              <dt>{t.detail.tuitionFixed}</dt>
              <dd>{formatMoney(tuition.fixedCents, lang)}</dd>
            </div>
            <div>
              <dt>
                {t.detail.tuitionPerCredit(
                  formatMoney(tuition.perCreditCents, lang),
                  formatNumber(view.ects, lang),
                )}
              </dt>
              <dd>{formatMoney(Math.round(tuition.perCreditCents * view.ects), lang)}</dd>
            </div>
            <div className="sum__total">
              <dt>{t.detail.tuitionTotal}</dt>
              <dd>{formatMoney(tuition.totalCents, lang)}</dd>
            </div>
          </dl>
          {tuition.indicative ? (
            <p className="muted">{t.detail.tuitionIndicativeNote(tuition.academicYear)}</p>
          ) : null}
        </>
      );
    case 'institution':
      return (
        <p>
          <strong className="amount">{formatMoney(tuition.totalCents, lang)}</strong>
          {tuition.indicative ? (
            <>
              {' '}
              <IndicativeTag />
            </>
          ) : null}{' '}
          {t.detail.tuitionInstitution}
        </p>
      );
    case 'decree-unknown':
      return <p>{t.detail.tuitionDecreeUnknown(tuition.academicYear)}</p>;
    case 'institution-unset':
      return <p>{t.detail.tuitionInstitutionUnset}</p>;
  }
}
