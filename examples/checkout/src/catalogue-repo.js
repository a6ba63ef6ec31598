/**
 * Reads of the catalogue in PostgreSQL.
 *
 * @typedef {{ id: number, name: string, email: string, blocked: boolean }} Customer
 * @typedef {{ sku: string, name: string, price_cents: number, currency: string, limited_edition: boolean,
 *   merchant_id: string, merchant_name: string, gateway_token: string, token_expires_at: Date | null }} Product
 * @typedef {{ code: string, percent_off: number }} PromoCode
 */

/** @param {import('pg').Pool} pool */
export function createCatalogueRepo(pool) {
  return {
    /**
     * @param {number} id
     * @returns {Promise<Customer | undefined>} undefined for an unknown or deleted customer
     */
    async findCustomer(id) {
      const { rows } = await pool.query(
        'SELECT id, name, email, blocked FROM customers WHERE id = $1 AND deleted_at IS NULL',
        [id],
      );
      return rows[0];
    },

    /**
     * Products with the merchant that sells them (the charge goes to that merchant's account).
     * @param {string[]} skus
     * @returns {Promise<Product[]>}
     */
    async findProducts(skus) {
      const { rows } = await pool.query(
        `SELECT p.sku, p.name, p.price_cents, p.currency, p.limited_edition, p.merchant_id,
                m.name AS merchant_name, m.gateway_token, m.token_expires_at
           FROM products p JOIN merchants m ON m.id = p.merchant_id
          WHERE p.sku = ANY($1::text[]) AND p.active`,
        [skus],
      );
      return rows;
    },

    /**
     * @param {string} code
     * @returns {Promise<PromoCode | undefined>}
     */
    async findPromoCode(code) {
      const { rows } = await pool.query(
        'SELECT code, percent_off FROM promo_codes WHERE code = $1 AND active',
        [code],
      );
      return rows[0];
    },
  };
}
