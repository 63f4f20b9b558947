import { createRoot, createSignal, splitProps, type JSX } from 'solid-js';

/*
 * A small history router: the location as a signal, navigate(), and <Link> for
 * in-app anchors (plain clicks stay in the app; modified clicks open as usual).
 */

function currentLocation() {
  if (typeof window === 'undefined') return { pathname: '/', search: '', hash: '' };
  const { pathname, search, hash } = window.location;
  return { pathname, search, hash };
}

const [location, setLocation] = createRoot(() => createSignal(currentLocation()));
export { location };

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => setLocation(currentLocation()));
}

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (opts.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  setLocation(currentLocation());
  if (!to.includes('#')) window.scrollTo?.(0, 0);
}

export type Route =
  | { name: 'start' }
  | { name: 'login' }
  | { name: 'setup' }
  | { name: 'invite'; token: string }
  | { name: 'document'; id: string }
  | { name: 'redovisning'; id: string }
  | { name: 'meeting'; id: string }
  | { name: 'admin' }
  | { name: 'notFound' };

export function matchRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  const [head, arg, ...rest] = parts;
  if (parts.length === 0) return { name: 'start' };
  if (head === 'documents' && arg && rest.length === 1 && rest[0] === 'redovisning') return { name: 'redovisning', id: arg };
  if (rest.length > 0) return { name: 'notFound' };
  if (head === 'login' && !arg) return { name: 'login' };
  if (head === 'setup' && !arg) return { name: 'setup' };
  if (head === 'admin' && !arg) return { name: 'admin' };
  if (head === 'invite' && arg) return { name: 'invite', token: arg };
  if (head === 'documents' && arg) return { name: 'document', id: arg };
  if (head === 'meetings' && arg) return { name: 'meeting', id: arg };
  return { name: 'notFound' };
}

export function documentPath(id: string): string {
  return `/documents/${encodeURIComponent(id)}`;
}

type LinkProps = JSX.AnchorHTMLAttributes<HTMLAnchorElement> & { href: string };

export function Link(props: LinkProps) {
  const [local, others] = splitProps(props, ['href', 'onClick']);
  return (
    <a
      {...others}
      href={local.href}
      onClick={(e) => {
        if (typeof local.onClick === 'function') (local.onClick as (ev: MouseEvent) => void)(e);
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        if (others.target && others.target !== '_self') return;
        e.preventDefault();
        navigate(local.href);
      }}
    />
  );
}
