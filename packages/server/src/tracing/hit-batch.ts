import { formatJsonPath } from '@flashback/protocol';
import { TRACING_FORMAT, type TracingHit, type TracingHitBatch } from '@flashback/protocol/tracing';
import { z } from 'zod';
import { type ErrorDetail, ServerError } from '../app/server-errors.js';

/** Hits in one batch; the SDK sends far fewer, batched every second or so. */
export const MAX_HITS_PER_BATCH = 1_000;

const isoTime = z.iso.datetime({ offset: true });
const EncodedValueSchema: z.ZodType = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(EncodedValueSchema),
    z.record(z.string(), EncodedValueSchema),
  ]),
);

const FrameSchema = z.object({
  function: z.string(),
  file: z.string(),
  line: z.number().int().nonnegative(),
  column: z.number().int().nonnegative(),
  inApp: z.boolean(),
  locals: z.record(z.string(), EncodedValueSchema).optional(),
});

const base = { actionId: z.string().min(1).max(100), at: isoTime };

const HitSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('snapshot'),
    ...base,
    frames: z.array(FrameSchema).max(200),
    pauseMs: z.number().nonnegative(),
  }),
  z.object({ kind: z.literal('log'), ...base, message: z.string().max(64 * 1024) }),
  z.object({
    kind: z.literal('status'),
    ...base,
    state: z.enum(['applied', 'disabled', 'error', 'removed']),
    reason: z.string().max(16 * 1024),
  }),
]);

const BatchSchema = z.object({
  format: z.literal(TRACING_FORMAT),
  service: z.string().min(1).max(200),
  instance: z.string().min(1).max(300),
  hits: z.array(z.unknown()).min(1).max(MAX_HITS_PER_BATCH),
});

/** A hit that was not valid, by its index in the batch, with the JSON paths at fault. */
export interface RejectedHit {
  index: number;
  errors: ErrorDetail[];
}

/**
 * The batch with its valid hits, and the invalid ones listed: like ingest, one bad hit does not
 * cost the others. A 400 naming the JSON paths at fault when the batch itself is not one, or when
 * none of its hits is valid.
 */
export function parseHitBatch(body: unknown): { batch: TracingHitBatch; rejected: RejectedHit[] } {
  const envelope = BatchSchema.safeParse(body);
  if (!envelope.success) throw invalidBatch(envelope.error.issues.map((issue) => detail(issue, [])));
  const hits: TracingHit[] = [];
  const rejected: RejectedHit[] = [];
  envelope.data.hits.forEach((raw, index) => {
    const hit = HitSchema.safeParse(raw);
    if (hit.success) hits.push(hit.data as TracingHit);
    else rejected.push({ index, errors: hit.error.issues.map((issue) => detail(issue, ['hits', index])) });
  });
  if (hits.length === 0)
    throw invalidBatch(
      rejected.flatMap((r) => r.errors),
      { rejected },
    );
  return { batch: { ...envelope.data, format: TRACING_FORMAT, hits }, rejected };
}

function detail(issue: z.core.$ZodIssue, prefix: PropertyKey[]): ErrorDetail {
  return { path: formatJsonPath([...prefix, ...issue.path]), message: issue.message };
}

function invalidBatch(details: ErrorDetail[], extra?: Record<string, unknown>): ServerError {
  const first = details[0];
  return new ServerError(
    'FB_ERR_INVALID_BATCH',
    `not a valid ${TRACING_FORMAT} hit batch: ${first ? `${first.path || '(body)'}: ${first.message}` : 'no hits'}`,
    { details: details.slice(0, 50), ...(extra ? { extra } : {}) },
  );
}
