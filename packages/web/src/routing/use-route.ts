import { useEffect, useState } from 'react';
import { parseRoute, type Route } from './routes.js';

/** The route in the address bar, following every hash change. */
export function useRoute(): Route {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const follow = () => setHash(window.location.hash);
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return parseRoute(hash);
}

/** Moves to another route, e.g. after a filter changed, replacing the entry so Back skips keystrokes. */
export function replaceRoute(href: string): void {
  window.history.replaceState(null, '', href);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
