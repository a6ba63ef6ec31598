import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Access tokens of the fake payment gateway: `gw_<base64url payload>.<base64url HMAC>`,
 * the payload carrying the merchant and the expiry (unix seconds). Stateless, so
 * a token minted once (and stored in a merchant row) stays verifiable by any
 * gateway instance using the same key, and expires by the gateway's clock alone.
 */

/** The stand-in's signing key. Not a secret: it only guards a fake on loopback. */
export const STAND_IN_SIGNING_KEY = 'flashback-stand-in-gateway-signing-key';

/**
 * @param {{ merchantId: string, expiresAt: number }} claims expiresAt in unix seconds
 * @param {string} [key]
 * @returns {string}
 */
export function mintToken(claims, key = STAND_IN_SIGNING_KEY) {
  const payload = Buffer.from(JSON.stringify({ mid: claims.merchantId, exp: claims.expiresAt })).toString(
    'base64url',
  );
  return `gw_${payload}.${sign(payload, key)}`;
}

/**
 * @typedef {{ ok: true, merchantId: string, expiresAt: number }
 *   | { ok: false, code: 'missing_token' | 'invalid_token' | 'token_expired', message: string }} TokenCheck
 */

/**
 * @param {string | undefined} token
 * @param {number} nowMs the gateway's clock
 * @param {string} [key]
 * @returns {TokenCheck}
 */
export function verifyToken(token, nowMs, key = STAND_IN_SIGNING_KEY) {
  if (!token) return { ok: false, code: 'missing_token', message: 'No bearer token provided' };
  const match = /^gw_([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(token);
  if (!match || !safeEqual(sign(match[1], key), match[2])) {
    return {
      ok: false,
      code: 'invalid_token',
      message: 'The access token is malformed or was not issued by this gateway',
    };
  }
  const claims = JSON.parse(Buffer.from(match[1], 'base64url').toString('utf8'));
  if (claims.exp * 1000 <= nowMs) {
    const at = new Date(claims.exp * 1000).toISOString();
    return { ok: false, code: 'token_expired', message: `The access token expired at ${at}` };
  }
  return { ok: true, merchantId: claims.mid, expiresAt: claims.exp };
}

function sign(payload, key) {
  return createHmac('sha256', key).update(payload).digest('base64url');
}

function safeEqual(a, b) {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
