import type { CompiledPattern } from './compile-rules.js';
import type { RedactionContext } from './context.js';
import { TOKEN_PATTERN } from './token.js';

export interface ScanResult {
  text: string;
  /** Labels of the rules that masked something, each once. */
  rules: string[];
}

/**
 * Masks what the value patterns (and, on a second pass, the secrets already found elsewhere in the
 * package) find in `text`, without recording anything: callers record at the path they know.
 */
export function scanText(context: RedactionContext, text: string): ScanResult {
  const rules: string[] = [];
  if (text === '') return { text, rules };
  let out = text;
  for (const pattern of context.rules.patterns) {
    out = outsideTokens(out, (segment) => applyPattern(context, segment, pattern, rules));
  }
  const known = context.known;
  if (known) {
    out = outsideTokens(out, (segment) =>
      segment.replace(known.regex, (secret) => {
        addOnce(rules, known.rules.get(secret) ?? 'known-secret');
        return context.token(secret);
      }),
    );
  }
  return { text: out, rules };
}

/** Masks what the value patterns find in `text` and records it at `path`. */
export function redactText(context: RedactionContext, text: string, path: string): string {
  const result = scanText(context, text);
  for (const rule of result.rules) context.record(path, rule);
  return result.text;
}

// Tokens already in the text are never matched again, so redacting twice changes nothing and a
// user pattern cannot eat into a token.
function outsideTokens(text: string, transform: (segment: string) => string): string {
  if (!text.includes('[redacted:')) return transform(text);
  let out = '';
  let last = 0;
  for (const match of text.matchAll(TOKEN_PATTERN)) {
    out += transform(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + transform(text.slice(last));
}

function applyPattern(
  context: RedactionContext,
  text: string,
  pattern: CompiledPattern,
  rules: string[],
): string {
  let out = '';
  let last = 0;
  // exec on the shared regex rather than matchAll, which clones it per call; nothing here re-enters.
  const regex = pattern.regex;
  regex.lastIndex = 0;
  for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
    if (match[0] === '') regex.lastIndex++;
    const range = secretRange(match);
    if (!range || range[1] <= range[0] || range[0] < last) continue;
    const secret = text.slice(range[0], range[1]);
    if (pattern.check && !pattern.check(secret)) continue;
    out += text.slice(last, range[0]) + context.token(secret);
    last = range[1];
    addOnce(rules, pattern.label);
  }
  return last === 0 ? text : out + text.slice(last);
}

function secretRange(match: RegExpExecArray): [number, number] | undefined {
  const groups = match.indices?.groups;
  if (groups && 'secret' in groups) return groups.secret;
  return [match.index, match.index + match[0].length];
}

function addOnce(list: string[], item: string): void {
  if (!list.includes(item)) list.push(item);
}
