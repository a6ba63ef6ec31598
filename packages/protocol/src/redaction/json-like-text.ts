import type { RedactionContext } from './context.js';
import { childPath } from './json-path.js';
import { redactText } from './redact-text.js';

// A "key": value pair; the string value may run to the end of the text when the body was cut off.
const PAIR = /"((?:[^"\\\n]|\\.){1,200})"\s*:\s*("(?:[^"\\]|\\.)*(?:"|$)|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;

/**
 * Masks the values of sensitive keys in text that looks like JSON but does not parse, which is what
 * a size-capped JSON body usually is. Values that are objects are not followed; value patterns
 * still run over the whole text afterwards.
 */
export function redactJsonLikeText(context: RedactionContext, text: string, path: string): string {
  if (!text.includes('"')) return text;
  return text.replace(PAIR, (match: string, rawKey: string, rawValue: string) => {
    const key = unescapeJson(rawKey);
    const rule = context.rules.matchKey(key);
    if (!rule) return match;
    const quoted = rawValue.startsWith('"');
    const closed = quoted && rawValue.length > 1 && rawValue.endsWith('"');
    const secret = quoted ? unescapeJson(rawValue.slice(1, closed ? -1 : undefined)) : rawValue;
    const masked = context.maskKnown(secret, childPath(path, key), rule);
    if (masked === secret) return match;
    return `${match.slice(0, match.length - rawValue.length)}"${masked}"`;
  });
}

function unescapeJson(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

/**
 * Masks free text such as error messages and stacks, which often quote a JSON payload:
 * sensitive `"key": value` pairs first, then value patterns.
 */
export function redactProse(context: RedactionContext, text: string, path: string): string {
  return redactText(context, redactJsonLikeText(context, text, path), path);
}
