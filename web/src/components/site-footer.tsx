import { useI18n } from '../i18n/language.tsx';

export function SiteFooter() {
  const { t } = useI18n();
  return (
    <footer className="site-footer">
      <div className="container site-footer__inner">
        <p className="site-footer__about">{t.layout.footerAbout}</p>
        <nav aria-label={t.layout.footerNav}>
          <ul className="site-footer__links">
            <li>
              <a href="/api/openapi.json">{t.layout.footerApi}</a>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
