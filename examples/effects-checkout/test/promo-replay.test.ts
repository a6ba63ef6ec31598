/**
 * The production failure: a 100% promo makes the total $0.00 and the gateway rejects the charge.
 * Its recorded trace replays locally, step by step, to the same failure; against the fixed code it
 * diverges at the charge.
 */
import { readFileSync } from 'node:fs';
import { type EffectTrace, parseTrace, replayTrace, TimeTravel, toTrace } from '@flashback/effects';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkout } from '../src/checkout.js';
import { checkoutFixed } from '../src/checkout-fixed.js';
import { type ShopUnderTest, startShop } from './shop-under-test.js';

const promoOrder = { cartId: 'cart-promo', paymentSource: 'tok_visa' };
const committedTrace = parseTrace(
  readFileSync(new URL('../traces/checkout-promo-100.json', import.meta.url), 'utf8'),
);

let shop: ShopUnderTest;
let productionTrace: EffectTrace;

beforeAll(async () => {
  shop = await startShop();
  const execution = await shop.runtime.run(checkout, promoOrder);
  productionTrace = parseTrace(JSON.stringify(toTrace(execution)));
});
afterAll(() => shop?.stop());

describe('the production run of the 100% promo', () => {
  it('fails because the gateway rejected a $0.00 charge', () => {
    expect(shop.gateway.charges).toEqual([0]);
    expect(productionTrace.outcome).toMatchObject({
      status: 'failure',
      error: { type: 'PaymentRejected', code: 'amount_too_small' },
    });
    expect(shop.db.prepare('select count(*) as n from orders').get()).toEqual({ n: 0 });
  });

  it('charges and records a plain cart', async () => {
    const execution = await shop.runtime.run(checkout, { cartId: 'cart-plain', paymentSource: 'tok_visa' });
    expect(execution.outcome).toMatchObject({ ok: true, value: { totalCents: 2400, status: 'paid' } });
    expect(
      shop.db.prepare("select total_cents, charge_id from orders where cart_id = 'cart-plain'").get(),
    ).toEqual({
      total_cents: 2400,
      charge_id: expect.stringMatching(/^ch_/),
    });
  });
});

describe.each([
  ['a fresh production run', () => productionTrace],
  ['the committed trace', () => committedTrace],
])('replaying %s', (_, traceOf) => {
  it('reproduces the same failure, with no database, gateway or clock', () => {
    const chargesBefore = shop.gateway.charges.length;
    const report = replayTrace(checkout, traceOf());
    expect(report.status).toBe('reproduced');
    expect(report.outcome).toMatchObject({
      ok: false,
      error: {
        type: 'PaymentRejected',
        message: expect.stringContaining('rejected the charge of $0.00 (HTTP 400 amount_too_small)'),
      },
    });
    expect(shop.gateway.charges.length).toBe(chargesBefore);
  });

  it('shows, step by step, the promo lookup, the total, the charge request and the rejection', () => {
    const travel = new TimeTravel(replayTrace(checkout, traceOf()));
    const kinds: string[] = [];
    do {
      const view = travel.view;
      if (view.at === 'step') kinds.push(view.frame.kind);
    } while (travel.forward());
    expect(kinds).toEqual(['config.read', 'sql.query', 'sql.query', 'sql.query', 'http.request']);

    travel.moveTo(3);
    const promo = travel.view;
    expect(promo.at === 'step' && promo.frame.result).toMatchObject({
      ok: true,
      value: { rows: [{ code: 'FREEORDER', percent_off: 100 }] },
    });
    travel.forward();
    const charge = travel.view;
    if (charge.at !== 'step') throw new Error('expected the charge step');
    expect(charge.frame.scope).toMatchObject({ totalCents: 0 });
    expect(charge.frame.input).toMatchObject({ method: 'POST', body: { amount: 0, currency: 'usd' } });
    expect(charge.frame.result).toMatchObject({ ok: true, value: { status: 400 } });
    travel.forward();
    expect(travel.view).toMatchObject({
      at: 'end',
      outcome: { ok: false, error: { type: 'PaymentRejected' } },
    });
  });

  it('against the fixed code, diverges at the charge step', () => {
    const report = replayTrace(checkoutFixed, traceOf());
    expect(report.status).toBe('diverged');
    expect(report.divergence).toMatchObject({
      kind: 'command-differs',
      seq: 4,
      expected: { kind: 'http.request', input: { method: 'POST', body: { amount: 0 } } },
      actual: { kind: 'clock.now' },
    });
    expect(report.divergence?.message).toMatch(
      /^step 4: the code asked for clock.now, the recording has http.request/,
    );
  });
});

describe('the fixed checkout', () => {
  it('completes a $0.00 order without charging the card, and records it as paid', async () => {
    const charges = shop.gateway.charges.length;
    const execution = await shop.runtime.run(checkoutFixed, promoOrder);
    expect(execution.outcome).toMatchObject({
      ok: true,
      value: { totalCents: 0, status: 'paid', chargeId: null },
    });
    expect(shop.gateway.charges.length).toBe(charges);
    expect(
      shop.db.prepare("select total_cents, status, charge_id from orders where cart_id = 'cart-promo'").get(),
    ).toEqual({ total_cents: 0, status: 'paid', charge_id: null });
  });

  it('still charges an order with a total', async () => {
    shop.db.prepare("delete from orders where cart_id = 'cart-plain'").run();
    const execution = await shop.runtime.run(checkoutFixed, {
      cartId: 'cart-plain',
      paymentSource: 'tok_visa',
    });
    expect(execution.outcome).toMatchObject({
      ok: true,
      value: { totalCents: 2400, chargeId: expect.stringMatching(/^ch_/) },
    });
    expect(shop.gateway.charges.at(-1)).toBe(2400);
  });
});
