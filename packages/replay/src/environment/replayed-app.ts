/**
 * The app of a replay environment: started with the replay's environment on a free port, polled
 * until ready, then asked the recorded request once more.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { freePort } from '@flashback/ports';
import type { ErrorPackage, HttpTrigger } from '@flashback/protocol/types';
import { type AppProcess, startApp } from '../runner/app-process.js';
import { waitUntilReady } from '../runner/app-ready.js';
import { pickReplayed, readReplayedPackages } from '../runner/replayed-packages.js';
import { triggerRequest } from '../runner/trigger-request.js';
import { sendTrigger } from '../runner/trigger-send.js';

export interface ReplayAppSpec {
  /** Directory the start command runs in. */
  dir: string;
  /** Shell command that starts the app (`sh -c`). */
  start: string;
  /** Port to listen on; default a free one, given to the app as `PORT`. */
  port?: number;
  /** Path polled with GET until it answers below 500; without it, until the port accepts connections. */
  readyPath?: string;
  /** Variables over the recorded configuration (addresses in them are pointed at the stand-ins too). */
  env?: Record<string, string>;
  /** How long the app may take to get ready; default 30 000 ms. */
  readyTimeoutMs?: number;
}

/** The app's answer to the replayed request. */
export interface TriggerResponse {
  status: number;
  body: string;
}

export interface ReplayedApp {
  port: number;
  /** Sends the recorded request again (method, path, headers, body) and resolves with the answer. */
  fireTrigger(timeoutMs?: number): Promise<TriggerResponse>;
  /**
   * The error the SDK captured in the app for the replayed request (`Type: message`), waiting up
   * to `waitMs` for its package to be written.
   */
  capturedError(waitMs?: number): Promise<string | undefined>;
  /** The last 16 KiB the app wrote to stdout and stderr. */
  log(): string;
  /** A failure message for an assertion: the answer, the captured error and the app's last output. */
  explain(response: TriggerResponse): Promise<string>;
  stop(): Promise<void>;
}

export interface ReplayedAppContext {
  pkg: ErrorPackage;
  trigger: HttpTrigger;
  env(port: number): Record<string, string>;
  postgresReady: Promise<void>;
  beforeTrigger(): void;
  packagesDir: string;
}

const DEFAULT_READY_TIMEOUT_MS = 30_000;
const DEFAULT_TRIGGER_TIMEOUT_MS = 30_000;
const LOG_SHOWN = 3000;
const PACKAGE_WAIT_MS = 2000;
const POLL_MS = 25;

export async function startReplayedApp(
  spec: ReplayAppSpec,
  context: ReplayedAppContext,
): Promise<ReplayedApp> {
  const port = await appPort(spec, context.pkg);
  const child: AppProcess = startApp(spec.start, spec.dir, context.env(port));
  const stop = async (): Promise<void> => {
    await child.stop(3000).catch(() => undefined);
  };
  try {
    await context.postgresReady;
    await waitUntilReady({
      port,
      ...(spec.readyPath === undefined ? {} : { readyPath: spec.readyPath }),
      app: child,
      deadline: Date.now() + (spec.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS),
    });
  } catch (error: unknown) {
    await stop();
    throw error;
  }
  const capturedError = async (waitMs = 0): Promise<string | undefined> => {
    const until = Date.now() + waitMs;
    for (;;) {
      const replayed = pickReplayed(await readReplayedPackages(context.packagesDir), context.pkg);
      if (replayed) return `${replayed.error.type}: ${replayed.error.message}`;
      if (Date.now() >= until) return undefined;
      await delay(POLL_MS);
    }
  };
  return {
    port,
    async fireTrigger(timeoutMs = DEFAULT_TRIGGER_TIMEOUT_MS) {
      context.beforeTrigger();
      const outcome = await sendTrigger(
        port,
        triggerRequest(context.trigger),
        AbortSignal.timeout(timeoutMs),
      );
      if (outcome.kind === 'failed') {
        throw new Error(`the replayed request got no answer: ${outcome.message}\n${tail(child.log())}`);
      }
      return { status: outcome.status, body: outcome.body };
    },
    capturedError,
    log: () => child.log(),
    async explain(response) {
      // The SDK writes the package of a failed request just after the answer goes out.
      const error = await capturedError(response.status >= 500 ? PACKAGE_WAIT_MS : 0);
      return [
        `the app answered ${response.status}: ${response.body}`,
        ...(error === undefined ? [] : [`captured in the app: ${error}`]),
        `app output (last lines):\n${tail(child.log())}`,
      ].join('\n');
    },
    stop,
  };
}

/** The given port, else a free one when the recorded configuration has a `PORT` to carry it. */
async function appPort(spec: ReplayAppSpec, pkg: ErrorPackage): Promise<number> {
  if (spec.port !== undefined) return spec.port;
  const given = spec.env?.PORT;
  if (given !== undefined && /^\d+$/.test(given)) return Number(given);
  if ('PORT' in pkg.runtime.env) return freePort();
  throw new Error(
    'the recorded configuration has no PORT: give the port the app listens on (the `port` of the app spec)',
  );
}

function tail(log: string): string {
  return log.length > LOG_SHOWN ? `…${log.slice(-LOG_SHOWN)}` : log;
}
