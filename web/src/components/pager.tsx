import { useI18n } from '../i18n/language.tsx';
import { Link } from '../router.tsx';

/** Previous / next links around "page x of y"; a missing direction is shown, but not as a link. */
export function Pager({
  page,
  pages,
  hrefFor,
  onNavigate,
}: {
  page: number;
  pages: number;
  hrefFor: (page: number) => string;
  onNavigate: () => void;
}) {
  const { t } = useI18n();
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={t.catalogue.pagination}>
      {page > 1 ? (
        <Link to={hrefFor(page - 1)} rel="prev" className="button button--secondary" onClick={onNavigate}>
          <span aria-hidden="true">← </span>
          {t.catalogue.previous}
        </Link>
      ) : (
        <span className="button button--secondary button--disabled" aria-disabled="true">
          <span aria-hidden="true">← </span>
          {t.catalogue.previous}
        </span>
      )}
      <span className="pager__status">{t.catalogue.pageOf(page, pages)}</span>
      {page < pages ? (
        <Link to={hrefFor(page + 1)} rel="next" className="button button--secondary" onClick={onNavigate}>
          {t.catalogue.next}
          <span aria-hidden="true"> →</span>
        </Link>
      ) : (
        <span className="button button--secondary button--disabled" aria-disabled="true">
          {t.catalogue.next}
          <span aria-hidden="true"> →</span>
        </span>
      )}
    </nav>
  );
}
