import { useSyncExternalStore } from 'react';

export type Route =
  | { name: 'sign-in'; next: string | null }
  | { name: 'reports' }
  | { name: 'report'; id: number; section: string | null }
  | { name: 'not-found' };

/** Reads the route from a location's path and query. */
export function parseRoute(pathname: string, search: string): Route {
  const query = new URLSearchParams(search);
  if (pathname === '/' || pathname === '/reports') return { name: 'reports' };
  if (pathname === '/sign-in') return { name: 'sign-in', next: query.get('next') };
  const report = /^\/reports\/(\d+)\/?$/.exec(pathname);
  if (report) return { name: 'report', id: Number(report[1]), section: query.get('section') };
  return { name: 'not-found' };
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
