/**
 * Where the read token lives: `flashback serve` prints `http://…/#token=<token>`; the app moves the
 * token into localStorage and takes it out of the address bar, so it does not linger in history
 * or get copied along with a link.
 */
const STORAGE_KEY = 'flashback.readToken';
const FRAGMENT = /^#token=([^&]+)/;

/** Takes a token out of the URL fragment, if there is one, and keeps it. */
export function adoptTokenFromFragment(): void {
  const match = FRAGMENT.exec(window.location.hash);
  if (!match?.[1]) return;
  saveToken(decodeURIComponent(match[1]));
  window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/`);
  // replaceState fires no event: tell the router the address moved on.
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

export function storedToken(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function saveToken(token: string): void {
  window.localStorage.setItem(STORAGE_KEY, token.trim());
}

export function forgetToken(): void {
  window.localStorage.removeItem(STORAGE_KEY);
}
