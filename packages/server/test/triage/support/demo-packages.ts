/**
 * The real error packages the checkout example produced for its production bugs (captured by
 * `node scripts/demo.mjs`, copied into ../fixtures; content unchanged, formatted by biome), and a
 * way to derive variants of them that are still valid packages.
 */
import { readFileSync } from 'node:fs';
import { type ErrorPackage, validatePackage } from '@flashback/protocol';

/** The demo bugs, by fixture name (see examples/checkout/BUGS.md). */
export const DEMO_BUGS = [
  'bug1-zero-amount-charge',
  'bug2-deleted-customer',
  'bug3-gateway-503',
  'bug3b-gateway-timeout',
  'bug4-redis-timeout',
  'bug5-expired-token',
  'bug6-items-object',
  'bug7-duplicate-payments',
  'bug8-missing-receipt-template',
] as const;

export type DemoBug = (typeof DEMO_BUGS)[number];

const texts = new Map<DemoBug, string>();

/** A fresh copy of a demo package: tests may change it freely. */
export function demoPackage(bug: DemoBug): ErrorPackage {
  let text = texts.get(bug);
  if (text === undefined) {
    text = readFileSync(new URL(`../fixtures/${bug}.json`, import.meta.url), 'utf8');
    texts.set(bug, text);
  }
  return valid(JSON.parse(text));
}

/**
 * A demo package changed by `edit`, checked against the protocol schema so a test never passes on a
 * shape no SDK could send.
 */
export function variant(bug: DemoBug, edit: (pkg: ErrorPackage) => void): ErrorPackage {
  const pkg = demoPackage(bug);
  edit(pkg);
  return valid(pkg);
}

function valid(json: unknown): ErrorPackage {
  const result = validatePackage(json);
  if (!result.ok) {
    throw new Error(`not a valid package: ${result.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  }
  return result.package;
}
