import { useEffect, useId, useRef, useState, type FocusEvent } from 'react';
import { useI18n } from '../i18n/language.tsx';
import {
  Link,
  LEARNER_PATH,
  PROFILE_PATH,
  managePath,
  navigate,
  signInPath,
  useLocation,
} from '../router.tsx';
import { useSession } from '../session.tsx';
import { staffSlugs } from '../staff-areas.ts';
import { institutionName, usePublicInstitutions } from '../use-institutions.ts';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '';
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '';
  return (first + last).toLocaleUpperCase();
}

/**
 * "Aanmelden" for visitors; for people who are signed in, their name opens a small menu with their
 * learning, their own details, the staff area of each institution where they hold a role, and signing out.
 */
export function AccountMenu() {
  const { t, lang } = useI18n();
  const { state, signOut } = useSession();
  const { pathname, search } = useLocation();
  const institutions = usePublicInstitutions();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [failed, setFailed] = useState(false);
  const wrapper = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    setOpen(false);
  }, [pathname]);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (event.target instanceof Node && !wrapper.current?.contains(event.target)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  if (state.status === 'loading') return <div className="account-menu account-menu--pending" />;

  if (state.status !== 'signed-in') {
    const here = pathname + search;
    const next = pathname.startsWith('/account/') || pathname === '/' ? undefined : here;
    return (
      <div className="account-menu">
        <Link
          to={signInPath(next)}
          className="site-nav__link account-menu__sign-in"
          aria-current={pathname === '/account/sign-in' ? 'page' : undefined}
        >
          {t.layout.signIn}
        </Link>
      </div>
    );
  }

  const { user, memberships } = state.session;
  const leave = (event: FocusEvent<HTMLDivElement>) => {
    if (event.relatedTarget instanceof Node && !event.currentTarget.contains(event.relatedTarget)) {
      setOpen(false);
    }
  };
  const doSignOut = () => {
    setFailed(false);
    signOut().then(
      () => {
        setOpen(false);
        if (pathname === '/') document.getElementById('main')?.focus();
        else navigate('/');
      },
      () => setFailed(true),
    );
  };

  return (
    <div className="account-menu" ref={wrapper} onBlur={leave}>
      <button
        ref={button}
        type="button"
        className="account-menu__button"
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        onClick={() => setOpen((value) => !value)}
      >
        <span className="account-menu__initials" aria-hidden="true">
          {initials(user.name)}
        </span>
        <span className="account-menu__name">{user.name}</span>
        <span className="account-menu__chevron" aria-hidden="true" />
      </button>
      <div id={`${id}-panel`} className="account-menu__panel" hidden={!open}>
        <p className="account-menu__who">
          {t.layout.signedInAs}
          <br />
          <strong className="break">{user.email}</strong>
        </p>
        <nav aria-label={t.layout.accountMenu}>
          <ul className="account-menu__list">
            <li>
              <Link
                to={LEARNER_PATH}
                className="account-menu__link"
                aria-current={pathname === LEARNER_PATH ? 'page' : undefined}
              >
                {t.layout.myLearning}
              </Link>
            </li>
            <li>
              <Link
                to={PROFILE_PATH}
                className="account-menu__link"
                aria-current={pathname === PROFILE_PATH ? 'page' : undefined}
              >
                {t.profile.menuLink}
              </Link>
            </li>
            {staffSlugs(memberships).map((slug) => (
              <li key={slug}>
                <Link
                  to={managePath(slug)}
                  className="account-menu__link"
                  aria-current={pathname.startsWith(managePath(slug)) ? 'page' : undefined}
                >
                  {t.layout.manageInstitution(institutionName(institutions, slug, lang))}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <button type="button" className="account-menu__sign-out" onClick={doSignOut}>
          {t.layout.signOut}
        </button>
        {failed ? (
          <p className="account-menu__error" role="alert">
            {t.layout.signOutFailed}
          </p>
        ) : null}
      </div>
    </div>
  );
}
