/**
 * Dynamic tracing between the collector and a running service (format `flashback.tracing/1`):
 * the actions a person places at a source line, and the hits the SDK sends back.
 *
 * Wire: the SDK long-polls `GET /api/<project>/tracing/actions?service=<name>&version=<n>&wait=<s>`
 * (header `x-flashback-key`), answered with a {@link TracingActionSet} as soon as the set's version
 * differs from `version`, or after `wait` seconds with the same one; it POSTs
 * {@link TracingHitBatch}es to `/api/<project>/tracing/hits`.
 */
import type { EncodedValue } from '../types.js';

export const TRACING_FORMAT = 'flashback.tracing/1';

export type TracingActionKind = 'snapshot' | 'log';

/** Where an action is placed: a file as the user names it (relative to the app root, or absolute), 1-based line. */
export interface SourceLocation {
  file: string;
  line: number;
}

export interface TracingAction {
  id: string;
  kind: TracingActionKind;
  service: string;
  location: SourceLocation;
  /** A side-effect-free JavaScript expression over the variables in scope at the line. */
  condition?: string;
  /** `log` only: a message with `{expression}` holes, e.g. `user {user.id} total {order.total}`. */
  template?: string;
  /** Also write each log line to the service's stdout. */
  stdout?: boolean;
  /** The action disables itself after this many hits. */
  maxHits: number;
  /** ISO 8601: the action disables itself at this time. */
  expiresAt: string;
  createdAt: string;
}

/** Every action live for one service, and a version that changes whenever the set does. */
export interface TracingActionSet {
  format: typeof TRACING_FORMAT;
  version: number;
  actions: TracingAction[];
}

/** One frame of a snapshot, with its local variables (in-app frames only). */
export interface SnapshotFrame {
  function: string;
  /** Path relative to the app root for in-app files; mapped to the original source when a source map exists. */
  file: string;
  line: number;
  column: number;
  inApp: boolean;
  locals?: Record<string, EncodedValue>;
}

/**
 * What happened to an action in one process: `applied` once it is armed (with how, e.g. "patched
 * the function" or "breakpoint"), `disabled` when a limit ended it (hit limit, expiry, rate, time
 * budget), `error` when it could not be placed or its expression failed; `reason` says which.
 */
export type TracingActionState = 'applied' | 'disabled' | 'error' | 'removed';

export type TracingHit =
  | { kind: 'snapshot'; actionId: string; at: string; frames: SnapshotFrame[]; pauseMs: number }
  | { kind: 'log'; actionId: string; at: string; message: string }
  | { kind: 'status'; actionId: string; at: string; state: TracingActionState; reason: string };

export interface TracingHitBatch {
  format: typeof TRACING_FORMAT;
  service: string;
  /** Which process of the service: `<hostname>:<pid>`. */
  instance: string;
  hits: TracingHit[];
}
