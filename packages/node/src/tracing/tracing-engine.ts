/**
 * Places tracing actions in the running process and takes them out again. An action's line is
 * patched with V8's live edit: the condition and the log template are compiled into the line
 * itself, so an armed line costs a few property reads per hit, not a debugger round trip. A
 * snapshot's line runs a `debugger` statement when its condition holds; this thread's own
 * inspector session reads the frames and resumes at once, inside the pause.
 */
import inspector from 'node:inspector';
import type {
  SnapshotFrame,
  TracingAction,
  TracingActionState,
  TracingHit,
} from '@flashback/protocol/tracing';
import { ExpressionError } from '@flashback/protocol/tracing';
import { probeCode } from './probe-code.js';
import { PROBE_GLOBAL, type ProbeLimits, ProbeRuntime } from './probe-runtime.js';
import { ScriptIndex } from './script-index.js';
import { ScriptPatcher } from './script-patcher.js';
import { captureFrames } from './snapshot-capture.js';
import { insertionPoint, LocationError } from './statement-position.js';
import { SyncSession } from './sync-session.js';

export interface TracingEngineOptions {
  appRoot: string;
  /** Every hit and status change, already redacted by the caller's `redactHit` if given. */
  onHit(hit: TracingHit): void;
  limits?: Partial<ProbeLimits>;
  /** Live edit retries while the function is busy, every `retryMs`. Default 20 ms. */
  retryMs?: number;
}

const DEFAULT_LIMITS: ProbeLimits = { hitsPerSecond: 200, budgetMsPerSecond: 50 };

interface Placed {
  action: TracingAction;
  slot: number;
  scriptId?: string;
  /** Where the probe goes in the script's original source, and its code. */
  probe?: { offset: number; code: string };
  /** 1-based column of the statement the probe precedes. */
  column?: number;
  retry?: NodeJS.Timeout;
}

export class TracingEngine {
  private readonly session = new SyncSession();
  private readonly scripts: ScriptIndex;
  private readonly patcher: ScriptPatcher;
  private readonly runtime: ProbeRuntime;
  private readonly placed = new Map<string, Placed>();
  private readonly bySlot = new Map<number, Placed>();
  private nextSlot = 1;
  /** Longest snapshot pause so far, ms. */
  maxPauseMs = 0;

  constructor(private readonly options: TracingEngineOptions) {
    this.scripts = new ScriptIndex(options.appRoot);
    this.patcher = new ScriptPatcher(this.session);
    this.runtime = new ProbeRuntime(
      { ...DEFAULT_LIMITS, ...options.limits },
      {
        log: (slot, message) => this.emit(slot, { kind: 'log', message }),
        disabled: (slot, reason) => this.retire(slot, 'disabled', reason),
        failed: (slot, error) =>
          this.retire(slot, 'error', `the expression failed: ${(error as Error)?.message ?? String(error)}`),
      },
    );
    this.session.on(
      'Debugger.scriptParsed',
      (script: { scriptId: string; url: string; sourceMapURL?: string }) => this.scripts.add(script),
    );
    this.session.on('Debugger.paused', (params: { reason: string; callFrames: never[] }) =>
      this.onPaused(params),
    );
    this.session.post('Debugger.enable');
    (globalThis as Record<string, unknown>)[PROBE_GLOBAL] = this.runtime;
  }

  /** Makes the set of placed actions this one: places the new, removes the missing. */
  setActions(actions: readonly TracingAction[]): void {
    const wanted = new Set(actions.map((a) => a.id));
    for (const id of [...this.placed.keys()]) if (!wanted.has(id)) this.remove(id, 'removed', 'removed');
    for (const action of actions) if (!this.placed.has(action.id)) this.place(action);
  }

  actionIds(): string[] {
    return [...this.placed.keys()];
  }

  close(): void {
    for (const placed of this.placed.values()) clearTimeout(placed.retry);
    this.placed.clear();
    this.bySlot.clear();
    this.patcher.restoreAll();
    delete (globalThis as Record<string, unknown>)[PROBE_GLOBAL];
    this.session.close();
  }

  private place(action: TracingAction): void {
    const slot = this.nextSlot++;
    const placed: Placed = { action, slot };
    this.placed.set(action.id, placed);
    this.bySlot.set(slot, placed);
    try {
      const location = this.scripts.resolve(action.location.file, action.location.line);
      const source = this.patcher.originalSource(location.scriptId);
      const point = insertionPoint(source, location.line, action.location.file);
      const code = probeCode(action, slot);
      const remainingMs = Date.parse(action.expiresAt) - Date.now();
      if (!(remainingMs > 0)) throw new LocationError('the action has expired already');
      this.runtime.arm(slot, action.maxHits, remainingMs);
      placed.scriptId = location.scriptId;
      placed.probe = { offset: point.offset, code };
      placed.column = point.offset - source.lastIndexOf('\n', point.offset - 1);
      const where = `${action.location.file}:${action.location.line}${location.via === 'loaded script' ? '' : ` (line ${location.line} via the ${location.via})`}`;
      this.patch(placed, () => this.status(action.id, 'applied', `patched ${where}`));
    } catch (error: unknown) {
      const known = error instanceof LocationError || error instanceof ExpressionError;
      const prefix =
        error instanceof ExpressionError
          ? `${action.condition && !action.template ? 'condition' : 'expression'} rejected: `
          : '';
      this.retire(
        slot,
        'error',
        known ? `${prefix}${(error as Error).message}` : `could not place: ${String(error)}`,
      );
    }
  }

  /** Live-edits the script, retrying while V8 says the function is busy, until the action expires. */
  private patch(placed: Placed, done: () => void): void {
    const scriptId = placed.scriptId ?? '';
    if (!placed.probe) return;
    const outcome = this.patcher.add(scriptId, placed.slot, placed.probe);
    if (outcome.ok) {
      done();
      return;
    }
    if (!outcome.blocked || Date.parse(placed.action.expiresAt) <= Date.now()) {
      this.patcher.remove(scriptId, placed.slot);
      this.retire(placed.slot, 'error', `could not patch ${placed.action.location.file}: ${outcome.reason}`);
      return;
    }
    this.patcher.remove(scriptId, placed.slot);
    placed.retry = setTimeout(() => {
      if (this.bySlot.get(placed.slot) === placed) this.patch(placed, done);
    }, this.options.retryMs ?? 20);
    placed.retry.unref();
  }

  private remove(id: string, state: TracingActionState, reason?: string): void {
    const placed = this.placed.get(id);
    if (!placed) return;
    clearTimeout(placed.retry);
    this.runtime.disarm(placed.slot);
    this.placed.delete(id);
    this.bySlot.delete(placed.slot);
    if (placed.scriptId) this.patcher.remove(placed.scriptId, placed.slot);
    if (reason) this.status(id, state, reason);
  }

  /** Ends an action in this process for good and says why. */
  private retire(slot: number, state: TracingActionState, reason: string): void {
    const placed = this.bySlot.get(slot);
    if (!placed) return;
    this.runtime.disarm(slot);
    this.bySlot.delete(slot);
    this.status(placed.action.id, state, reason);
    // Keep the id as placed so the next action set does not place it again; take the code out.
    clearTimeout(placed.retry);
    if (placed.scriptId) this.patcher.remove(placed.scriptId, slot);
  }

  private onPaused(params: { reason: string; callFrames: never[] }): void {
    const slot = this.runtime.pending;
    const placed = slot ? this.bySlot.get(slot) : undefined;
    if (!placed || params.reason !== 'other') {
      // A pause that is not ours: an exception pause belongs to the locals worker; a stray
      // `debugger` with no debugger listening would stall the process, so it is resumed.
      if (params.reason === 'other' && inspector.url() === undefined) this.resume();
      return;
    }
    const started = performance.now();
    let frames: SnapshotFrame[] = [];
    try {
      frames = captureFrames(this.session, params.callFrames, this.options.appRoot, (id) =>
        this.scripts.urlOf(id),
      );
    } finally {
      // Ends the pause when this is the only session; with the locals worker attached, V8 only
      // takes the worker's resume, which it sends when it sees `pending` set (see its worker).
      this.resume();
    }
    const pauseMs = performance.now() - started;
    this.maxPauseMs = Math.max(this.maxPauseMs, pauseMs);
    // The top frame is the patched line: report the statement's own column, not the probe's.
    const top = frames[0];
    if (top && placed.column !== undefined) top.column = placed.column;
    this.emit(slot, { kind: 'snapshot', frames, pauseMs: Math.round(pauseMs * 1000) / 1000 });
    this.runtime.charge(slot, pauseMs);
  }

  private resume(): void {
    try {
      this.session.post('Debugger.resume');
    } catch {
      // Already resumed by another session.
    }
  }

  private emit(
    slot: number,
    hit: { kind: 'log'; message: string } | { kind: 'snapshot'; frames: SnapshotFrame[]; pauseMs: number },
  ): void {
    const placed = this.bySlot.get(slot);
    if (!placed) return;
    this.options.onHit({ ...hit, actionId: placed.action.id, at: new Date().toISOString() } as TracingHit);
  }

  private status(actionId: string, state: TracingActionState, reason: string): void {
    this.options.onHit({ kind: 'status', actionId, at: new Date().toISOString(), state, reason });
  }
}
