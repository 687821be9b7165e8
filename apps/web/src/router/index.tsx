/**
 * The app's router: the part of React Router's declarative API this app uses (BrowserRouter,
 * Routes/Route with nested `/*` routes, index routes and `:params`, Link, NavLink, Navigate,
 * useNavigate, useParams, useLocation, useSearchParams), in about 3 KB instead of React Router's
 * 14 KB gzipped, which a phone would fetch before the person's plan shows (issue 12, item 9).
 *
 * The build aliases `react-router` to this file (apps/web/vite.config.ts), so screens import from
 * 'react-router' as before and type-check against its types; router.spec.ts keeps the list of
 * names the app imports to the ones this file has. Matching follows React Router's ranking:
 * static segments before `:params` before `*`; an index route matches its parent's own address.
 */
import {
  Children,
  createContext,
  isValidElement,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useSyncExternalStore,
  type AnchorHTMLAttributes,
  type MouseEvent,
  type ReactElement,
  type ReactNode,
} from 'react';

export interface Location {
  pathname: string;
  search: string;
  hash: string;
  state: unknown;
  key: string;
}
type To = string | { pathname?: string; search?: string; hash?: string };
interface NavigateOptions {
  replace?: boolean;
  state?: unknown;
}

// ---- history: the browser's, with one snapshot per change for useSyncExternalStore
const listeners = new Set<() => void>();
let current: Location | null = null;
let keys = 0;
function read(): Location {
  if (!current) {
    const { pathname, search, hash } = window.location;
    const state = window.history.state as { usr?: unknown; key?: string } | null;
    current = { pathname, search, hash, state: state?.usr ?? null, key: state?.key ?? 'default' };
  }
  return current;
}
function changed(): void {
  current = null;
  listeners.forEach((l) => l());
}
function subscribe(listener: () => void): () => void {
  if (listeners.size === 0) window.addEventListener('popstate', changed);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('popstate', changed);
  };
}

function resolve(to: To, base: string): string {
  const from = read();
  if (typeof to !== 'string') {
    const pathname = to.pathname ?? from.pathname;
    return `${pathname}${to.search ?? (to.pathname ? '' : from.search)}${to.hash ?? ''}`;
  }
  if (to.startsWith('/')) return to;
  if (to.startsWith('?')) return `${from.pathname}${to}`;
  if (to.startsWith('#')) return `${from.pathname}${from.search}${to}`;
  // Relative to the route that renders the link.
  return `${base.replace(/\/$/, '')}/${to}`;
}

function go(href: string, { replace = false, state = null }: NavigateOptions = {}): void {
  const entry = { usr: state, key: (++keys).toString(36) };
  if (replace) window.history.replaceState(entry, '', href);
  else window.history.pushState(entry, '', href);
  changed();
}

// ---- route context: the part of the address matched so far, and its params
interface RouteContextValue {
  base: string;
  params: Record<string, string>;
}
const RouteContext = createContext<RouteContextValue>({ base: '/', params: {} });
const RouterContext = createContext(false);

export function BrowserRouter({ children }: { children?: ReactNode }) {
  return <RouterContext.Provider value={true}>{children}</RouterContext.Provider>;
}

export function useLocation(): Location {
  return useSyncExternalStore(subscribe, read, read);
}

export function useParams<T extends Record<string, string | undefined> = Record<string, string | undefined>>(): T {
  return useContext(RouteContext).params as T;
}

export function useNavigate(): (to: To | number, options?: NavigateOptions) => void {
  const { base } = useContext(RouteContext);
  return useCallback(
    (to: To | number, options?: NavigateOptions) => {
      if (typeof to === 'number') window.history.go(to);
      else go(resolve(to, base), options);
    },
    [base],
  );
}

export function Navigate({ to, replace, state }: { to: To; replace?: boolean; state?: unknown }) {
  const navigate = useNavigate();
  useEffect(() => navigate(to, { replace, state }));
  return null;
}

type SetSearchParams = (
  next: URLSearchParams | Record<string, string> | string | ((prev: URLSearchParams) => URLSearchParams | Record<string, string>),
  options?: NavigateOptions,
) => void;

export function useSearchParams(): [URLSearchParams, SetSearchParams] {
  const { search } = useLocation();
  const params = useMemo(() => new URLSearchParams(search), [search]);
  const set = useCallback<SetSearchParams>((next, options) => {
    const value = typeof next === 'function' ? next(new URLSearchParams(read().search)) : next;
    const query = new URLSearchParams(value as Record<string, string>).toString();
    go(`${read().pathname}${query ? `?${query}` : ''}`, options);
  }, []);
  return [params, set];
}

// ---- links
type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: To; replace?: boolean; state?: unknown };

function useLinkClick(href: string, props: LinkProps) {
  const { onClick, target, replace, state } = props;
  return (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.altKey || e.ctrlKey || e.shiftKey || (target && target !== '_self')) return;
    e.preventDefault();
    const here = read();
    // A link to where we are replaces the entry, as React Router does.
    const same = href === `${here.pathname}${here.search}${here.hash}`;
    go(href, { replace: replace ?? same, state });
  };
}

export function Link(props: LinkProps) {
  const { to, replace: _replace, state: _state, ...rest } = props;
  const { base } = useContext(RouteContext);
  useLocation(); // a link relative to the address follows it
  const href = resolve(to, base);
  const onClick = useLinkClick(href, props);
  return <a {...rest} href={href} onClick={onClick} />;
}

type NavLinkProps = Omit<LinkProps, 'className'> & {
  end?: boolean;
  className?: string | ((s: { isActive: boolean }) => string | undefined);
};

export function NavLink({ end = false, className, ...props }: NavLinkProps) {
  const { base } = useContext(RouteContext);
  const { pathname } = useLocation();
  const target = resolve(props.to, base).split(/[?#]/)[0].replace(/\/$/, '') || '/';
  const isActive = pathname === target || (!end && pathname.startsWith(target === '/' ? '/' : `${target}/`));
  const classes =
    typeof className === 'function' ? className({ isActive }) : [className, isActive ? 'active' : ''].filter(Boolean).join(' ');
  return <Link {...props} className={classes || undefined} aria-current={isActive ? 'page' : undefined} />;
}

// ---- routes
interface RouteProps {
  path?: string;
  index?: boolean;
  element?: ReactNode;
}
/** Only a carrier of its props: <Routes> reads them. */
export function Route(_props: RouteProps): ReactElement | null {
  return null;
}

interface Match {
  score: number;
  params: Record<string, string>;
  base: string;
}

const segmentsOf = (path: string) => path.split('/').filter(Boolean);
const decode = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

/** Matches a route's pattern against the address below the parent's base; null when it does not. */
function matchRoute(route: RouteProps, rest: string[], base: string): Match | null {
  if (route.index) return rest.length === 0 ? { score: 5, params: {}, base } : null;
  const pattern = segmentsOf(route.path ?? '');
  const params: Record<string, string> = {};
  let score = 0;
  for (let i = 0; i < pattern.length; i++) {
    const seg = pattern[i];
    if (seg === '*') {
      params['*'] = rest.slice(i).map(decode).join('/');
      return { score: score + 1 - (i === 0 ? 1 : 0), params, base: joinBase(base, rest.slice(0, i)) };
    }
    if (i >= rest.length) return null;
    if (seg.startsWith(':')) {
      params[seg.slice(1)] = decode(rest[i]);
      score += 3;
    } else if (seg.toLowerCase() === rest[i].toLowerCase()) score += 10;
    else return null;
  }
  if (rest.length !== pattern.length) return null;
  return { score: score + 2, params, base: joinBase(base, rest) };
}

const joinBase = (base: string, segments: string[]) => `${base.replace(/\/$/, '')}/${segments.join('/')}`.replace(/\/$/, '') || '/';

export function Routes({ children }: { children?: ReactNode }) {
  const parent = useContext(RouteContext);
  const { pathname } = useLocation();
  const below = segmentsOf(pathname).slice(segmentsOf(parent.base).length);
  let best: { route: RouteProps; match: Match } | null = null;
  Children.forEach(children, (child) => {
    if (!isValidElement<RouteProps>(child)) return;
    const match = matchRoute(child.props, below, parent.base);
    if (match && (!best || match.score > best.match.score)) best = { route: child.props, match };
  });
  const found = best as { route: RouteProps; match: Match } | null;
  if (!found) return null;
  const value = { base: found.match.base, params: { ...parent.params, ...found.match.params } };
  return <RouteContext.Provider value={value}>{found.route.element}</RouteContext.Provider>;
}
