/**
 * What every rule needs from a package, derived once: the IO events, the one that settled last
 * before the throw, and the error chain as searchable text. Cached per package object, so eight
 * rules over one package cost one derivation.
 */
import type { DbEvent, ErrorInfo, ErrorPackage, HttpEvent, RedisEvent } from '@flashback/protocol/types';
import { type TriggerInput, triggerInput } from './trigger-input.js';

/** An event that talks to a dependency (clock and random reads are not IO). */
export type IoEvent = DbEvent | HttpEvent | RedisEvent;

const MAX_CAUSE_DEPTH = 8;
// A transaction rolled back on the way out, or a savepoint released, settles after the failing call
// without being the reason for anything; it must not hide the call that failed.
const HOUSEKEEPING_SQL = /^\s*(?:rollback|release\s+savepoint|end)\b/i;

export interface PackageContext {
  readonly pkg: ErrorPackage;
  /** The IO events in timeline order. */
  readonly io: readonly IoEvent[];
  /** The IO event that settled last: the one the throw most plausibly followed. */
  readonly closing: IoEvent | undefined;
  /** The error, then its causes. */
  readonly errors: readonly ErrorInfo[];
  /** Types, messages and codes of the whole error chain, lower-cased, for "does the error mention X". */
  readonly errorText: string;
  /** The trigger's input (body, query or job payload), parsed on first use. */
  readonly input: TriggerInput | undefined;
}

const cache = new WeakMap<ErrorPackage, PackageContext>();

/** The derived view of `pkg`, computed once per package object. */
export function contextOf(pkg: ErrorPackage): PackageContext {
  let ctx = cache.get(pkg);
  if (!ctx) {
    ctx = derive(pkg);
    cache.set(pkg, ctx);
  }
  return ctx;
}

function derive(pkg: ErrorPackage): PackageContext {
  const io: IoEvent[] = [];
  for (const event of pkg.timeline) {
    if (event.type === 'db' || event.type === 'http' || event.type === 'redis') io.push(event);
  }
  if (!isSorted(io)) io.sort((a, b) => a.seq - b.seq);

  const errors: ErrorInfo[] = [];
  const parts: string[] = [];
  for (let e: ErrorInfo | undefined = pkg.error; e && errors.length < MAX_CAUSE_DEPTH; e = e.cause) {
    errors.push(e);
    parts.push(e.type, e.message, e.code ?? '');
  }

  let input: TriggerInput | undefined | null = null;
  return {
    pkg,
    io,
    closing: closingEvent(io),
    errors,
    errorText: parts.join('\n').toLowerCase(),
    get input() {
      if (input === null) input = triggerInput(pkg.trigger);
      return input;
    },
  };
}

function isSorted(events: readonly IoEvent[]): boolean {
  for (let i = 1; i < events.length; i++) {
    if ((events[i]?.seq ?? 0) < (events[i - 1]?.seq ?? 0)) return false;
  }
  return true;
}

function closingEvent(io: readonly IoEvent[]): IoEvent | undefined {
  let best: IoEvent | undefined;
  let bestEnd = Number.NEGATIVE_INFINITY;
  for (const event of io) {
    if (event.outcome === 'pending' || event.durationMs === null) continue;
    if (event.type === 'db' && HOUSEKEEPING_SQL.test(event.statement)) continue;
    const end = event.startOffsetMs + event.durationMs;
    // Later seq wins ties: of two calls ending together, the later-started one ran last.
    if (end >= bestEnd) {
      best = event;
      bestEnd = end;
    }
  }
  return best;
}
