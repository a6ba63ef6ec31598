/** Inputs the tracing tools share. */
import { z } from 'zod';

export const serviceInput = z
  .string()
  .min(1)
  .describe('The service as its packages name it (service.name, FLASHBACK_SERVICE), e.g. "checkout".');

export const fileInput = z
  .string()
  .min(1)
  .describe(
    'Source file relative to the service’s app root (or absolute), as in the package’s stack frames, e.g. "src/pricing.js"; a TypeScript source is mapped through source maps.',
  );

export const lineInput = z
  .number()
  .int()
  .min(1)
  .describe('1-based line; the action runs before the statement that starts there.');

export const conditionInput = z
  .string()
  .min(1)
  .max(2_000)
  .optional()
  .describe(
    'JavaScript expression over the variables in scope at the line, e.g. "promo && promo.percent_off === 100". It must be side-effect free: no calls, assignments, ++/--, new, getters; one that could have a side effect is rejected and never runs.',
  );

export const maxHitsInput = z.number().int().min(1).max(10_000).optional();

export const ttlSecondsInput = z
  .number()
  .int()
  .min(1)
  .max(86_400)
  .optional()
  .describe('Seconds until the action removes itself. Default 600.');

export const actionIdInput = z
  .string()
  .min(1)
  .describe('Tracing action id, as trace_snapshot, trace_log or trace_list return it.');
