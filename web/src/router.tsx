import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

export type Route =
  | { name: 'catalogue' }
  | { name: 'detail'; slug: string; code: string }
  | { name: 'verify' }
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
