// Line 5 is the hot line the benchmark places actions at (50 hits per request).
export function priceCart(lines, promo) {
  let total = 0;
  for (const line of lines) {
    const amount = line.cents * line.qty;
    total += promo === 'VIP' ? Math.round(amount * 0.9) : amount;
  }
  return total;
}
