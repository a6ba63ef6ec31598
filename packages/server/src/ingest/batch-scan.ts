const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;

/** What one pass over the raw batch text found. */
export interface BatchScan {
  /** Objects and arrays nest deeper than allowed: do not parse. */
  tooDeep: boolean;
  /**
   * `[start, end)` of each element of the top-level `packages` array, so each package can be
   * stored as the text the client sent instead of being serialized again. Undefined when the text
   * has no such array that the scan could follow (the parse decides what is wrong then).
   */
  packages?: [number, number][];
}

/**
 * One pass over the JSON text of an ingest body, before `JSON.parse`. It refuses nesting deeper
 * than `maxDepth` (parsing a megabyte of `[` holds the event loop for seconds, and validating the
 * result recursively would overflow the stack) and finds where each package starts and ends.
 *
 * Strings, most of a package (SQL, bodies, stacks), are skipped with a native `indexOf`, so the
 * cost follows the structure, not the size. Malformed text is left for `JSON.parse` to reject.
 */
export function scanBatch(text: string, maxDepth: number): BatchScan {
  let depth = 0;
  let packages: [number, number][] | undefined;
  let inPackages = false;
  let elementStart = -1;
  let lastKey = '';
  let valueKey: string | undefined;
  let lastSignificant = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x20) continue;
    if (depth === 1 && valueKey !== undefined && c !== COLON) {
      // The value of a top-level key starts here; a later "packages" key wins, as in JSON.parse.
      if (valueKey === 'packages') {
        packages = c === OPEN_BRACKET ? [] : undefined;
        inPackages = c === OPEN_BRACKET;
      }
      valueKey = undefined;
    }
    if (inPackages && depth === 2 && elementStart < 0 && c !== COMMA && c !== CLOSE_BRACKET) elementStart = i;
    if (c === QUOTE) {
      const end = endOfString(text, i);
      if (end < 0) return { tooDeep: false };
      if (depth === 1 && !inPackages) lastKey = text.slice(i + 1, end);
      i = end;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > maxDepth) return { tooDeep: true };
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
      if (inPackages && depth === 1) {
        if (elementStart >= 0) packages?.push([elementStart, lastSignificant + 1]);
        elementStart = -1;
        inPackages = false;
      }
    } else if (c === COLON && depth === 1) {
      // An escaped key could spell "packages" in a way only JSON.parse sees: do not guess.
      if (lastKey.includes('\\')) return scanDepthOnly(text, i, depth, maxDepth);
      valueKey = lastKey;
    } else if (c === COMMA && inPackages && depth === 2) {
      if (elementStart >= 0) packages?.push([elementStart, lastSignificant + 1]);
      elementStart = -1;
    }
    lastSignificant = i;
  }
  return depth === 0 && packages ? { tooDeep: false, packages } : { tooDeep: false };
}

/** The rest of the text, for depth only: used once the package positions cannot be trusted. */
function scanDepthOnly(text: string, from: number, startDepth: number, maxDepth: number): BatchScan {
  let depth = startDepth;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = endOfString(text, i);
      if (i < 0) break;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > maxDepth) return { tooDeep: true };
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
  }
  return { tooDeep: false };
}

/** Index of the quote that closes the string opened at `start`, or -1 when it is never closed. */
function endOfString(text: string, start: number): number {
  let at = start;
  for (;;) {
    at = text.indexOf('"', at + 1);
    if (at < 0) return -1;
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
}
