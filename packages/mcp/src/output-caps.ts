/**
 * Size caps on what a tool returns, so one call cannot flood an agent's context: long strings,
 * long arrays and deep nesting are cut where they are, each cut saying how much was left out.
 */

export interface CapLimits {
  /** Characters kept of a string. */
  maxString: number;
  /** Items kept of an array. */
  maxItems: number;
  /** Objects and arrays below this depth are replaced by a marker. */
  maxDepth: number;
}

export const DEFAULT_CAPS: CapLimits = { maxString: 2_000, maxItems: 25, maxDepth: 8 };

/** Characters of a tool's whole answer; beyond, the text is cut with a note. */
export const MAX_RESULT_CHARS = 60_000;

/**
 * A copy of `value` within `limits`.
 *
 * @example
 * capJson({ rows: Array(100).fill([1]) }, { maxString: 100, maxItems: 2, maxDepth: 4 });
 * // { rows: [[1], [1], '… 98 more items'] }
 */
export function capJson(value: unknown, limits: CapLimits = DEFAULT_CAPS, depth = 0): unknown {
  if (typeof value === 'string') {
    return value.length > limits.maxString
      ? `${value.slice(0, limits.maxString)}… [${value.length - limits.maxString} more characters]`
      : value;
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth >= limits.maxDepth) return Array.isArray(value) ? '[… nested array]' : '{… nested object}';
  if (Array.isArray(value)) {
    const kept = value.slice(0, limits.maxItems).map((item) => capJson(item, limits, depth + 1));
    const rest = value.length - kept.length;
    return rest > 0 ? [...kept, `… ${rest} more items`] : kept;
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = capJson(item, limits, depth + 1);
  return out;
}

/** The JSON text of a tool's answer, cut at `MAX_RESULT_CHARS` with a note when longer. */
export function resultText(value: unknown, maxChars = MAX_RESULT_CHARS): string {
  const text = JSON.stringify(value, null, 1);
  if (text.length <= maxChars) return text;
  return `${text.slice(0, maxChars)}\n… [answer cut: ${text.length - maxChars} more characters; ask for a narrower part]`;
}
