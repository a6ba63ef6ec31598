/** Decides the verdict status from what the replay showed. Pure. */
import type { ErrorInfo, ErrorPackage } from '@flashback/protocol/types';
import type { AppExit } from './app-process.js';
import type { TriggerOutcome } from './trigger-send.js';
import type { ErrorSummary, VerdictStatus } from './verdict-types.js';

export interface Observation {
  original: ErrorPackage;
  /** See `pickReplayed`. */
  replayed: ErrorPackage | undefined;
  outcome: TriggerOutcome;
  /** Set when the app exited before it was stopped. */
  appExit: AppExit | undefined;
  /**
   * Where the replay left the recorded path (a call the recording does not have), if it did. An
   * error after that is a consequence of the replay environment refusing the call, not evidence
   * of another failure on the recorded path.
   */
  departure?: string;
}

export interface Classification {
  status: Exclude<VerdictStatus, 'error'>;
  summary: string;
  original: ErrorSummary;
  replayed?: ErrorSummary;
}

export function classify(observation: Observation): Classification {
  const original = summarize(observation.original.error, observation.original.fingerprint);
  const { replayed } = observation;
  if (replayed !== undefined) {
    const other = summarize(replayed.error, replayed.fingerprint);
    if (replayed.fingerprint === observation.original.fingerprint) {
      return { status: 'reproduced', summary: `reproduced: ${headline(other)}`, original, replayed: other };
    }
    if (observation.departure !== undefined) {
      return {
        status: 'not-reproduced',
        summary: `not reproduced: the replay left the recorded path (${observation.departure}), then failed with ${headline(other)}`,
        original,
        replayed: other,
      };
    }
    return {
      status: 'different-error',
      summary: `a different error: ${headline(other)} (recorded: ${headline(original)})`,
      original,
      replayed: other,
    };
  }
  return { status: 'not-reproduced', summary: `not reproduced: ${whatHappened(observation)}`, original };
}

function whatHappened({ outcome, appExit }: Observation): string {
  if (appExit !== undefined) {
    const how = appExit.signal === null ? `with code ${appExit.code}` : `on signal ${appExit.signal}`;
    return `the app exited ${how} without capturing an error`;
  }
  if (outcome.kind === 'failed') return `the request failed (${outcome.message}) and no error was captured`;
  return `the request answered ${outcome.status} and no error was captured`;
}

function summarize(error: ErrorInfo, fingerprint: string): ErrorSummary {
  return { type: error.type, message: error.message, fingerprint };
}

function headline(error: ErrorSummary): string {
  const message = error.message.length > 120 ? `${error.message.slice(0, 119)}…` : error.message;
  return `${error.type}: ${message}`;
}
