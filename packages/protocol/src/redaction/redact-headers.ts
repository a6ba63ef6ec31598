import type { RedactionContext } from './context.js';
import { childPath } from './json-path.js';
import { redactText } from './redact-text.js';
import { redactUrl } from './redact-url.js';
import type { HeaderRule } from './rules.js';
import type { Headers } from './types.js';

// Headers whose value is a URL, where OAuth codes and signed-URL signatures travel as parameters.
const URL_HEADERS = new Set(['location', 'content-location', 'referer', 'origin']);

/**
 * Masks header values: whole (or credential only) for listed headers, whole for names matching a
 * key rule (`x-session-token`), value patterns for the rest.
 */
export function redactHeaders(context: RedactionContext, headers: Headers, path: string): Headers {
  const out: Headers = {};
  for (const [name, value] of Object.entries(headers)) {
    const headerPath = childPath(path, name);
    out[name] = Array.isArray(value)
      ? value.map((item, index) => redactHeaderValue(context, name, item, childPath(headerPath, index)))
      : redactHeaderValue(context, name, value, headerPath);
  }
  return out;
}

function redactHeaderValue(context: RedactionContext, name: string, value: string, path: string): string {
  const lower = name.toLowerCase();
  const rule = context.rules.headers.get(lower);
  if (rule) return maskListed(context, rule, value, path);
  const keyRule = context.rules.matchKey(lower);
  if (keyRule) return context.maskKnown(value, path, keyRule);
  if (URL_HEADERS.has(lower)) return redactUrl(context, value, path);
  return redactText(context, value, path);
}

function maskListed(context: RedactionContext, rule: HeaderRule, value: string, path: string): string {
  const label = `header:${rule.name}`;
  switch (rule.keep) {
    case 'scheme': {
      const match = /^([A-Za-z][\w!#$%&'*+.^`|~-]*)(\s+)(\S[\s\S]*)$/.exec(value);
      if (!match) return context.maskKnown(value, path, label);
      const [, scheme = '', space = '', credentials = ''] = match;
      return `${scheme}${space}${context.maskKnown(credentials, path, label)}`;
    }
    case 'cookie-names':
      return value
        .split(';')
        .map((part) => maskCookiePair(context, part, path, label))
        .join(';');
    case 'cookie-attributes': {
      const semicolon = value.indexOf(';');
      if (semicolon < 0) return maskCookiePair(context, value, path, label);
      return maskCookiePair(context, value.slice(0, semicolon), path, label) + value.slice(semicolon);
    }
    default:
      return context.maskKnown(value, path, label);
  }
}

// Keeps the cookie name: which cookies a request carried often matters to the bug.
function maskCookiePair(context: RedactionContext, part: string, path: string, label: string): string {
  const equals = part.indexOf('=');
  if (equals < 0) return part.trim() === '' ? part : context.maskKnown(part, path, label);
  return `${part.slice(0, equals + 1)}${context.maskKnown(part.slice(equals + 1), path, label)}`;
}
