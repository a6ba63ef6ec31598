/**
 * The steps of a checkout, as pure functions of the pipeline's scope: load the settings and the
 * cart, look up its promo, compute the total, charge the gateway, record the order.
 */
import {
  type Effect,
  type EffectError,
  effectError,
  type HttpResponse,
  http,
  jsonBody,
  now,
  pipeline,
  query,
  type SqlRows,
  succeed,
  uuid,
} from '@flashback/effects';
import { readSetting } from './checkout-commands.js';
import { type CartItem, computeTotalCents, formatCents, type Promo } from './pricing.js';

export interface CheckoutInput {
  cartId: string;
  /** The card token the customer's browser obtained from the gateway. */
  paymentSource: string;
}

export interface Cart {
  id: string;
  customer_email: string;
  promo_code: string | null;
  currency: string;
}

export interface Receipt {
  orderId: string;
  totalCents: number;
  status: 'paid';
  chargeId: string | null;
}

const NO_PROMO: SqlRows<Promo> = { rows: [], rowCount: 0 };

/** Everything up to the total: the same before and after the fix. */
export function priceCart(input: CheckoutInput) {
  return pipeline({ input })
    .step('gatewayUrl', () => readSetting({ name: 'PAYMENT_GATEWAY_URL' }))
    .step('carts', ({ input }) =>
      query<Cart>('select id, customer_email, promo_code, currency from carts where id = ?', [input.cartId]),
    )
    .guard(
      ({ carts }) => carts.rows.length === 1,
      ({ input }) => effectError('CartNotFound', `no cart ${input.cartId}`),
    )
    .let('cart', ({ carts }) => carts.rows[0] as Cart)
    .step('items', ({ cart }) =>
      query<CartItem>('select sku, unit_price_cents, quantity from cart_items where cart_id = ?', [cart.id]),
    )
    .step(
      'promos',
      ({ cart }): Effect<SqlRows<Promo>> =>
        cart.promo_code
          ? query<Promo>('select code, percent_off from promos where code = ?', [cart.promo_code])
          : succeed(NO_PROMO),
    )
    .let('totalCents', ({ items, promos }) => computeTotalCents(items.rows, promos.rows[0]));
}

/** What pricing hands on to payment. */
export interface PricedCart {
  input: CheckoutInput;
  gatewayUrl: string;
  cart: Cart;
  totalCents: number;
}

/** Charges the total on the customer's card, then records the order. */
export function chargeAndRecord(priced: PricedCart): Effect<Receipt> {
  const { input, gatewayUrl, cart, totalCents } = priced;
  return pipeline(priced)
    .step('charge', () =>
      http({
        method: 'POST',
        url: `${gatewayUrl}/v1/charges`,
        headers: { 'idempotency-key': `checkout-${cart.id}` },
        body: {
          amount: totalCents,
          currency: cart.currency,
          source: input.paymentSource,
          description: `Order for ${cart.id}`,
        },
      }),
    )
    .guard(
      ({ charge }) => charge.status < 300,
      ({ charge }) => rejection(charge, totalCents),
    )
    .andThen(({ charge }) => recordOrder(cart, totalCents, chargeId(charge)));
}

/** The gateway said no: its own reason, in its own words, is the error. */
export function rejection(charge: HttpResponse, totalCents: number): EffectError {
  const body = jsonBody(charge) as { error?: { code?: string; message?: string } } | undefined;
  const reason = body?.error?.message ?? charge.body;
  const code = body?.error?.code;
  return effectError(
    'PaymentRejected',
    `the payment gateway rejected the charge of ${formatCents(totalCents)} (HTTP ${charge.status}${code ? ` ${code}` : ''}): ${reason}`,
    code ? { code } : {},
  );
}

/** Stamps and stores the order, then answers with the receipt. */
export function recordOrder(cart: Cart, totalCents: number, chargeId: string | null): Effect<Receipt> {
  return pipeline({ cart, totalCents, chargeId })
    .step('placedAt', () => now())
    .step('orderId', () => uuid())
    .do(({ orderId, placedAt }) =>
      query(
        'insert into orders (id, cart_id, total_cents, status, charge_id, placed_at) values (?, ?, ?, ?, ?, ?)',
        [orderId, cart.id, totalCents, 'paid', chargeId, new Date(placedAt).toISOString()],
      ),
    )
    .return(({ orderId }): Receipt => ({ orderId, totalCents, status: 'paid', chargeId }));
}

export function chargeId(charge: HttpResponse): string | null {
  const body = jsonBody(charge) as { id?: string } | undefined;
  return body?.id ?? null;
}
