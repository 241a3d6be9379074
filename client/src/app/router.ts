import { useSyncExternalStore } from 'react';

/**
 * The areas that own every address under their prefix and read the rest themselves:
 * `/designer/…` (questionnaire designer), `/cycles/…` (the secretariat's desk), `/analysis/…`,
 * `/portal/…` (public, no sign-in).
 */
export const areas = {
  designer: 'designer',
  cycles: 'desk',
  analysis: 'analysis',
  portal: 'portal',
} as const;
export type AreaName = (typeof areas)[keyof typeof areas];

export type Route =
  | { name: 'sign-in'; next: string | null }
  | { name: 'reports' }
  | { name: 'report'; id: number; section: string | null }
  | { name: 'reset-password' }
  | { name: 'accept-invitation' }
  | { name: AreaName; path: string[]; query: URLSearchParams }
  | { name: 'not-found' };

/** The routes anyone may see without signing in. */
export function isPublicRoute(route: Route): boolean {
  return (
    route.name === 'sign-in' ||
    route.name === 'portal' ||
    route.name === 'reset-password' ||
    route.name === 'accept-invitation'
  );
}

/** Reads the route from a location's path and query. */
export function parseRoute(pathname: string, search: string): Route {
  const query = new URLSearchParams(search);
  if (pathname === '/' || pathname === '/reports') return { name: 'reports' };
  if (pathname === '/sign-in') return { name: 'sign-in', next: query.get('next') };
  const report = /^\/reports\/(\d+)\/?$/.exec(pathname);
  if (report) return { name: 'report', id: Number(report[1]), section: query.get('section') };
  if (pathname === '/reset-password') return { name: 'reset-password' };
  if (pathname === '/accept-invitation') return { name: 'accept-invitation' };
  const [prefix, ...path] = pathname.split('/').filter((part) => part !== '');
  if (prefix !== undefined && Object.hasOwn(areas, prefix))
    return { name: areas[prefix as keyof typeof areas], path: path.map(decodePart), query };
  return { name: 'not-found' };
}

function decodePart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

const listeners = new Set<() => void>();
let current = '';
let route: Route = { name: 'not-found' };

function snapshot(): Route {
  const here = window.location.pathname + window.location.search;
  if (here !== current) {
    current = here;
    route = parseRoute(window.location.pathname, window.location.search);
  }
  return route;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

/** Goes to `path` in the application without reloading the page (`replace` keeps the history length). */
export function navigate(path: string, replace = false): void {
  if (replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  for (const listener of listeners) listener();
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, snapshot);
}
