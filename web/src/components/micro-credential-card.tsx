import type { MicroCredentialSummary } from '../api/catalogue.ts';
import { formatNumber, languageName } from '../format.ts';
import { Localized, useI18n } from '../i18n/language.tsx';
import { detailPath, Link } from '../router.tsx';

export function MicroCredentialCard({ item }: { item: MicroCredentialSummary }) {
  const { t, lang } = useI18n();
  return (
    <article className="card">
      <h3 className="card__title">
        <Link to={detailPath(item.institution.slug, item.code)} className="card__link">
          <Localized text={item.title} />
        </Link>
      </h3>
      <p className="card__institution">{item.institution.name[lang] || item.institution.name.nl}</p>
      {item.description ? (
        <p className="card__description">
          <Localized text={item.description} />
        </p>
      ) : null}
      <dl className="facts">
        <div className="facts__item">
          <dt>{t.card.ects}</dt>
          <dd>{formatNumber(item.ects, lang)} ECTS</dd>
        </div>
        <div className="facts__item">
          <dt>{t.card.level}</dt>
          <dd>VKS {item.vksLevel}</dd>
        </div>
        <div className="facts__item">
          <dt>{t.card.form}</dt>
          <dd>{t.forms[item.form]}</dd>
        </div>
        <div className="facts__item">
          <dt>{t.card.language}</dt>
          <dd>{languageName(item.language, lang)}</dd>
        </div>
        {item.participationForm ? (
          <div className="facts__item">
            <dt>{t.card.participation}</dt>
            <dd>{t.participationFormsShort[item.participationForm]}</dd>
          </div>
        ) : null}
      </dl>
    </article>
  );
}
