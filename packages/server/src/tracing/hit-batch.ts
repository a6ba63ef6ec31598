import { formatJsonPath } from '@flashback/protocol';
import { TRACING_FORMAT, type TracingHitBatch } from '@flashback/protocol/tracing';
import { z } from 'zod';
import { ServerError } from '../app/server-errors.js';

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
    reason: z.string().max(4_000),
  }),
]);

const BatchSchema = z.object({
  format: z.literal(TRACING_FORMAT),
  service: z.string().min(1).max(200),
  instance: z.string().min(1).max(300),
  hits: z.array(HitSchema).min(1).max(MAX_HITS_PER_BATCH),
});

/** The batch when `body` is one; a 400 naming the JSON paths at fault otherwise. */
export function parseHitBatch(body: unknown): TracingHitBatch {
  const parsed = BatchSchema.safeParse(body);
  if (parsed.success) return parsed.data as TracingHitBatch;
  const details = parsed.error.issues.slice(0, 50).map((issue) => ({
    path: formatJsonPath(issue.path),
    message: issue.message,
  }));
  const first = details[0];
  throw new ServerError(
    'FB_ERR_INVALID_BATCH',
    `not a ${TRACING_FORMAT} hit batch: ${first ? `${first.path || '(body)'}: ${first.message}` : 'invalid'}`,
    { details },
  );
}
