/**
 * The inspector side of local-variable capture. Runs in its own thread because a session on the
 * main thread could not answer while that thread is paused; this one can, so the main thread is
 * held only until the worker has answered the pause. Loaded from the compiled file next to
 * `index.js`.
 */
import type { Debugger, InspectorNotification, Runtime } from 'node:inspector';
import { Session } from 'node:inspector/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { debug, setDebug } from '../../debug-logger.js';
import { InAppScripts, selectFrames } from './frame-select.js';
import { NODE_PLUMBING_PATTERNS } from './node-plumbing.js';
import { PauseRateLimiter } from './rate-limiter.js';
import {
  type HookPayload,
  LOCALS_HOOK_KEY,
  type MainMessage,
  type PauseStats,
  SessionState,
  type WorkerConfig,
  type WorkerMessage,
} from './types.js';

const config = workerData as WorkerConfig;
setDebug(config.debug);

// A session's pending calls do not keep a thread alive; without this the worker would end
// while waiting for its first reply. The worker itself is unref()'d by the main thread.
const keepAlive = setInterval(() => {}, 1 << 30);

const HOOK = `globalThis[Symbol.for(${JSON.stringify(LOCALS_HOOK_KEY)})]`;

/** Runs on the main thread, at the throw site, with `this` bound to the thrown object. */
const HAND_OVER = `function (payload, ...scopes) {
  const hook = ${HOOK};
  return typeof hook === 'function' ? hook(this, payload, scopes) : false;
}`;

const ASK_DEBUGGER_ATTACHED = `(() => {
  const hook = ${HOOK};
  return typeof hook === 'function' && typeof hook.debuggerAttached === 'function' && hook.debuggerAttached();
})()`;
// Dynamic tracing pauses with \`debugger\` at a snapshot line and reads the frames on the main
// thread itself; while this worker's session is attached, only a resume from here ends the pause.
const ASK_TRACING_SNAPSHOT = '(globalThis.__flashbackTracing?.pending ?? 0) !== 0';

const stats: PauseStats = { pauses: 0, captured: 0, skipped: 0, disabledCount: 0, pausing: false, errors: 0 };
const limiter = new PauseRateLimiter({
  maxPerSecond: config.maxPausesPerSecond,
  cooldownMs: config.cooldownMs,
  maxCooldownMs: config.maxCooldownMs,
});
const session = new Session();
const scripts = new InAppScripts(config.appRoot);
let closed = false;
/** Whether the Debugger domain is on: the only state in which V8 pauses at exceptions, and pays for it. */
let armed = false;
/** What the last arm request or window end asked for; `armed` follows it through `armChain`. */
let wantArmed = false;
let disarmTimer: NodeJS.Timeout | undefined;
/** Arming and disarming one at a time, in order. */
let armChain: Promise<unknown> = Promise.resolve();
let cooldownTimer: NodeJS.Timeout | undefined;
let statsTimer: NodeJS.Timeout | undefined;

function send(message: WorkerMessage): void {
  parentPort?.postMessage(message);
}

/** Counters travel in batches: a storm of pauses must not become a storm of messages. */
function reportStats(now = false): void {
  if (now) {
    if (statsTimer) clearTimeout(statsTimer);
    statsTimer = undefined;
    send({ type: 'stats', stats: { ...stats } });
    return;
  }
  statsTimer ??= setTimeout(() => {
    statsTimer = undefined;
    send({ type: 'stats', stats: { ...stats } });
  }, 100);
}

/** Sends the switch at once; resolves when the main thread has applied it. */
function setPausing(on: boolean): Promise<unknown> {
  stats.pausing = on;
  return session.post('Debugger.setPauseOnExceptions', { state: on ? 'all' : 'none' });
}

async function onPaused(params: Debugger.PausedEventDataType): Promise<void> {
  if (params.reason !== 'exception' && params.reason !== 'promiseRejection') {
    await onOtherPause();
    return;
  }
  stats.pauses++;
  // Everything for this pause is sent at once with the resume right behind: the main thread
  // handles them in order after a single wake-up instead of one round trip each. The resume is
  // sent whatever happened before it.
  let handOver: Promise<boolean> | undefined;
  try {
    handOver = sendCollect(params);
  } catch (error) {
    failed(error);
  }
  const resumed = resume();
  let standDown = false;
  try {
    standDown = (await handOver) ?? false;
  } catch (error) {
    failed(error);
  }
  await resumed;
  reportStats();
  if (standDown) stepAside();
}

function failed(error: unknown): void {
  stats.errors++;
  debug.warn('local variables: collecting failed; resumed regardless', error);
}

/**
 * Sends what one exception pause needs, without waiting. The returned promise resolves true when
 * the main thread reports that a real debugger has been attached since start.
 */
function sendCollect(params: Debugger.PausedEventDataType): Promise<boolean> | undefined {
  const cooldown = limiter.hit();
  if (cooldown !== undefined) {
    switchOffFor(cooldown);
    return undefined;
  }
  const thrown = params.data as { type?: string; subtype?: string; objectId?: string } | undefined;
  // Only objects can carry their locals; a thrown string or number is let go.
  if (thrown?.type !== 'object' || thrown.subtype === 'null' || !thrown.objectId) {
    stats.skipped++;
    return undefined;
  }
  const selected = selectFrames(params.callFrames, scripts, config.maxFrames);
  if (selected.length === 0) {
    stats.skipped++;
    return undefined;
  }
  const payload: HookPayload = { frames: selected.map((s) => s.frame) };
  const args: Runtime.CallArgument[] = [{ value: payload }];
  for (const s of selected) for (const objectId of s.scopeObjectIds) args.push({ objectId });
  stats.captured++;
  return session
    .post('Runtime.callFunctionOn', {
      objectId: thrown.objectId,
      functionDeclaration: HAND_OVER,
      arguments: args,
      returnByValue: true,
      // Keeps exceptions inside the hook from pausing or surfacing in the host.
      silent: true,
    })
    .then(
      ({ result }) => (result.value as { debuggerAttached?: boolean } | undefined)?.debuggerAttached === true,
    );
}

/** Too many pauses: no more until the cooldown is over. This pause is not collected. */
function switchOffFor(cooldown: number): void {
  setPausing(false).catch((error: unknown) =>
    debug.warn('local variables: could not switch pausing off', error),
  );
  stats.disabledCount++;
  debug.warn(
    `local variables: more than ${config.maxPausesPerSecond} exceptions/s; pausing off for ${cooldown} ms`,
  );
  reportStats(true);
  cooldownTimer = setTimeout(() => {
    cooldownTimer = undefined;
    if (!armed) return; // arming switches pausing on again
    setPausing(true).then(
      () => reportStats(true),
      (error: unknown) => debug.warn('local variables: could not switch pausing back on', error),
    );
  }, cooldown);
}

/**
 * A breakpoint, `debugger` statement or step. Ours is the only session unless a real debugger has
 * been attached since start (SIGUSR1, `inspector.open()`): then the pause is its to end, and this
 * worker steps aside. Otherwise the pause would stall the host forever, so it is resumed.
 */
async function onOtherPause(): Promise<void> {
  let attached = false;
  try {
    const { result } = await session.post('Runtime.evaluate', {
      expression: ASK_TRACING_SNAPSHOT,
      returnByValue: true,
      silent: true,
    });
    if (result.value === true) {
      await resume();
      return;
    }
  } catch (error) {
    debug.warn('local variables: could not ask whether tracing is taking a snapshot', error);
  }
  try {
    const { result } = await session.post('Runtime.evaluate', {
      expression: ASK_DEBUGGER_ATTACHED,
      returnByValue: true,
      silent: true,
    });
    attached = result.value === true;
  } catch (error) {
    debug.warn('local variables: could not ask whether a debugger is attached', error);
  }
  if (attached) {
    stepAside();
    return;
  }
  await resume();
}

async function resume(): Promise<void> {
  try {
    await session.post('Debugger.resume');
  } catch (error) {
    // Not paused any more (the session closed, or another client resumed): nothing to do.
    debug.log('local variables: resume failed', error);
  }
}

function stepAside(): void {
  debug.warn('local variables: a debugger is attached; stopping capture');
  close();
  send({ type: 'debugger-attached' });
}

function close(): void {
  if (closed) return;
  closed = true;
  clearInterval(keepAlive);
  if (cooldownTimer) clearTimeout(cooldownTimer);
  if (disarmTimer) clearTimeout(disarmTimer);
  if (statsTimer) clearTimeout(statsTimer);
  try {
    // Closing the session also resumes a pause it still held.
    session.disconnect();
  } catch {
    // already closed
  }
  const state = new Int32Array(config.sessionState);
  Atomics.store(state, 0, SessionState.closed);
  Atomics.notify(state, 0);
}

async function start(): Promise<void> {
  const state = new Int32Array(config.sessionState);
  // The process is already exiting: connecting now would only delay it.
  if (Atomics.compareExchange(state, 0, SessionState.idle, SessionState.connected) !== SessionState.idle) {
    close();
    return;
  }
  session.connectToMainThread();
  // Registered before `Debugger.enable`, which reports every script already loaded.
  session.on(
    'Debugger.scriptParsed',
    (message: InspectorNotification<Debugger.ScriptParsedEventDataType>) => {
      scripts.add(message.params.scriptId, message.params.url);
    },
  );
  session.on('Debugger.paused', (message: InspectorNotification<Debugger.PausedEventDataType>) => {
    onPaused(message.params).catch((error: unknown) =>
      debug.error('local variables: pause handling failed', error),
    );
  });
  if (config.mode === 'always') await enableCapture();
  send({ type: 'ready' });
  reportStats(true);
}

/**
 * Turns the Debugger domain on and pausing at exceptions with it (unless the rate limiter holds
 * it off). `Debugger.enable` reports every loaded script again, so in-app frames are known.
 */
async function enableCapture(): Promise<void> {
  armed = true;
  // Collected scripts are of no use here; without a cap the debugger would keep their sources.
  await session.post('Debugger.enable', { maxScriptsCacheSize: 0 });
  await session.post('Debugger.setBlackboxPatterns', { patterns: [...NODE_PLUMBING_PATTERNS] });
  if (!cooldownTimer) await setPausing(true);
}

/** Turns the Debugger domain off: no pauses, and awaits run at full speed again. */
async function disableCapture(): Promise<void> {
  armed = false;
  stats.pausing = false;
  await session.post('Debugger.disable');
}

/**
 * In `after-error` mode: the app packaged an error, so capture is on (or stays on) until
 * `armedForMs` pass without another one.
 */
function arm(): void {
  if (closed || config.mode !== 'after-error') return;
  if (disarmTimer) clearTimeout(disarmTimer);
  disarmTimer = setTimeout(() => {
    disarmTimer = undefined;
    applyArming(false);
  }, config.armedForMs);
  applyArming(true);
}

/** Brings the Debugger domain to the state last asked for, after any change still under way. */
function applyArming(on: boolean): void {
  wantArmed = on;
  armChain = armChain
    .then(async () => {
      if (closed || wantArmed === armed) return;
      if (wantArmed) await enableCapture();
      else await disableCapture();
      reportStats(true);
    })
    .catch((error: unknown) => debug.warn('local variables: could not switch capture on or off', error));
}

parentPort?.on('message', (message: MainMessage) => {
  if (message.type === 'close') close();
  else if (message.type === 'arm') arm();
});

start().catch((error: unknown) => {
  send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  close();
});
