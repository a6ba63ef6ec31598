/**
 * Replay mode of the preloaded SDK: `FLASHBACK_REPLAY_CLOCK=<ISO time>` pins the app's clock to
 * the moment the recorded request arrived. The clock stays frozen there while the app starts,
 * and advances in real time from the first inbound request on (the replayed trigger), so the
 * request sees the captured time and the durations inside it stay real.
 */
import diagnosticsChannel from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import { debug } from '../debug-logger.js';
import { installReplayClock, type ReplayClock } from './replay-clock.js';

export const REPLAY_CLOCK_ENV = 'FLASHBACK_REPLAY_CLOCK';

/**
 * Requests carrying this header are readiness probes of the reproduction runner (which sends the
 * same literal): they do not start the clock, so probing does not eat into the pinned time.
 */
export const READY_PROBE_HEADER = 'x-flashback-ready-probe';

const REQUEST_START = 'http.server.request.start';

/**
 * Installs the pinned clock when `FLASHBACK_REPLAY_CLOCK` is set; does nothing otherwise. A value
 * that is not a date is reported through the debug logger and ignored: the SDK never stops its host.
 */
export function installReplayClockFromEnv(env: NodeJS.ProcessEnv = process.env): ReplayClock | undefined {
  const raw = env[REPLAY_CLOCK_ENV];
  if (raw === undefined || raw.trim() === '') return undefined;
  const pinnedMs = Date.parse(raw);
  if (!Number.isFinite(pinnedMs)) {
    debug.warn(`ignoring ${REPLAY_CLOCK_ENV}=${JSON.stringify(raw)}: expected an ISO 8601 date and time`);
    return undefined;
  }
  const clock = installReplayClock(pinnedMs);
  const onRequest = (message: unknown): void => {
    const request = (message as { request?: IncomingMessage }).request;
    if (request?.headers[READY_PROBE_HEADER] !== undefined) return;
    clock.start();
    diagnosticsChannel.unsubscribe(REQUEST_START, onRequest);
  };
  diagnosticsChannel.subscribe(REQUEST_START, onRequest);
  debug.log(`replay mode: the clock reads ${new Date(pinnedMs).toISOString()} until the first request`);
  return clock;
}
