/**
 * A small order flow for the tests, with commands of its own: reserve stock, price the order,
 * charge it, and stamp it with the clock and an id.
 */
import {
  defineCommand,
  defineProgram,
  effectError,
  fail,
  handle,
  now,
  pipeline,
  succeed,
  uuid,
} from '../src/index.js';

export interface OrderInput {
  sku: string;
  quantity: number;
  placedAt: Date;
}

export const reserveStock = defineCommand<
  { sku: string; quantity: number },
  { reserved: number; left: bigint }
>('stock.reserve');
export const priceOf = defineCommand<{ sku: string }, { unitCents: number; currency: string }>(
  'catalogue.price',
);
export const chargeCard = defineCommand<{ amountCents: number }, { chargeId: string; receipt: Uint8Array }>(
  'payments.charge',
);

export const placeOrder = defineProgram(
  { name: 'place-order', module: import.meta.url },
  (input: OrderInput) =>
    pipeline({ input })
      .step('stock', ({ input }) => reserveStock({ sku: input.sku, quantity: input.quantity }))
      .step('price', ({ input }) => priceOf({ sku: input.sku }))
      .let('totalCents', ({ stock, price }) => stock.reserved * price.unitCents)
      .guard(
        ({ totalCents }) => totalCents > 0,
        ({ totalCents }) => effectError('EmptyOrder', `nothing to charge: total ${totalCents}`),
      )
      .step('payment', ({ totalCents }) => chargeCard({ amountCents: totalCents }))
      .step('at', () => now())
      .step('orderId', () => uuid())
      .andThen(({ orderId, at, payment, totalCents, input, stock }) =>
        succeed({
          orderId,
          totalCents,
          chargeId: payment.chargeId,
          receipt: payment.receipt,
          chargedAt: new Date(at),
          placedAt: input.placedAt,
          stockLeft: stock.left,
          note: undefined,
        }),
      ),
);

/** Handlers backed by in-memory state, counting their calls. */
export function orderHandlers(state: { stock: number; unitCents: number; declineCharges?: boolean }) {
  const calls: string[] = [];
  let ids = 0;
  return {
    calls,
    handlers: [
      handle(reserveStock, ({ sku, quantity }) => {
        calls.push(`reserve ${sku}`);
        if (quantity > state.stock)
          throw Object.assign(new Error(`only ${state.stock} left`), { code: 'OUT_OF_STOCK' });
        state.stock -= quantity;
        return { reserved: quantity, left: BigInt(state.stock) };
      }),
      handle(priceOf, () => {
        calls.push('price');
        return { unitCents: state.unitCents, currency: 'usd' };
      }),
      handle(chargeCard, async ({ amountCents }) => {
        calls.push(`charge ${amountCents}`);
        if (state.declineCharges) throw Object.assign(new Error('card declined'), { code: 'card_declined' });
        return { chargeId: `ch_${amountCents}`, receipt: Buffer.from(`receipt for ${amountCents}`) };
      }),
      handle(defineCommand<null, number>('clock.now'), () => Date.UTC(2026, 0, 2, 3, 4, 5)),
      handle(defineCommand<null, string>('random.uuid'), () => `order-${++ids}`),
    ],
  };
}

/** The same flow after an edit: it charges the price without the quantity (a behaviour change). */
export const placeOrderEdited = defineProgram({ name: 'place-order' }, (input: OrderInput) =>
  pipeline({ input })
    .step('stock', ({ input }) => reserveStock({ sku: input.sku, quantity: input.quantity }))
    .step('price', ({ input }) => priceOf({ sku: input.sku }))
    .step('payment', ({ price }) => chargeCard({ amountCents: price.unitCents }))
    .return(({ payment }) => payment.chargeId),
);

/** A flow that stops after the price lookup. */
export const placeOrderShort = defineProgram({ name: 'place-order' }, (input: OrderInput) =>
  pipeline({ input })
    .step('stock', ({ input }) => reserveStock({ sku: input.sku, quantity: input.quantity }))
    .step('price', ({ input }) => priceOf({ sku: input.sku }))
    .andThen(({ price }) =>
      price.unitCents > 0 ? succeed(price.unitCents) : fail(effectError('Free', 'free')),
    ),
);
