/**
 * The common search of the dependency rules: among the IO events that failed in a given way, the
 * one that best explains the error — not recovered from, and linked to the error (last IO, named by
 * it, or both; both wins, then the later event).
 */
import { type ErrorLink, failedAttempts, linkConfidence, linkToError, recoveredLater } from './error-link.js';
import type { IoEvent, PackageContext } from './package-context.js';

export interface LinkedFailure<E extends IoEvent> {
  event: E;
  link: ErrorLink;
  /** Seqs of the failed attempts on the same endpoint up to and including `event`. */
  evidence: number[];
  /** `top` adjusted for how strong the link is. */
  confidence: number;
}

/**
 * Finds the failure that explains the error. `needles` gives, per event, extra strings whose
 * mention in the error links it (an upstream's reason or code).
 */
export function findLinkedFailure<E extends IoEvent>(
  ctx: PackageContext,
  failed: (event: IoEvent) => event is E,
  top: number,
  needles?: (event: E) => readonly (string | undefined)[],
): LinkedFailure<E> | undefined;
export function findLinkedFailure(
  ctx: PackageContext,
  failed: (event: IoEvent) => boolean,
  top: number,
  needles?: (event: IoEvent) => readonly (string | undefined)[],
): LinkedFailure<IoEvent> | undefined;
export function findLinkedFailure(
  ctx: PackageContext,
  failed: (event: IoEvent) => boolean,
  top: number,
  needles: (event: IoEvent) => readonly (string | undefined)[] = () => [],
): LinkedFailure<IoEvent> | undefined {
  let best: LinkedFailure<IoEvent> | undefined;
  for (const event of ctx.io) {
    if (!failed(event) || recoveredLater(ctx, event, failed)) continue;
    const link = linkToError(ctx, event, needles(event));
    if (!link) continue;
    const confidence = linkConfidence(link, top);
    // Later events win ties: of two equally linked failures, the later one is nearer the throw.
    if (best && confidence < best.confidence) continue;
    best = { event, link, evidence: failedAttempts(ctx, event, failed), confidence };
  }
  return best;
}
