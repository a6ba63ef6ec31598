import type { ErrorInfo, ErrorPackage, Redaction, Trigger } from '../types.js';
import { compileRules } from './compile-rules.js';
import { createContext, type RedactionContext } from './context.js';
import { redactProse } from './json-like-text.js';
import { childPath } from './json-path.js';
import { redactBody } from './redact-body.js';
import { redactEvent } from './redact-events.js';
import { redactHeaders } from './redact-headers.js';
import { redactUrl } from './redact-url.js';
import { redactEncoded } from './redact-value.js';
import type { RedactionConfig, Tokenizer } from './types.js';

export interface RedactPackageOptions {
  tokenize: Tokenizer;
  config?: RedactionConfig;
}

/**
 * Returns a redacted deep copy of `pkg`: every secret the rules find is replaced by
 * `[redacted:<12 hex>]` derived from `tokenize(secret)`, so equal secrets get equal tokens across
 * the package, and `redactions` lists each masked path with its rule, never the value. Identifiers,
 * timings, seq numbers, statements and the fingerprint are left alone.
 *
 * Secrets that key or header rules found (8 characters or more) are also masked wherever else they
 * occur in the package's text, such as a password echoed in an error message.
 *
 * @example
 * const safe = redactPackage(pkg, { tokenize: (s) => createHmac('sha256', key).update(s).digest('hex') });
 */
export function redactPackage(pkg: ErrorPackage, options: RedactPackageOptions): ErrorPackage {
  const rules = compileRules(options.config);
  const tokens = new Map<string, string>();
  const copy = JSON.parse(JSON.stringify(pkg)) as ErrorPackage;
  const first = createContext(rules, options.tokenize, { tokens });
  let out = redactAll(first, copy);
  const redactions = [...pkg.redactions, ...first.redactions];
  if (first.found.size > 0) {
    const second = createContext(rules, options.tokenize, { tokens, known: first.found });
    out = redactAll(second, out);
    redactions.push(...second.redactions);
  }
  return { ...out, redactions: dedupe(redactions) };
}

function redactAll(context: RedactionContext, pkg: ErrorPackage): ErrorPackage {
  return {
    ...pkg,
    runtime: {
      ...pkg.runtime,
      env: redactEncoded(context, pkg.runtime.env, 'runtime.env', true) as Record<string, string>,
    },
    trigger: pkg.trigger && redactTrigger(context, pkg.trigger),
    error: redactError(context, pkg.error, 'error'),
    timeline: pkg.timeline.map((event, index) => redactEvent(context, event, childPath('timeline', index))),
  };
}

function redactTrigger(context: RedactionContext, trigger: Trigger): Trigger {
  if (trigger.kind === 'job') {
    if (trigger.payload === undefined) return trigger;
    return { ...trigger, payload: redactEncoded(context, trigger.payload, 'trigger.payload', true) };
  }
  const out = {
    ...trigger,
    url: redactUrl(context, trigger.url, 'trigger.url'),
    headers: redactHeaders(context, trigger.headers, 'trigger.headers'),
  };
  if (trigger.body) {
    const contentType = trigger.headers['content-type'];
    const type = Array.isArray(contentType) ? contentType[0] : contentType;
    out.body = redactBody(context, trigger.body, 'trigger.body', type);
  }
  return out;
}

function redactError(context: RedactionContext, error: ErrorInfo, path: string): ErrorInfo {
  const framesPath = childPath(path, 'frames');
  const out: ErrorInfo = {
    ...error,
    message: redactProse(context, error.message, childPath(path, 'message')),
    frames: error.frames.map((frame, index) => {
      if (!frame.locals) return frame;
      const localsPath = childPath(childPath(framesPath, index), 'locals');
      return {
        ...frame,
        locals: redactEncoded(context, frame.locals, localsPath, true) as typeof frame.locals,
      };
    }),
  };
  if (error.stack !== undefined) out.stack = redactProse(context, error.stack, childPath(path, 'stack'));
  if (error.cause) out.cause = redactError(context, error.cause, childPath(path, 'cause'));
  return out;
}

function dedupe(redactions: Redaction[]): Redaction[] {
  const seen = new Set<string>();
  return redactions.filter((redaction) => {
    const id = `${redaction.rule}\u0000${redaction.path}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
