import type { EncodedValue } from '@flashback/protocol/types';
import type { ValueLimits } from '@flashback/protocol/values';
import type { RequestContext } from '../../context/request-context.js';

/**
 * The global the main thread installs for the inspector worker to call while the main thread is
 * paused at a throw. A registered symbol, because the worker can only name it in source text.
 */
export const LOCALS_HOOK_KEY = 'flashback.locals';

/** Options of `localVariablesIntegration()`. */
export interface LocalVariablesOptions {
  /** Call frames from the throw site inward that are looked at; in-app ones get locals. Default 10. */
  maxFrames?: number;
  /** Exception pauses allowed per second before capture switches itself off. Default 50. */
  maxPausesPerSecond?: number;
  /** First switch-off lasts this long; each further one in a row doubles it. Default 5 s. */
  cooldownMs?: number;
  /** Longest switch-off. Default 1 h. */
  maxCooldownMs?: number;
  /** Depth, breadth, string and byte caps for each local. */
  limits?: Partial<LocalsLimits>;
  /** In `after-error` mode, how long capture stays on after the last packaged error. Default 10 min. */
  armedForMs?: number;
}

/**
 * When locals are captured. `always`: from start, at a cost on every `await` (see the
 * integration's docs). `after-error`: from the first packaged error on, until `armedForMs` pass
 * without another, so a failure that recurs carries its locals while a healthy service pays
 * nothing. `off`: never.
 */
export type LocalsMode = 'always' | 'after-error' | 'off';

/** Caps on what one captured exception may hold, which also bound how long the pause lasts. */
export interface LocalsLimits extends ValueLimits {
  /** Values encoded per exception over all frames; beyond it objects are only summarised. */
  maxNodes: number;
}

export const DEFAULT_LOCALS_LIMITS: LocalsLimits = {
  maxDepth: 5,
  maxBreadth: 50,
  maxStringLength: 1024,
  maxBytes: 1024,
  maxNodes: 2000,
};

/** The locals of one in-app call frame at the moment of the throw. */
export interface CapturedFrame {
  /** Function name as the debugger reports it, `<anonymous>` for none (module top level). */
  function: string;
  /** Absolute file path (file URLs converted), as in parsed stack frames. */
  file: string;
  /** The script URL the runtime reported. */
  url: string;
  /** 1-based, of the statement that threw (or called the function that threw). */
  line: number;
  /** 1-based. */
  column: number;
  /** Variables of the frame's local, block and catch scopes (module scope for top-level code). */
  locals: Record<string, EncodedValue>;
}

/** What was recorded at the first throw of one exception object. */
export interface ThrowSiteCapture {
  frames: CapturedFrame[];
  /** The request the code ran for when it threw, if any. */
  context: RequestContext | undefined;
}

/** A frame as the worker describes it; `scopes` of the scope objects passed along belong to it. */
export interface PausedFrame {
  function: string;
  url: string;
  line: number;
  column: number;
  scopes: number;
}

/** The payload the worker hands to the main-thread hook, followed by the scope objects. */
export interface HookPayload {
  frames: PausedFrame[];
}

/** Settings the worker starts with (structured-cloned as `workerData`). */
export interface WorkerConfig {
  mode: Exclude<LocalsMode, 'off'>;
  armedForMs: number;
  appRoot: string;
  maxFrames: number;
  maxPausesPerSecond: number;
  cooldownMs: number;
  maxCooldownMs: number;
  debug: boolean;
  /** One Int32 holding a `SessionState`, shared for the exit handshake. */
  sessionState: SharedArrayBuffer;
}

/** Counters kept by the worker. */
export interface PauseStats {
  /** Exception pauses seen. */
  pauses: number;
  /** Pauses whose in-app frames were handed to the main thread. */
  captured: number;
  /** Pauses resumed at once: no in-app frame near the top, or a non-object thrown. */
  skipped: number;
  /** Times the rate limiter switched pausing off. */
  disabledCount: number;
  /** Whether pausing on exceptions is currently on. */
  pausing: boolean;
  /** Protocol calls that failed (the pause was resumed regardless). */
  errors: number;
}

/** Where the integration stands, for tests, benchmarks and debug output. */
export interface LocalVariablesStats extends PauseStats {
  state: 'off' | 'starting' | 'ready' | 'failed' | 'debugger-attached' | 'stopped';
}

/**
 * Where the worker's session stands. Process exit must close an open session (or Node prints
 * "Waiting for the debugger to disconnect..."), but must not wait for a worker still loading.
 */
export const SessionState = { idle: 0, connected: 1, closed: 2, exiting: 3 } as const;

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'stats'; stats: PauseStats }
  | { type: 'failed'; message: string }
  | { type: 'debugger-attached' };

export type MainMessage = { type: 'close' } | { type: 'arm' };
