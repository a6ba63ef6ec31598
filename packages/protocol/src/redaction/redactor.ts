import { compileRules } from './compile-rules.js';
import { createContext } from './context.js';
import { redactBody } from './redact-body.js';
import { redactHeaders } from './redact-headers.js';
import { redactText } from './redact-text.js';
import { redactUrl } from './redact-url.js';
import { redactEncoded } from './redact-value.js';
import type { RedactionConfig, Redactor, Tokenizer } from './types.js';

/**
 * Creates a redactor with the default rules plus `config`, for code that redacts data outside a
 * whole package (snapshots taken by dynamic tracing, log lines). Throws a `SyntaxError` naming the
 * pattern when an extra pattern does not compile.
 *
 * @example
 * const redactor = createRedactor({ extraKeys: ['promo_code'] }, (secret) => hmac(key, secret));
 * const locals = redactor.redactValue(encodeValue(frameLocals), 'snapshot.locals');
 * send({ locals, redactions: redactor.redactions });
 */
export function createRedactor(config: RedactionConfig | undefined, tokenize: Tokenizer): Redactor {
  const context = createContext(compileRules(config), tokenize);
  return {
    redactions: context.redactions,
    redactValue: (value, path) => redactEncoded(context, value, path, true),
    redactHeaders: (headers, path) => redactHeaders(context, headers, path),
    redactText: (text, path) => redactText(context, text, path),
    redactUrl: (url, path) => redactUrl(context, url, path),
    redactBody: (body, path, contentType) => redactBody(context, body, path, contentType),
  };
}
