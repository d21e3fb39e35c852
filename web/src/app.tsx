import { useEffect, useRef, type MouseEvent } from 'react';
import { SiteFooter } from './components/site-footer.tsx';
import { SiteHeader } from './components/site-header.tsx';
import { useI18n } from './i18n/language.tsx';
import { CataloguePage } from './pages/catalogue-page.tsx';
import { DetailPage } from './pages/detail-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { VerifyPage } from './pages/verify-page.tsx';
import { matchRoute, useLocation } from './router.tsx';

export function App() {
  const { t } = useI18n();
  const { pathname, search } = useLocation();
  const route = matchRoute(pathname);
  const main = useRef<HTMLElement>(null);
  const shownPath = useRef(pathname);

  // After moving to another page, start at the top and let assistive technology read the new content.
  useEffect(() => {
    if (shownPath.current === pathname) return;
    shownPath.current = pathname;
    window.scrollTo(0, 0);
    main.current?.focus({ preventScroll: true });
  }, [pathname]);

  const skipToContent = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    main.current?.focus();
  };

  return (
    <>
      <a href="#main" className="skip-link" onClick={skipToContent}>
        {t.layout.skipLink}
      </a>
      <SiteHeader current={route.name === 'catalogue' || route.name === 'verify' ? route.name : undefined} />
      <main id="main" ref={main} tabIndex={-1} className="site-main">
        <div className="container">
          {route.name === 'catalogue' ? <CataloguePage search={search} /> : null}
          {route.name === 'detail' ? (
            <DetailPage key={`${route.slug}/${route.code}`} slug={route.slug} code={route.code} />
          ) : null}
          {route.name === 'verify' ? <VerifyPage search={search} /> : null}
          {route.name === 'not-found' ? <NotFoundPage /> : null}
        </div>
      </main>
      <SiteFooter />
    </>
  );
}
