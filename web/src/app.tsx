import { useEffect, useRef, type MouseEvent } from 'react';
import { setAnswerLanguage } from './api/http.ts';
import { SiteFooter } from './components/site-footer.tsx';
import { SiteHeader } from './components/site-header.tsx';
import { useI18n } from './i18n/language.tsx';
import { CataloguePage } from './pages/public/catalogue-page.tsx';
import { DetailPage } from './pages/public/detail-page.tsx';
import { ForgotPasswordPage } from './pages/account/forgot-password-page.tsx';
import { InvitationPage } from './pages/account/invitation-page.tsx';
import { LearnerPage } from './pages/learner/learner-page.tsx';
import { ManagePage } from './pages/manage/manage-page.tsx';
import { NotFoundPage } from './pages/public/not-found-page.tsx';
import { ResetPasswordPage } from './pages/account/reset-password-page.tsx';
import { SignInPage } from './pages/account/sign-in-page.tsx';
import { SignUpPage } from './pages/account/sign-up-page.tsx';
import { VerifyEmailPage } from './pages/account/verify-email-page.tsx';
import { VerifyPage } from './pages/public/verify-page.tsx';
import { CredentialPage } from './pages/public/credential-page.tsx';
import { CollectionPage } from './pages/public/collection-page.tsx';
import { ProfilePage } from './pages/account/profile-page.tsx';
import { matchRoute, useLocation, type Route } from './router.tsx';

function AccountPage({ route, search }: { route: Route & { name: 'account' }; search: string }) {
  switch (route.page) {
    case 'sign-up':
      return <SignUpPage />;
    case 'sign-in':
      return <SignInPage search={search} />;
    case 'verify-email':
      return <VerifyEmailPage search={search} />;
    case 'forgot-password':
      return <ForgotPasswordPage />;
    case 'reset-password':
      return <ResetPasswordPage search={search} />;
    case 'invitation':
      return <InvitationPage search={search} />;
  }
}

export function App() {
  const { t, lang } = useI18n();
  const { pathname, search } = useLocation();
  const route = matchRoute(pathname);
  const main = useRef<HTMLElement>(null);
  const shownPath = useRef(pathname);

  useEffect(() => setAnswerLanguage(lang), [lang]);

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
          {route.name === 'account' ? <AccountPage key={route.page} route={route} search={search} /> : null}
          {route.name === 'learner' ? <LearnerPage /> : null}
          {route.name === 'profile' ? <ProfilePage /> : null}
          {route.name === 'credential' ? <CredentialPage key={route.id} id={route.id} /> : null}
          {route.name === 'collection' ? <CollectionPage key={route.id} id={route.id} /> : null}
          {route.name === 'manage' ? (
            <ManagePage
              key={route.slug}
              slug={route.slug}
              section={route.section}
              code={route.code}
              search={search}
            />
          ) : null}
          {route.name === 'not-found' ? <NotFoundPage /> : null}
        </div>
      </main>
      <SiteFooter />
    </>
  );
}
