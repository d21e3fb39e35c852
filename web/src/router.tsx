import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/** The parts of the staff area of one institution. */
export type ManageSection =
  | 'overview'
  | 'micro-credentials'
  | 'micro-credential-new'
  | 'micro-credential'
  | 'quality'
  | 'editions'
  | 'enrolments'
  | 'results'
  | 'awarding'
  | 'members'
  | 'api-tokens'
  | 'outbox'
  | 'audit';

export type AccountPage =
  'sign-up' | 'sign-in' | 'verify-email' | 'forgot-password' | 'reset-password' | 'invitation';

export type Route =
  | { name: 'catalogue' }
  | { name: 'detail'; slug: string; code: string }
  | { name: 'verify' }
  | { name: 'account'; page: AccountPage }
  | { name: 'learner' }
  | { name: 'profile' }
  | { name: 'credential'; id: string }
  | { name: 'collection'; id: string }
  | { name: 'manage'; slug: string; section: ManageSection; code?: string }
  | { name: 'not-found' };

export interface CurrentLocation {
  pathname: string;
  search: string;
}

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

function snapshot(): string {
  return window.location.pathname + window.location.search;
}

/** Goes to a page of this application without reloading it. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  for (const listener of listeners) listener();
}

export function useLocation(): CurrentLocation {
  const current = useSyncExternalStore(subscribe, snapshot);
  const queryAt = current.indexOf('?');
  return queryAt === -1
    ? { pathname: current, search: '' }
    : { pathname: current.slice(0, queryAt), search: current.slice(queryAt) };
}

export function detailPath(slug: string, code: string): string {
  return `/micro-credentials/${encodeURIComponent(slug)}/${encodeURIComponent(code)}`;
}

/** The verification page; with a link, the page verifies the credential behind it as it opens. */
export function verifyPath(link?: string): string {
  return link ? `/verify?url=${encodeURIComponent(link)}` : '/verify';
}

const ACCOUNT_PATHS: Readonly<Record<AccountPage, string>> = {
  'sign-up': '/account/sign-up',
  'sign-in': '/account/sign-in',
  'verify-email': '/account/verify',
  'forgot-password': '/account/forgot',
  'reset-password': '/account/reset',
  invitation: '/account/invitation',
};

export function accountPath(page: AccountPage): string {
  return ACCOUNT_PATHS[page];
}

/** Only addresses inside this application are followed after signing in. */
export function safeNext(next: string | null | undefined): string | undefined {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return undefined;
  return next;
}

/** The sign-in page; after signing in, it continues to `next` (a path of this application). */
export function signInPath(next?: string): string {
  const safe = safeNext(next);
  return safe ? `${ACCOUNT_PATHS['sign-in']}?next=${encodeURIComponent(safe)}` : ACCOUNT_PATHS['sign-in'];
}

export const LEARNER_PATH = '/me';
export const PROFILE_PATH = '/me/profile';

/** A credential's page: the path of its `id` on this platform. */
export function credentialPath(id: string): string {
  return `/credentials/${encodeURIComponent(id)}`;
}

/** A collection's public page. */
export function collectionPath(publicId: string): string {
  return `/collections/${encodeURIComponent(publicId)}`;
}

const SECTION_PATHS: Readonly<Record<Exclude<ManageSection, 'micro-credential'>, string>> = {
  overview: '',
  'micro-credentials': '/micro-credentials',
  'micro-credential-new': '/micro-credentials/new',
  quality: '/quality',
  editions: '/editions',
  enrolments: '/enrolments',
  results: '/results',
  awarding: '/awarding',
  members: '/admin',
  'api-tokens': '/admin/api-tokens',
  outbox: '/admin/outbox',
  audit: '/admin/audit',
};

/** A page of the staff area of an institution; `code` names the micro-credential for the editor. */
export function managePath(slug: string, section: ManageSection = 'overview', code?: string): string {
  const root = `/manage/${encodeURIComponent(slug)}`;
  if (section === 'micro-credential') return `${root}/micro-credentials/${encodeURIComponent(code ?? '')}`;
  return root + SECTION_PATHS[section];
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { name: 'catalogue' };
  if (path === '/verify') return { name: 'verify' };
  if (path === LEARNER_PATH) return { name: 'learner' };
  if (path === PROFILE_PATH) return { name: 'profile' };
  const shown = /^\/(credentials|collections)\/([^/]+)$/.exec(path);
  const shownId = shown?.[2] ? decode(shown[2]) : undefined;
  if (shown && shownId)
    return { name: shown[1] === 'credentials' ? 'credential' : 'collection', id: shownId };
  for (const [page, accountPagePath] of Object.entries(ACCOUNT_PATHS)) {
    if (path === accountPagePath) return { name: 'account', page: page as AccountPage };
  }
  const manage = /^\/manage\/([^/]+)(\/.*)?$/.exec(path);
  if (manage?.[1]) {
    const slug = decode(manage[1]);
    if (!slug) return { name: 'not-found' };
    const rest = manage[2] ?? '';
    for (const [section, sectionPath] of Object.entries(SECTION_PATHS)) {
      if (rest === sectionPath) return { name: 'manage', slug, section: section as ManageSection };
    }
    const editor = /^\/micro-credentials\/([^/]+)$/.exec(rest);
    const code = editor?.[1] ? decode(editor[1]) : undefined;
    if (code) return { name: 'manage', slug, section: 'micro-credential', code };
    return { name: 'not-found' };
  }
  const detail = /^\/micro-credentials\/([^/]+)\/([^/]+)$/.exec(path);
  if (detail?.[1] && detail[2]) {
    const slug = decode(detail[1]);
    const code = decode(detail[2]);
    if (slug && code) return { name: 'detail', slug, code };
  }
  return { name: 'not-found' };
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

/** An anchor that navigates inside the application; modified clicks (new tab, download) work as usual. */
export function Link({ to, onClick, target, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey ||
      (target !== undefined && target !== '_self')
    ) {
      return;
    }
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} target={target} onClick={handleClick} {...rest} />;
}
