/** Pure pricing: the total of a cart after its promo, in cents. */
export interface CartItem {
  sku: string;
  unit_price_cents: number;
  quantity: number;
}

export interface Promo {
  code: string;
  percent_off: number;
}

export function computeTotalCents(items: readonly CartItem[], promo: Promo | undefined): number {
  const subtotal = items.reduce((sum, item) => sum + item.unit_price_cents * item.quantity, 0);
  const discount = promo ? Math.round((subtotal * promo.percent_off) / 100) : 0;
  return Math.max(0, subtotal - discount);
}

export function formatCents(cents: number): string {
  return `$${(cents / 100).toFixed(2)}`;
}
