import type { EncodedValue } from '@flashback/protocol/types';
import { DEFAULT_VALUE_LIMITS, encodeValue } from '@flashback/protocol/values';

/**
 * `encodeValue` for one parameter or column value, with the common plain values (a short string,
 * a finite number, a boolean, null) returned as they are without entering the general encoder,
 * which allocates a cycle-tracking set per call. A request encodes dozens of these.
 */
export function encodeCell(value: unknown): EncodedValue {
  switch (typeof value) {
    case 'string':
      if (value.length <= DEFAULT_VALUE_LIMITS.maxStringLength) return value;
      break;
    case 'number':
      if (Number.isFinite(value)) return value;
      break;
    case 'boolean':
      return value;
    case 'object':
      if (value === null) return null;
      break;
  }
  return encodeValue(value);
}
