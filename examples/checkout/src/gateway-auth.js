import { HttpError } from './errors.js';

// Refresh a little before expiry so a token cannot expire between the check and the charge.
const REFRESH_MARGIN_MS = 60_000;

/**
 * Chooses the access token for a merchant's gateway account: the token stored
 * with the merchant while it is valid, otherwise a fresh one from the gateway's
 * OAuth endpoint (kept in memory until it expires).
 *
 * @param {{ gatewayUrl: string, gatewayTimeoutMs: number, gatewayClient: { id: string, secret: string }, fixed: boolean }} config
 */
export function createGatewayAuth(config) {
  /** @type {Map<string, { token: string, expiresAtMs: number }>} */
  const refreshed = new Map();

  /** @param {Date | null} expiresAt */
  const stillValid = (expiresAt) => {
    if (expiresAt === null) {
      // Merchants onboarded on the v1 API have no recorded expiry. The buggy
      // variant reads that as "never expires"; gateway tokens always expire.
      return !config.fixed;
    }
    return expiresAt.getTime() - (config.fixed ? REFRESH_MARGIN_MS : 0) > Date.now();
  };

  /** @param {string} merchantId */
  const refresh = async (merchantId) => {
    const res = await fetch(`${config.gatewayUrl}/v1/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: config.gatewayClient.id,
        client_secret: config.gatewayClient.secret,
        merchant_id: merchantId,
      }),
      signal: AbortSignal.timeout(config.gatewayTimeoutMs),
    });
    const body = await res.json();
    if (!res.ok) {
      throw new HttpError(
        502,
        'gateway_auth_failed',
        `payment gateway refused a token for ${merchantId}: ${body?.error?.code}`,
      );
    }
    const entry = { token: body.access_token, expiresAtMs: body.expires_at * 1000 };
    refreshed.set(merchantId, entry);
    return entry.token;
  };

  return {
    /**
     * @param {{ merchant_id: string, gateway_token: string, token_expires_at: Date | null }} merchant
     * @returns {Promise<string>}
     */
    async accessTokenFor(merchant) {
      if (stillValid(merchant.token_expires_at)) return merchant.gateway_token;
      const cached = refreshed.get(merchant.merchant_id);
      if (cached && stillValid(new Date(cached.expiresAtMs))) return cached.token;
      return refresh(merchant.merchant_id);
    },
  };
}
