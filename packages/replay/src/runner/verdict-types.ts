/** The verdict of one reproduction: what the runner writes and `reproduce` returns. */
import type { Divergence } from '../stubs/stub-types.js';

export const VERDICT_FORMAT = 'flashback.repro-verdict/1';

/**
 * - `reproduced`: the replayed run threw an error with the original fingerprint;
 * - `different-error`: it threw an error with another fingerprint;
 * - `not-reproduced`: the request succeeded, or failed without a captured error;
 * - `error`: the environment could not be set up; `error` says why.
 */
export type VerdictStatus = 'reproduced' | 'different-error' | 'not-reproduced' | 'error';

export interface ErrorSummary {
  type: string;
  message: string;
  fingerprint: string;
}

/** Milliseconds spent in each phase; absent where the run did not get that far. */
export interface VerdictTimings {
  /** Inferring and materialising the database fixtures, and serving them. */
  fixtureMs?: number;
  /** From starting the sandbox until the runner ran inside it. */
  sandboxReadyMs?: number;
  /** From starting the app until it answered. */
  appReadyMs?: number;
  /** From firing the recorded request until the outcome was observed. */
  triggerMs?: number;
  totalMs: number;
}

/** Where the replayed IO first departed from the recording. */
export interface TimelineDivergence {
  /** Position in the timeline (0-based, IO events only). */
  index: number;
  /** The recorded event at that position, e.g. `db SELECT ... FROM customers ...`; absent when the replay made an extra call. */
  expected?: string;
  /** What the replay did there; absent when the replay stopped short of the recording. */
  actual?: string;
  message: string;
}

export type VerdictDivergence =
  | ({ source: 'stub' } & Divergence)
  | ({ source: 'timeline' } & TimelineDivergence);

export interface Verdict {
  format: typeof VERDICT_FORMAT;
  status: VerdictStatus;
  /** One line saying why. */
  summary: string;
  packageId?: string;
  sandbox?: string;
  original?: ErrorSummary;
  replayed?: ErrorSummary;
  /** The replayed request's answer, when one came. */
  response?: { status: number; body?: string };
  /** Set when the app exited during the replay. */
  appExit?: { code: number | null; signal: string | null };
  /** Why the environment could not be set up (`status: 'error'`). */
  error?: { code: string; message: string; detail?: string };
  timings: VerdictTimings;
  divergences: VerdictDivergence[];
  /** What the replay had to approximate: fixture notes, a cut request body, rewritten configuration. */
  notes?: string[];
  /** The last lines the app wrote to stdout and stderr. */
  appLog?: string;
}
