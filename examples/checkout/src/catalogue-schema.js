/** The catalogue's tables in PostgreSQL, created with seed data on first start. */

// Merchant tokens as issued by the payment gateway. Harbor Vintage connected on
// the v1 API, which did not report expiries, so its row has none; the token
// itself expired on 2025-06-30.
const HOUSE_TOKEN =
  'gw_eyJtaWQiOiJtX2hvdXNlIiwiZXhwIjo0MDcwOTA4ODAwfQ.gDvNudOOpQnNRfJJtbL_nIOg0tfXwh-mOi5rtk8Zra8';
const HARBOR_TOKEN =
  'gw_eyJtaWQiOiJtX2hhcmJvciIsImV4cCI6MTc1MTI0MTYwMH0.bhJpOuhcRnxYESEz-BagK9lbnaUeTaYXmskw3AxnW8o';

const DDL = `
CREATE TABLE IF NOT EXISTS merchants (
  id text PRIMARY KEY,
  name text NOT NULL,
  gateway_token text NOT NULL,
  token_expires_at timestamptz
);
CREATE TABLE IF NOT EXISTS products (
  sku text PRIMARY KEY,
  name text NOT NULL,
  price_cents integer NOT NULL CHECK (price_cents >= 0),
  currency text NOT NULL DEFAULT 'usd',
  merchant_id text NOT NULL REFERENCES merchants (id),
  limited_edition boolean NOT NULL DEFAULT false,
  active boolean NOT NULL DEFAULT true
);
CREATE TABLE IF NOT EXISTS promo_codes (
  code text PRIMARY KEY,
  percent_off integer NOT NULL CHECK (percent_off BETWEEN 0 AND 100),
  description text NOT NULL,
  active boolean NOT NULL DEFAULT true
);
CREATE TABLE IF NOT EXISTS customers (
  id integer PRIMARY KEY,
  name text NOT NULL,
  email text NOT NULL,
  blocked boolean NOT NULL DEFAULT false,
  deleted_at timestamptz
);
`;

const SEED = `
INSERT INTO merchants (id, name, gateway_token, token_expires_at) VALUES
  ('m_house', 'Flashback Goods', '${HOUSE_TOKEN}', '2099-01-01T00:00:00Z'),
  ('m_harbor', 'Harbor Vintage', '${HARBOR_TOKEN}', NULL)
ON CONFLICT (id) DO NOTHING;
INSERT INTO products (sku, name, price_cents, merchant_id, limited_edition) VALUES
  ('MUG-01', 'Enamel camp mug', 1200, 'm_house', false),
  ('TEE-01', 'Organic cotton tee', 2500, 'm_house', false),
  ('LAMP-01', 'Brass desk lamp', 4900, 'm_house', false),
  ('PRINT-LTD', 'Risograph print, numbered edition', 6000, 'm_house', true),
  ('POSTER-LTD', 'Signed tour poster', 8000, 'm_house', true),
  ('RECORD-01', 'Vintage vinyl record', 3500, 'm_harbor', false)
ON CONFLICT (sku) DO NOTHING;
INSERT INTO promo_codes (code, percent_off, description) VALUES
  ('WELCOME10', 10, 'First order discount'),
  ('STAFF100', 100, 'Staff giveaway: everything free')
ON CONFLICT (code) DO NOTHING;
INSERT INTO customers (id, name, email, deleted_at) VALUES
  (1, 'Ada Lovelace', 'ada@example.com', NULL),
  (2, 'Grace Hopper', 'grace@example.com', NULL),
  (3, 'Alan Turing', 'alan@example.com', '2025-09-14T10:00:00Z'),
  (4, 'Edsger Dijkstra', 'edsger@example.com', NULL),
  (5, 'Katherine Johnson', 'katherine@example.com', NULL)
ON CONFLICT (id) DO NOTHING;
`;

// Any constant works; it only has to be the same for every instance of the service.
const SCHEMA_LOCK = 0x636b6f75;

/**
 * Creates and seeds the catalogue if absent. Several instances may start at
 * once against one database, so the work is serialised with an advisory lock.
 *
 * @param {import('pg').Pool} pool
 */
export async function ensureCatalogueSchema(pool) {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [SCHEMA_LOCK]);
    try {
      await client.query(DDL);
      await client.query(SEED);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [SCHEMA_LOCK]);
    }
  } finally {
    client.release();
  }
}
