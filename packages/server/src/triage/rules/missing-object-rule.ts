/**
 * `missing-object`: an S3 read (GetObject, HeadObject, ...) found no such key or bucket, and the
 * error followed from it. More specific than `upstream-rejected` for the same 404, so it ranks above
 * it: "the object is not there" is the diagnosis, not "S3 said no".
 */
import type { HttpEvent } from '@flashback/protocol/types';
import { findLinkedFailure } from '../support/linked-failure.js';
import { contextOf, type IoEvent } from '../support/package-context.js';
import { upstreamReason } from '../support/upstream-reason.js';
import type { TriageRule } from '../types.js';

const MISSING_CODES = new Set(['NoSuchKey', 'NoSuchBucket', 'NotFound', 'NoSuchVersion']);

/** Explains a failure by an S3 object (or bucket) that does not exist. */
export const missingObjectRule: TriageRule = {
  id: 'missing-object',
  explain(pkg) {
    const found = findLinkedFailure(contextOf(pkg), isMissingObject, 0.96, (e) => {
      const reason = upstreamReason(e);
      return [reason.code, reason.message, e.aws?.key];
    });
    if (!found) return undefined;
    const { event, evidence, confidence } = found;
    const code = upstreamReason(event).code;
    const bucket = event.aws?.bucket ?? 'unknown';
    const what =
      code === 'NoSuchBucket'
        ? `S3 has no bucket ${bucket}`
        : `S3 has no object ${event.aws?.key ?? '(unknown key)'} in bucket ${bucket}`;
    const operation = event.aws?.operation ?? event.method;
    return {
      kind: 'missing-object',
      summary: `${what} (${operation} answered HTTP ${event.status}${code ? ` ${code}` : ''})`,
      evidence,
      confidence,
    };
  },
};

function isMissingObject(event: IoEvent): event is HttpEvent {
  if (event.type !== 'http' || event.aws?.service !== 's3') return false;
  const code = upstreamReason(event).code;
  return event.status === 404 || (code !== undefined && MISSING_CODES.has(code));
}
