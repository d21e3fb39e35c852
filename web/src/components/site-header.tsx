import { useI18n } from '../i18n/language.tsx';
import { Link, verifyPath } from '../router.tsx';
import { AccountMenu } from './account-menu.tsx';
import { LanguageSwitch } from './language-switch.tsx';

/** The page of the main navigation that is shown, if any. */
export type NavPage = 'catalogue' | 'verify';

export function SiteHeader({ current }: { current: NavPage | undefined }) {
  const { t } = useI18n();
  return (
    <header className="site-header">
      <div className="container site-header__inner">
        <Link to="/" className="brand">
          <span className="brand__mark" aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          <span className="brand__text">
            <span className="brand__name">{t.meta.productName}</span>
            <span className="brand__tagline">{t.meta.tagline}</span>
          </span>
        </Link>
        <div className="site-header__tools">
          <nav aria-label={t.layout.mainNav}>
            <ul className="site-nav">
              <li>
                <Link
                  to="/"
                  className="site-nav__link"
                  aria-current={current === 'catalogue' ? 'page' : undefined}
                >
                  {t.layout.catalogueLink}
                </Link>
              </li>
              <li>
                <Link
                  to={verifyPath()}
                  className="site-nav__link"
                  aria-current={current === 'verify' ? 'page' : undefined}
                >
                  {t.layout.verifyLink}
                </Link>
              </li>
            </ul>
          </nav>
          <AccountMenu />
          <LanguageSwitch />
        </div>
      </div>
    </header>
  );
}
