/**
 * The start of the text JSON.parse refused, as V8 quotes it in its SyntaxError, so the text can be
 * traced to the body it came from (the request's, or an upstream's HTML error page).
 */

// Node ≥ 20: Unexpected token '<', "<html><bod"... is not valid JSON
const QUOTED = /"((?:[^"\\]|\\.){1,40})"(?:\.\.\.)? is not valid JSON/;
// Older V8: Unexpected token < in JSON at position 0
const TOKEN = /unexpected token '?(.)'?,? (?:in json|")/i;

/**
 * Whether a JSON SyntaxError message points at `text`: its quoted snippet starts `text`, or (older
 * messages) its unexpected token is `text`'s first character. Undefined when the message says
 * nothing about the text it refused.
 */
export function syntaxErrorQuotes(message: string, text: string): boolean | undefined {
  const start = text.trimStart();
  const snippet = QUOTED.exec(message)?.[1];
  if (snippet !== undefined) return start.startsWith(snippet.replace(/\\(.)/g, '$1'));
  const token = TOKEN.exec(message)?.[1];
  return token === undefined ? undefined : start[0] === token;
}
