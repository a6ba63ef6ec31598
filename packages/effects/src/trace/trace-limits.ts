import type { ValueLimits } from '@flashback/protocol/values';

/**
 * Value limits for traces. Replay feeds recorded results back to the logic, so a value cut short
 * would replay differently: the limits are wide, and only guard against a runaway value.
 */
export const TRACE_VALUE_LIMITS: ValueLimits = {
  maxDepth: 64,
  maxBreadth: 100_000,
  maxStringLength: 4 * 1024 * 1024,
  maxBytes: 16 * 1024 * 1024,
};
