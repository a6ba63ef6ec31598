import { TIER_MEANINGS, tierLabel } from '../format/tiers.js';

/** `Tier 2 · cause explained`, coloured by tier. */
export function TierBadge({ tier, compact = false }: { tier: number; compact?: boolean }) {
  return (
    <span className={`tier tier-${tier}`} title={TIER_MEANINGS[tier]}>
      <span className="tier-number">{compact ? `T${tier}` : `Tier ${tier}`}</span>
      <span className="tier-label">{tierLabel(tier)}</span>
    </span>
  );
}
