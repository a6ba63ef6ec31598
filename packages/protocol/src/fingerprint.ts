/**
 * Fingerprints group occurrences of the same bug. They must survive restarts, other machines, other
 * install directories and deploys that only move lines, so they hash what identifies the failure
 * (exception type, the in-app call path by function and module, the message with its variable parts
 * replaced) and nothing that merely locates it (lines, columns, absolute paths).
 */
import { sha256Hex } from './sha256.js';
import type { ErrorInfo, ErrorPackage, Frame } from './types.js';

/** Bumped whenever the hashed input changes, so old and new fingerprints never collide by accident. */
const FINGERPRINT_VERSION = 'flashback.fingerprint/1';
const FALLBACK_FRAMES = 5;
const FINGERPRINT_HEX_CHARS = 32;

// Order matters: whole quoted strings first, then the shapes that contain digits (timestamps, uuids,
// hex ids) before the bare number rule would cut them into pieces.
const MESSAGE_RULES: readonly [RegExp, string | ((match: string, ...groups: string[]) => string)][] = [
  // Quoted text that looks like data (has whitespace or is long) rather than an identifier such as
  // the property in "Cannot read properties of undefined (reading 'id')".
  [
    /(?<![\w])(["'`])((?:(?!\1)[^\n]){0,1000})\1(?![\w])/g,
    (match, quote = '', body = '') =>
      body.length >= 20 || /\s/.test(body) ? `${quote}<str>${quote}` : match,
  ],
  [
    /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?\b/gi,
    '<timestamp>',
  ],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>'],
  [/(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, '<email>'],
  // Prefixed ids such as Stripe's ch_3MmlLrLkdIwHu7ix0snN0B15 or cus_NffrFeUfNV2Hib.
  [/\b[A-Za-z]{1,10}_(?=[A-Za-z]*\d)[A-Za-z0-9]{10,}\b/g, '<id>'],
  [/\b0x[0-9a-f]+\b/gi, '<hex>'],
  // Hex ids need a digit so that ordinary words made of a-f letters survive. Long all-digit ids land
  // here too, so an id that happens to have no letter reads the same as its siblings.
  [/\b(?=[a-f]*\d)[0-9a-f]{8,}\b/gi, '<id>'],
  // Digits glued to a letter or underscore belong to an identifier (utf8, HTTP2, E11000, v2).
  [/(?<![A-Za-z_\d])\d+(?:\.\d+)?/g, '<n>'],
];

/**
 * Replaces the variable parts of an error message (ids, numbers, timestamps, emails, quoted data)
 * with placeholders, so that the same failure on different records reads the same.
 *
 * @example
 * normalizeMessage('Order 8f14e45f-ceea-467a-9f1d-2c3a0b1c7d10 total 0.00 rejected');
 * // 'Order <uuid> total <n> rejected'
 */
export function normalizeMessage(message: string): string {
  let out = message;
  for (const [pattern, replacement] of MESSAGE_RULES) {
    out =
      typeof replacement === 'string' ? out.replace(pattern, replacement) : out.replace(pattern, replacement);
  }
  return out.replace(/\s+/g, ' ').trim();
}

/**
 * The fingerprint of an error: 32 lower-case hex characters derived from its type, its in-app frames
 * (function and module; the top five frames when none is in-app) and its normalised message.
 */
export function fingerprintError(error: ErrorInfo): string {
  return hashParts(error.type, selectFrames(error.frames), normalizeMessage(error.message));
}

/**
 * The fingerprint of a package's error. Module paths that still carry the app root (older SDKs,
 * hand-written packages) are made relative first, so installs in different directories agree.
 */
export function fingerprint(pkg: ErrorPackage): string {
  const root = normalizePath(pkg.runtime.appRoot).replace(/\/+$/, '');
  const frames = pkg.error.frames.map((frame) => {
    const module = normalizePath(frame.module);
    return root && module.startsWith(`${root}/`)
      ? { ...frame, module: module.slice(root.length + 1) }
      : frame;
  });
  return hashParts(pkg.error.type, selectFrames(frames), normalizeMessage(pkg.error.message));
}

function hashParts(type: string, frames: string[][], message: string): string {
  const input = JSON.stringify([FINGERPRINT_VERSION, type, frames, message]);
  return sha256Hex(input).slice(0, FINGERPRINT_HEX_CHARS);
}

function selectFrames(frames: readonly Frame[]): string[][] {
  const inApp = frames.filter((frame) => frame.inApp);
  const chosen = inApp.length > 0 ? inApp : frames.slice(0, FALLBACK_FRAMES);
  const out: string[][] = [];
  for (const frame of chosen) {
    const key = [normalizeFunction(frame.function), normalizeModule(frame.module)];
    const previous = out[out.length - 1];
    // Recursion depth varies between occurrences of the same bug; count a recursive run once.
    if (previous && previous[0] === key[0] && previous[1] === key[1]) continue;
    out.push(key);
  }
  return out;
}

function normalizeFunction(name: string): string {
  // V8 names Promise.all members by position ("Promise.all (index 3)"), which varies per occurrence.
  return name.replace(/\s*\(index \d+\)$/, '').trim();
}

function normalizeModule(module: string): string {
  let path = normalizePath(module).replace(/[?#].*$/, '');
  // Package managers nest dependencies under version-specific directories (.pnpm/pkg@1.2.3/...).
  const nodeModules = path.lastIndexOf('node_modules/');
  if (nodeModules >= 0) path = path.slice(nodeModules + 'node_modules/'.length);
  return path.replace(/^\.\//, '');
}

function normalizePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^file:\/\//, '');
}
