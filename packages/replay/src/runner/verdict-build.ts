/** Assembles the verdict document from what the run observed, or from why it could not run. */
import type { ErrorPackage } from '@flashback/protocol/types';
import type { Divergence } from '../stubs/stub-types.js';
import { isReproError } from './errors.js';
import type { Observed } from './trigger-observe.js';
import { classify } from './verdict-classify.js';
import {
  type TimelineDivergence,
  VERDICT_FORMAT,
  type Verdict,
  type VerdictDivergence,
} from './verdict-types.js';

const LOG_KEPT = 4000;

export function observedVerdict(
  pkg: ErrorPackage,
  sandbox: string,
  observed: Observed,
  stubDivergences: readonly Divergence[],
  timeline: TimelineDivergence | undefined,
  appLog: string,
): Verdict {
  const result = classify({ original: pkg, ...observed, ...departure(stubDivergences, timeline) });
  const verdict: Verdict = {
    format: VERDICT_FORMAT,
    status: result.status,
    summary: result.summary,
    packageId: pkg.id,
    sandbox,
    original: result.original,
    timings: { totalMs: 0 },
    divergences: divergences(stubDivergences, timeline),
  };
  if (result.replayed) verdict.replayed = result.replayed;
  if (observed.outcome.kind === 'response') {
    verdict.response = { status: observed.outcome.status, body: observed.outcome.body };
  }
  if (observed.appExit !== undefined) verdict.appExit = observed.appExit;
  if (result.status !== 'reproduced') verdict.appLog = tail(appLog);
  return verdict;
}

/** The first call the replay made that the recording does not have, if any. */
function departure(
  stubs: readonly Divergence[],
  timeline: TimelineDivergence | undefined,
): { departure?: string } {
  // Out-of-order calls (`mismatch`) were still answered from the recording: not a departure.
  const call = stubs.find((d) => d.kind === 'unexpected-call');
  if (call !== undefined) return { departure: `${call.service}: ${call.asked ?? call.message}` };
  if (timeline?.actual !== undefined) return { departure: timeline.message };
  return {};
}

/** The `error` verdict: the environment could not be set up; says why. */
export function errorVerdict(
  pkg: ErrorPackage | undefined,
  sandbox: string | undefined,
  error: unknown,
  appLog?: string,
  stubDivergences: readonly Divergence[] = [],
): Verdict {
  const code = isReproError(error) ? error.code : codeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  const detail = isReproError(error) ? error.detail : undefined;
  const verdict: Verdict = {
    format: VERDICT_FORMAT,
    status: 'error',
    summary: `could not reproduce: ${message}`,
    error: detail === undefined ? { code, message } : { code, message, detail },
    timings: { totalMs: 0 },
    // The replay never ran: recorded calls it did not make say nothing; a refused call made while
    // the app started may say why it did not.
    divergences: divergences(
      stubDivergences.filter((d) => d.kind === 'unexpected-call'),
      undefined,
    ),
  };
  if (pkg !== undefined) {
    verdict.packageId = pkg.id;
    verdict.original = { type: pkg.error.type, message: pkg.error.message, fingerprint: pkg.fingerprint };
  }
  if (sandbox !== undefined) verdict.sandbox = sandbox;
  if (appLog) verdict.appLog = tail(appLog);
  return verdict;
}

function divergences(
  stubs: readonly Divergence[],
  timeline: TimelineDivergence | undefined,
): VerdictDivergence[] {
  const all: VerdictDivergence[] = stubs.map((d) => ({ source: 'stub', ...d }));
  if (timeline !== undefined) all.push({ source: 'timeline', ...timeline });
  return all;
}

/** Typed errors of the other parts (fixtures, stubs, sandbox) keep their own stable codes. */
function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('FB_') ? code : 'FB_REPRO_RUNNER_FAILED';
}

function tail(log: string): string {
  return log.length > LOG_KEPT ? `…${log.slice(-LOG_KEPT)}` : log;
}
