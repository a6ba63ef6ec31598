/**
 * Installment plans in SQLite.
 *
 * @typedef {{ id: number, customer_id: number, months: number, balance_cents: number, status: string }} Plan
 */

/**
 * @param {import('better-sqlite3').Database} db
 * @param {{ fixed: boolean }} options
 */
export function createInstallmentsRepo(db, options) {
  const openPlan = db.prepare(
    "SELECT id, customer_id, months, balance_cents, status FROM installment_plans WHERE customer_id = ? AND status = 'open'",
  );
  // The payment webhook is delivered at least once; only distinct payment refs are payments.
  const paidMonths = options.fixed
    ? db.prepare('SELECT count(DISTINCT payment_ref) AS paid FROM installment_payments WHERE plan_id = ?')
    : db.prepare('SELECT count(*) AS paid FROM installment_payments WHERE plan_id = ?');
  const insertPlan = db.prepare(
    "INSERT INTO installment_plans (customer_id, months, balance_cents, status, created_at) VALUES (?, ?, ?, 'open', ?)",
  );
  const updateBalance = db.prepare('UPDATE installment_plans SET balance_cents = ? WHERE id = ?');
  const closePlan = db.prepare("UPDATE installment_plans SET status = 'closed' WHERE id = ?");

  return {
    /** @param {number} customerId @returns {Plan | undefined} */
    findOpenPlan: (customerId) => openPlan.get(customerId),
    /** @param {number} planId @returns {number} */
    countPaidMonths: (planId) => paidMonths.get(planId).paid,
    /** @param {number} customerId @param {number} months @param {number} balanceCents @returns {number} */
    createPlan: (customerId, months, balanceCents) =>
      Number(insertPlan.run(customerId, months, balanceCents, new Date().toISOString()).lastInsertRowid),
    /** @param {number} planId @param {number} balanceCents */
    updateBalance: (planId, balanceCents) => updateBalance.run(balanceCents, planId),
    /** @param {number} planId */
    closePlan: (planId) => closePlan.run(planId),
  };
}
