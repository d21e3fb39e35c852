import type { MicroCredentialView } from '../api/catalogue.ts';
import { formatDate } from '../format.ts';
import { useI18n } from '../i18n/language.tsx';

/** The public record of the quality decision behind the version shown: criteria, role, date and rationale. */
export function QualityRecord({ view }: { view: MicroCredentialView }) {
  const { t, lang } = useI18n();
  const record = view.qualityReview;
  return (
    <section aria-labelledby="quality-record-heading" className="detail__section">
      <h2 id="quality-record-heading">{t.quality.publicHeading}</h2>
      {record ? (
        <>
          <p>{t.quality.publicIntro(record.decidedRole, formatDate(record.decidedAt, lang))}</p>
          <h3 className="editor-section__subtitle">{t.quality.publicCriteria}</h3>
          <ul className="checklist quality-criteria">
            {record.criteria.map((criterion) => (
              <li key={criterion.id}>
                <span className={`badge badge--${criterion.met ? 'success' : 'error'}`}>
                  {criterion.met ? t.quality.met : t.quality.notMet}
                </span>{' '}
                {criterion.label[lang] || criterion.label.nl}
                {criterion.note ? <span className="fact-list__note">{criterion.note}</span> : null}
              </li>
            ))}
          </ul>
          <h3 className="editor-section__subtitle">{t.quality.publicRationale}</h3>
          <p>{record.rationale}</p>
        </>
      ) : (
        <p className="muted">{t.quality.publicNone}</p>
      )}
    </section>
  );
}
