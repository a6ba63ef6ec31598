import { type PreparedPackage, packageMeta } from '../storage/ingest-records.js';
import { type DecodeLimits, decodeIngestBody } from './decode-body.js';
import { type BatchLimits, parseBatch, type RejectedPackage, validateBatch } from './parse-batch.js';
import { type TriagePackage, triageBothWays } from './triage-contract.js';

export interface IngestHeaders {
  'content-type'?: string | undefined;
  'content-encoding'?: string | undefined;
}

export type ValidationLimits = DecodeLimits & BatchLimits;

/** An ingest body taken apart: how many packages it held, the valid ones ready to store, the rest. */
export interface ValidatedBatch {
  count: number;
  valid: PreparedPackage[];
  rejected: RejectedPackage[];
}

/**
 * Everything ingest does to a body before it needs the database: decompress, check the media
 * type, the size once inflated, UTF-8, nesting, the batch shape, each package against the
 * protocol schema, and tier 1/2 triage. Throws the `ServerError` that says what is wrong with the
 * body as a whole.
 */
export async function decodeAndValidate(
  raw: Uint8Array,
  headers: IngestHeaders,
  limits: ValidationLimits,
  triage: TriagePackage,
): Promise<ValidatedBatch> {
  const bytes = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const text = await decodeIngestBody(bytes, headers, limits);
  const batch = parseBatch(text, limits);
  const { valid, rejected } = validateBatch(batch);
  return {
    count: batch.items.length,
    valid: valid.map(({ pkg, body }) => ({
      meta: packageMeta(pkg),
      body,
      triage: triageBothWays(triage, pkg),
    })),
    rejected,
  };
}
