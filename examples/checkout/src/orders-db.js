import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

const DDL = `
CREATE TABLE IF NOT EXISTS orders (
  id TEXT PRIMARY KEY,
  customer_id INTEGER NOT NULL,
  customer_name TEXT NOT NULL,
  merchant_id TEXT NOT NULL,
  status TEXT NOT NULL,
  currency TEXT NOT NULL,
  subtotal_cents INTEGER NOT NULL,
  discount_cents INTEGER NOT NULL,
  total_cents INTEGER NOT NULL,
  promo_code TEXT,
  payment_method TEXT NOT NULL,
  charge_id TEXT,
  installment_plan_id INTEGER,
  lines_json TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS installment_plans (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  customer_id INTEGER NOT NULL,
  months INTEGER NOT NULL,
  balance_cents INTEGER NOT NULL,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS installment_plans_customer ON installment_plans (customer_id, status);
CREATE TABLE IF NOT EXISTS installment_payments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  plan_id INTEGER NOT NULL REFERENCES installment_plans (id),
  payment_ref TEXT NOT NULL,
  amount_cents INTEGER NOT NULL,
  paid_at TEXT NOT NULL
);
`;

// Katherine's plan: 4 monthly payments of $20.00, three made. The payment
// webhook was delivered twice for two of them, and both deliveries were
// recorded, so the plan has 5 payment rows for 3 payments.
const SEED = `
INSERT OR IGNORE INTO installment_plans (id, customer_id, months, balance_cents, status, created_at)
  VALUES (1, 5, 4, 2000, 'open', '2025-07-01T09:12:00.000Z');
INSERT OR IGNORE INTO installment_payments (plan_id, payment_ref, amount_cents, paid_at) VALUES
  (1, 'pay_7Q1', 2000, '2025-08-01T06:00:00.000Z'),
  (1, 'pay_7Q2', 2000, '2025-09-01T06:00:00.000Z'),
  (1, 'pay_7Q2', 2000, '2025-09-01T06:00:04.000Z'),
  (1, 'pay_7Q3', 2000, '2025-10-01T06:00:00.000Z'),
  (1, 'pay_7Q3', 2000, '2025-10-01T06:00:09.000Z');
INSERT OR IGNORE INTO orders (id, customer_id, customer_name, merchant_id, status, currency, subtotal_cents, discount_cents,
                    total_cents, promo_code, payment_method, charge_id, lines_json, created_at)
  VALUES ('ord_seed_0001', 1, 'Ada Lovelace', 'm_house', 'paid', 'usd', 2400, 0, 2400, NULL, 'card', 'ch_seed0001',
          '[{"sku":"MUG-01","name":"Enamel camp mug","qty":2,"unitCents":1200,"totalCents":2400}]',
          '2025-10-20T15:30:00.000Z');
`;

/**
 * Opens (creating if needed) the orders database and seeds it on first use.
 *
 * @param {string} path
 * @returns {import('better-sqlite3').Database}
 */
export function openOrdersDb(path) {
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 2000');
  db.exec(DDL);
  const seeded = db.prepare('SELECT count(*) AS n FROM installment_plans').get();
  if (seeded.n === 0) db.exec(SEED);
  return db;
}
