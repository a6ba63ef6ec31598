/**
 * Fires the recorded request at the replayed app and watches what follows: the answer, a package
 * the SDK writes for the replayed failure, or the app going down.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { ErrorPackage } from '@flashback/protocol/types';
import type { AppExit, AppProcess } from './app-process.js';
import { pickReplayed, readReplayedPackages } from './replayed-packages.js';
import type { TriggerRequest } from './trigger-request.js';
import { sendTrigger, type TriggerOutcome } from './trigger-send.js';

export interface Observed {
  outcome: TriggerOutcome;
  replayed: ErrorPackage | undefined;
  /** Set when the app exited by itself. */
  appExit: AppExit | undefined;
  triggerMs: number;
}

export interface ObserveOptions {
  app: AppProcess;
  port: number;
  request: TriggerRequest;
  original: ErrorPackage;
  packagesDir: string;
  /** Epoch ms. */
  deadline: number;
}

// A failed request is normally followed by its package within milliseconds (the SDK writes it
// as the error is handled); these bound the wait where none comes.
const PACKAGE_WAIT_AFTER_FAILURE_MS = 5000;
const PACKAGE_WAIT_AFTER_SUCCESS_MS = 500;
const POLL_MS = 20;

export async function fireAndObserve(options: ObserveOptions): Promise<Observed> {
  const { app, original } = options;
  const started = performance.now();
  const stop = new AbortController();
  const untilDeadline = setTimeout(() => stop.abort(), Math.max(0, options.deadline - Date.now()));
  void app.exited.then(() => stop.abort());
  let outcome = await sendTrigger(options.port, options.request, stop.signal);
  clearTimeout(untilDeadline);
  if (outcome.kind === 'failed' && stop.signal.aborted && app.exit() === undefined) {
    outcome = { kind: 'failed', message: 'no answer before the time limit' };
  }

  const failed = outcome.kind === 'failed' || outcome.status >= 500;
  const waitUntil = Math.min(
    options.deadline,
    Date.now() + (failed ? PACKAGE_WAIT_AFTER_FAILURE_MS : PACKAGE_WAIT_AFTER_SUCCESS_MS),
  );
  let replayed: ErrorPackage | undefined;
  for (;;) {
    replayed = pickReplayed(await readReplayedPackages(options.packagesDir), original);
    if (replayed?.fingerprint === original.fingerprint) break;
    // Once the app is gone no package can follow; a different one may still be superseded.
    if (app.exit() !== undefined || Date.now() >= waitUntil) break;
    await Promise.race([delay(POLL_MS), app.exited]);
  }
  return { outcome, replayed, appExit: app.exit(), triggerMs: Math.round(performance.now() - started) };
}
