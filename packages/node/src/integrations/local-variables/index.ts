import inspector from 'node:inspector';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { debug } from '../../debug-logger.js';
import type { Integration, IntegrationSetup } from '../types.js';
import { installLocalsHook, uninstallLocalsHook } from './locals-store.js';
import {
  DEFAULT_LOCALS_LIMITS,
  type LocalsMode,
  type LocalVariablesOptions,
  type LocalVariablesStats,
  type MainMessage,
  SessionState,
  type WorkerConfig,
  type WorkerMessage,
} from './types.js';

export { getContextAtThrow, getLocalsForError } from './locals-store.js';
export type {
  CapturedFrame,
  LocalsLimits,
  LocalsMode,
  LocalVariablesOptions,
  LocalVariablesStats,
  ThrowSiteCapture,
} from './types.js';

/** The local-variables integration, with a way to tell when capture is live. */
export interface LocalVariablesIntegration extends Integration {
  /**
   * Resolves true once exceptions are being captured (in `after-error` mode: once capture can be
   * armed), false when capture will not run (off, debugger attached, worker failed). Does not
   * keep the process alive.
   */
  ready(): Promise<boolean>;
  /** Counters: pauses, captures, skips, rate-limiter switch-offs, and the state. */
  stats(): LocalVariablesStats;
}

/** How long process exit waits for the worker to close its session. */
const EXIT_HANDSHAKE_MS = 100;

/** A burst of packaged errors re-arms capture once, not once per error. */
const ARM_MESSAGE_INTERVAL_MS = 1_000;

/** Only one inspector worker per process: the hook and the pause setting are process-wide. */
let active: object | undefined;

/**
 * Captures the local variables at the throw site of every exception, caught or not, with the V8
 * inspector. The inspector session lives in an `unref()`'d worker thread connected to the main
 * thread; at each exception pause it hands the scopes of the in-app frames to a hook on the main
 * thread, which encodes them and keeps them with the error object (see `getLocalsForError`,
 * `getContextAtThrow`). Pauses are rate-limited and always resumed.
 *
 * What a frame shows: its local, block and catch scopes (the module scope for module top-level
 * code); not closures, not `this`. Values are encoded without running any of the host's code
 * (no getters, no proxy traps), within depth, breadth, string and per-exception node caps.
 *
 * Limitations:
 * - Not started when the process already has a debugger (`node --inspect`, `--inspect-brk`): the
 *   two would fight over pauses. A debugger opened later (SIGUSR1, `inspector.open()`) makes
 *   capture stop for good at the next pause; restart without the debugger to get locals back.
 * - Exceptions thrown before the worker is ready (about 100 ms after setup) have no locals.
 * - The worker is loaded from `worker.js` next to this file: a bundle of the SDK must ship it.
 * - Cost: while capture is on, the Debugger domain is enabled, and V8 then takes its slow path
 *   for every `await` and promise reaction (on Node 20 an awaited call takes about 650 ns instead
 *   of 60 ns). On the checkout benchmark that is about 100 µs of CPU per request, paid whether or
 *   not anything throws. `FLASHBACK_LOCALS=after-error` keeps the domain off until an error is
 *   packaged and turns it off again after `armedForMs` without one: the first occurrence of a
 *   failure then has no locals, its recurrences do. `FLASHBACK_LOCALS=0` turns capture off.
 *
 * @example
 * const locals = localVariablesIntegration({ maxPausesPerSecond: 20 });
 * locals.setup({ options, sink, schemas });
 * await locals.ready(); // optional: exceptions thrown before this have no locals
 */
export function localVariablesIntegration(options: LocalVariablesOptions = {}): LocalVariablesIntegration {
  const token = {};
  let worker: Worker | undefined;
  let onExit: (() => void) | undefined;
  let resolveReady: (ready: boolean) => void = () => {};
  const readyPromise = new Promise<boolean>((resolve) => {
    resolveReady = resolve;
  });
  const stats: LocalVariablesStats = {
    state: 'off',
    pauses: 0,
    captured: 0,
    skipped: 0,
    disabledCount: 0,
    pausing: false,
    errors: 0,
  };

  const stop = (state: LocalVariablesStats['state']): void => {
    stats.state = state;
    stats.pausing = false;
    resolveReady(false);
    if (onExit) process.off('exit', onExit);
    onExit = undefined;
    // Terminating closes the session, which also resumes a pause still held.
    worker?.terminate().catch(() => {});
    worker = undefined;
    if (active === token) {
      uninstallLocalsHook();
      active = undefined;
    }
  };

  const onMessage = (message: WorkerMessage): void => {
    switch (message.type) {
      case 'ready':
        stats.state = 'ready';
        resolveReady(true);
        break;
      case 'stats':
        Object.assign(stats, message.stats);
        break;
      case 'failed':
        debug.warn(`local variables: the inspector worker could not start: ${message.message}`);
        stop('failed');
        break;
      case 'debugger-attached':
        stop('debugger-attached');
        break;
    }
  };

  let mode: LocalsMode = 'off';
  let lastArmedAt = Number.NEGATIVE_INFINITY;

  const start = (setup: IntegrationSetup): void => {
    mode = setup.options.captureLocals;
    if (mode === 'off') {
      stop('off');
      return;
    }
    if (inspector.url() !== undefined) {
      debug.log('local variables: a debugger is attached (--inspect); not capturing locals');
      stop('debugger-attached');
      return;
    }
    if (active !== undefined) {
      debug.warn('local variables: already set up in this process; ignoring the second setup');
      stop('off');
      return;
    }
    active = token;
    installLocalsHook({ ...DEFAULT_LOCALS_LIMITS, ...options.limits });
    const sessionState = new SharedArrayBuffer(4);
    const config: WorkerConfig = {
      mode,
      armedForMs: options.armedForMs ?? 600_000,
      appRoot: path.resolve(setup.options.appRoot),
      maxFrames: options.maxFrames ?? 10,
      maxPausesPerSecond: options.maxPausesPerSecond ?? 50,
      cooldownMs: options.cooldownMs ?? 5_000,
      maxCooldownMs: options.maxCooldownMs ?? 3_600_000,
      debug: setup.options.debug,
      sessionState,
    };
    stats.state = 'starting';
    // The host's preloads (`--import @flashback/node/register`, on the command line or in
    // NODE_OPTIONS) must not load into the worker: the SDK would start inside its own helper.
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.NODE_OPTIONS;
    const started = new Worker(new URL('./worker.js', import.meta.url), {
      workerData: config,
      execArgv: [],
      env,
    });
    worker = started;
    started.on('message', onMessage);
    started.on('error', (error) => {
      debug.warn('local variables: the inspector worker failed', error);
      if (worker === started) stop('failed');
    });
    started.on('exit', () => {
      if (worker === started) stop('stopped');
    });
    // Without this, a session still open at exit makes Node print "Waiting for the debugger to
    // disconnect..." into the host's stderr. A worker that has not connected yet is told not to;
    // a connected one closes its session, which takes well under a millisecond.
    onExit = () => {
      const state = new Int32Array(sessionState);
      if (
        Atomics.compareExchange(state, 0, SessionState.idle, SessionState.exiting) !== SessionState.connected
      )
        return;
      const message: MainMessage = { type: 'close' };
      started.postMessage(message);
      Atomics.wait(state, 0, SessionState.connected, EXIT_HANDSHAKE_MS);
    };
    process.on('exit', onExit);
    // Last: adding listeners to a Worker refs it again.
    started.unref();
  };

  return {
    name: 'local-variables',
    setup(setup) {
      try {
        start(setup);
      } catch (error) {
        debug.warn('local variables: setup failed; continuing without locals', error);
        stop('failed');
      }
    },
    teardown() {
      stop('stopped');
    },
    errorPackaged() {
      if (mode !== 'after-error' || !worker) return;
      const now = performance.now();
      if (now - lastArmedAt < ARM_MESSAGE_INTERVAL_MS) return;
      lastArmedAt = now;
      const message: MainMessage = { type: 'arm' };
      worker.postMessage(message);
    },
    ready: () => readyPromise,
    stats: () => ({ ...stats }),
  };
}
