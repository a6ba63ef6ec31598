/**
 * Prices a cart against the catalogue rows and an optional promo code.
 *
 * @param {{ sku: string, qty: number }[]} items
 * @param {import('./catalogue-repo.js').Product[]} products
 * @param {import('./catalogue-repo.js').PromoCode | undefined} promo
 */
export function priceCart(items, products, promo) {
  const bySku = new Map(products.map((product) => [product.sku, product]));
  const lines = items.map((item) => {
    const product = bySku.get(item.sku);
    return {
      sku: item.sku,
      name: product.name,
      qty: item.qty,
      unitCents: product.price_cents,
      totalCents: product.price_cents * item.qty,
    };
  });
  const subtotalCents = lines.reduce((sum, line) => sum + line.totalCents, 0);
  const discountCents = promo ? Math.round((subtotalCents * promo.percent_off) / 100) : 0;
  return { lines, subtotalCents, discountCents, totalCents: subtotalCents - discountCents };
}
