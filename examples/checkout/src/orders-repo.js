/**
 * Orders in SQLite.
 *
 * @typedef {{ sku: string, name: string, qty: number, unitCents: number, totalCents: number }} OrderLine
 * @typedef {object} Order
 * @property {string} id
 * @property {number} customerId
 * @property {string} customerName
 * @property {string} merchantId
 * @property {'paid' | 'scheduled'} status
 * @property {string} currency
 * @property {number} subtotalCents
 * @property {number} discountCents
 * @property {number} totalCents
 * @property {string | null} promoCode
 * @property {'card' | 'installments' | 'none'} paymentMethod
 * @property {string | null} chargeId
 * @property {number | null} installmentPlanId
 * @property {OrderLine[]} lines
 * @property {string} createdAt
 */

/** @param {import('better-sqlite3').Database} db */
export function createOrdersRepo(db) {
  const insert = db.prepare(`
    INSERT INTO orders (id, customer_id, customer_name, merchant_id, status, currency, subtotal_cents, discount_cents,
                        total_cents, promo_code, payment_method, charge_id, installment_plan_id, lines_json, created_at)
    VALUES (@id, @customerId, @customerName, @merchantId, @status, @currency, @subtotalCents, @discountCents,
            @totalCents, @promoCode, @paymentMethod, @chargeId, @installmentPlanId, @linesJson, @createdAt)`);
  const byId = db.prepare('SELECT * FROM orders WHERE id = ?');

  return {
    /** @param {Order} order */
    insertOrder(order) {
      const { lines, ...columns } = order;
      insert.run({ ...columns, linesJson: JSON.stringify(lines) });
    },

    /**
     * @param {string} id
     * @returns {Order | undefined}
     */
    findOrder(id) {
      const row = byId.get(id);
      if (!row) return undefined;
      return {
        id: row.id,
        customerId: row.customer_id,
        customerName: row.customer_name,
        merchantId: row.merchant_id,
        status: row.status,
        currency: row.currency,
        subtotalCents: row.subtotal_cents,
        discountCents: row.discount_cents,
        totalCents: row.total_cents,
        promoCode: row.promo_code,
        paymentMethod: row.payment_method,
        chargeId: row.charge_id,
        installmentPlanId: row.installment_plan_id,
        lines: JSON.parse(row.lines_json),
        createdAt: row.created_at,
      };
    },
  };
}
