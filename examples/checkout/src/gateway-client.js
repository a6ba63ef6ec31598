import { setTimeout as delay } from 'node:timers/promises';
import { GatewayAuthError, HttpError } from './errors.js';

const ATTEMPTS = 3;

/**
 * The payment gateway's charges API over fetch.
 *
 * @typedef {{ id: string, status: string, amount: number, currency: string }} Charge
 * @typedef {{ accessToken: string, idempotencyKey: string, amountCents: number, currency: string,
 *   source: string, description: string, receiptEmail: string }} ChargeRequest
 *
 * @param {{ gatewayUrl: string, gatewayTimeoutMs: number, fixed: boolean }} config
 */
export function createGatewayClient(config) {
  /** @param {ChargeRequest} request */
  const send = (request) =>
    fetch(`${config.gatewayUrl}/v1/charges`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${request.accessToken}`,
        'content-type': 'application/json',
        'idempotency-key': request.idempotencyKey,
      },
      body: JSON.stringify({
        amount: request.amountCents,
        currency: request.currency,
        source: request.source,
        description: request.description,
        receipt_email: request.receiptEmail,
      }),
      signal: AbortSignal.timeout(config.gatewayTimeoutMs),
    });

  /**
   * As first written: one attempt, and only card declines are expected to fail.
   * @param {ChargeRequest} request
   * @returns {Promise<Charge>}
   */
  const createChargeOnce = async (request) => {
    const res = await send(request);
    if (res.status === 401) {
      throw new GatewayAuthError(`payment gateway refused the merchant's access token: ${await res.text()}`);
    }
    const payload = await res.json();
    if (payload.error?.type === 'card_error')
      throw new HttpError(402, payload.error.code, payload.error.message);
    return payload.charge;
  };

  /**
   * Retries timeouts and 5xx with the same idempotency key (the gateway then
   * never charges twice), and turns every refusal into a clear 4xx/503.
   * @param {ChargeRequest} request
   * @returns {Promise<Charge>}
   */
  const createChargeWithRetries = async (request) => {
    for (let attempt = 1; ; attempt++) {
      let res;
      try {
        res = await send(request);
      } catch (error) {
        if (attempt < ATTEMPTS && isTimeout(error)) continue;
        throw new HttpError(503, 'payment_gateway_unavailable', 'the payment gateway did not answer', {
          cause: error,
        });
      }
      if (res.status >= 500) {
        await res.arrayBuffer();
        if (attempt < ATTEMPTS) {
          await delay(100 * attempt);
          continue;
        }
        throw new HttpError(503, 'payment_gateway_unavailable', `the payment gateway answered ${res.status}`);
      }
      const payload = await res.json();
      if (!res.ok) {
        const code = payload?.error?.code ?? 'payment_rejected';
        throw new HttpError(
          402,
          code,
          payload?.error?.message ?? `the payment gateway answered ${res.status}`,
        );
      }
      return payload.charge;
    }
  };

  return { createCharge: config.fixed ? createChargeWithRetries : createChargeOnce };
}

/** @param {unknown} error */
function isTimeout(error) {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}
