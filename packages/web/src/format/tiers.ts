/** The four tiers of DESIGN.md, as the UI names them. */
export const TIER_LABELS: Readonly<Record<number, string>> = {
  1: 'deduplicated',
  2: 'cause explained',
  3: 'reproduced',
  4: 'escalated',
};

export function tierLabel(tier: number): string {
  return TIER_LABELS[tier] ?? 'unknown';
}

/** What each tier means, for tooltips. */
export const TIER_MEANINGS: Readonly<Record<number, string>> = {
  1: 'Same exception and in-app frames as a known issue: counted and linked.',
  2: 'The captured timeline explains the failure.',
  3: 'No rule explains it: reproduced in a sandbox.',
  4: 'Reproduction failed or the cause lies outside the timeline: routed to a developer.',
};
