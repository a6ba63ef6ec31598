/**
 * Whether a failed IO event plausibly caused the error. Two independent signs: the event is the IO
 * that settled last before the throw, or the error (any link of its cause chain) mentions it — its
 * message, its code, its status, the upstream's reason, or the first bytes of the body the code
 * choked on. A failure the app recovered from (a later success on the same endpoint) caused nothing.
 */
import { bodyText } from './body-text.js';
import { syntaxErrorQuotes } from './json-snippet.js';
import type { IoEvent, PackageContext } from './package-context.js';

export interface ErrorLink {
  /** The event is the last IO before the throw. */
  closing: boolean;
  /** The error chain names the event. */
  mentioned: boolean;
}

const MIN_TEXT_NEEDLE = 8;
const MIN_CODE_NEEDLE = 3;

/**
 * How `event` relates to the error, or undefined when it does not. `needles` are extra strings that
 * count as a mention (an upstream's reason or error code, an S3 key).
 */
export function linkToError(
  ctx: PackageContext,
  event: IoEvent,
  needles: readonly (string | undefined)[] = [],
): ErrorLink | undefined {
  const closing = ctx.closing === event;
  const mentioned = mentions(ctx, event, needles);
  return closing || mentioned ? { closing, mentioned } : undefined;
}

/** A rule's confidence for a link: `top` when both signs hold, a little less for one alone. */
export function linkConfidence(link: ErrorLink, top: number): number {
  if (link.closing && link.mentioned) return top;
  return roundConfidence(link.closing ? top - 0.1 : top - 0.15);
}

/** Two decimals: confidences are compared and shown, and 0.8200000000000001 helps neither. */
export function roundConfidence(value: number): number {
  return Math.round(value * 100) / 100;
}

function mentions(ctx: PackageContext, event: IoEvent, needles: readonly (string | undefined)[]): boolean {
  const text = ctx.errorText;
  const has = (needle: string | undefined, min: number) =>
    needle !== undefined && needle.length >= min && text.includes(needle.toLowerCase());
  if (has(event.error?.message, MIN_TEXT_NEEDLE) || has(event.error?.code, MIN_CODE_NEEDLE)) return true;
  for (const needle of needles) if (has(needle, MIN_CODE_NEEDLE)) return true;
  if (event.type !== 'http') return false;
  if (event.status !== undefined && event.status >= 400 && containsNumber(text, event.status)) return true;
  return quotesBody(ctx, bodyText(event.responseBody));
}

/** Whether a JSON SyntaxError in the chain quotes the start of `body`. */
function quotesBody(ctx: PackageContext, body: string | undefined): boolean {
  if (!body) return false;
  return ctx.errors.some(
    (error) => error.type === 'SyntaxError' && syntaxErrorQuotes(error.message, body) === true,
  );
}

function containsNumber(text: string, n: number): boolean {
  const needle = String(n);
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    const before = text.charCodeAt(at - 1);
    const after = text.charCodeAt(at + needle.length);
    if (!isDigit(before) && !isDigit(after)) return true;
  }
  return false;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** What "the same call" means for recovery and retries: method and URL without query, a command and its key, a statement. */
export function endpointKey(event: IoEvent): string {
  switch (event.type) {
    case 'http': {
      const query = event.url.indexOf('?');
      return `http ${event.method} ${query >= 0 ? event.url.slice(0, query) : event.url}`;
    }
    case 'redis':
      return `redis ${event.command} ${String(event.args[0] ?? '')}`;
    case 'db':
      return `db ${event.database} ${event.statement}`;
  }
}

/**
 * Whether the app got past `event`: a later call to the same endpoint completed without failing in
 * the same way (`failed`). A retry that got an answer — even a 4xx after a 503 — is past the 503.
 */
export function recoveredLater(
  ctx: PackageContext,
  event: IoEvent,
  failed: (e: IoEvent) => boolean,
): boolean {
  const key = endpointKey(event);
  return ctx.io.some(
    (other) => other.seq > event.seq && answered(other, failed) && endpointKey(other) === key,
  );
}

/** Completed, with an answer, and not failed in the way that matters to the rule asking. */
function answered(event: IoEvent, failed: (e: IoEvent) => boolean): boolean {
  if (event.outcome !== 'ok' || event.error || failed(event)) return false;
  return event.type !== 'http' || event.status !== undefined;
}

/**
 * The failed attempts on the same endpoint that led up to `event` (retries since the last success
 * there), `event` included, in timeline order: all of them are evidence.
 */
export function failedAttempts(
  ctx: PackageContext,
  event: IoEvent,
  failed: (e: IoEvent) => boolean,
): number[] {
  const key = endpointKey(event);
  const seqs: number[] = [];
  for (let i = ctx.io.length - 1; i >= 0; i--) {
    const other = ctx.io[i];
    if (!other || other.seq > event.seq || endpointKey(other) !== key) continue;
    if (answered(other, failed)) break;
    if (failed(other)) seqs.push(other.seq);
  }
  return seqs.reverse();
}
