import type { RedactionContext } from './context.js';
import { childPath } from './json-path.js';
import { redactText } from './redact-text.js';

/**
 * Masks a URL (absolute, or path and query as a server receives it): query and fragment parameters
 * by name, value patterns everywhere (credentials in `scheme://user:password@host`, tokens in
 * paths). The path of a parameter continues with its name: `trigger.url.access_token`.
 */
export function redactUrl(context: RedactionContext, url: string, path: string): string {
  const hashAt = url.indexOf('#');
  const beforeHash = hashAt >= 0 ? url.slice(0, hashAt) : url;
  const fragment = hashAt >= 0 ? url.slice(hashAt + 1) : undefined;
  const queryAt = beforeHash.indexOf('?');
  const base = queryAt >= 0 ? beforeHash.slice(0, queryAt) : beforeHash;
  const query = queryAt >= 0 ? beforeHash.slice(queryAt + 1) : undefined;

  let out = redactText(context, base, path);
  if (query !== undefined) out += `?${redactParams(context, query, path)}`;
  if (fragment !== undefined) {
    // OAuth's implicit flow puts tokens in the fragment as parameters.
    out += `#${fragment.includes('=') ? redactParams(context, fragment, path) : redactText(context, fragment, path)}`;
  }
  return out;
}

/**
 * Masks `name=value&…` text (a query string or a form body) by parameter name, and value patterns
 * in the values. Parameters that need no change keep their exact encoding.
 */
export function redactParams(context: RedactionContext, text: string, path: string): string {
  return text
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      if (equals < 0) return redactText(context, pair, path);
      const rawName = pair.slice(0, equals);
      const rawValue = pair.slice(equals + 1);
      const name = decodeComponent(rawName);
      const value = decodeComponent(rawValue);
      const valuePath = childPath(path, name);
      const rule = context.rules.matchKey(name);
      const masked = rule ? context.maskKnown(value, valuePath, rule) : redactText(context, value, valuePath);
      return masked === value ? pair : `${rawName}=${encodeComponent(masked)}`;
    })
    .join('&');
}

function decodeComponent(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

// Brackets and colons are legal in query values; keeping them makes tokens readable in URLs.
function encodeComponent(value: string): string {
  return encodeURIComponent(value).replace(/%5B/g, '[').replace(/%5D/g, ']').replace(/%3A/g, ':');
}
