/** The checkout example's real captured packages, as the server's triage tests keep them. */
import { readFileSync } from 'node:fs';
import type { ErrorPackage } from '@flashback/protocol';

export type DemoBug = 'bug1-zero-amount-charge' | 'bug2-deleted-customer' | 'bug7-duplicate-payments';

export function demoPackage(bug: DemoBug): ErrorPackage {
  const file = new URL(`../../../server/test/triage/fixtures/${bug}.json`, import.meta.url);
  return JSON.parse(readFileSync(file, 'utf8')) as ErrorPackage;
}
