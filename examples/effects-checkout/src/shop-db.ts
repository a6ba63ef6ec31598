/** The shop's SQLite database: carts, their items, promo codes and orders. */
import Database from 'better-sqlite3';

const SCHEMA = `
  create table if not exists carts (id text primary key, customer_email text not null, promo_code text, currency text not null);
  create table if not exists cart_items (cart_id text not null, sku text not null, unit_price_cents integer not null, quantity integer not null);
  create table if not exists promos (code text primary key, percent_off integer not null);
  create table if not exists orders (id text primary key, cart_id text not null, total_cents integer not null, status text not null, charge_id text, placed_at text not null);
`;

/** Opens (and creates) the shop at `file`, with two carts: one plain, one with the 100% promo. */
export function openShop(file: string): Database.Database {
  const db = new Database(file);
  db.exec(SCHEMA);
  const seed = db.transaction(() => {
    db.prepare("insert or ignore into promos values ('FREEORDER', 100), ('SPRING10', 10)").run();
    db.prepare("insert or ignore into carts values ('cart-plain', 'ada@example.test', null, 'usd')").run();
    db.prepare(
      "insert or ignore into carts values ('cart-promo', 'grace@example.test', 'FREEORDER', 'usd')",
    ).run();
    if (!db.prepare("select 1 from cart_items where cart_id = 'cart-plain'").get()) {
      db.prepare("insert into cart_items values ('cart-plain', 'MUG-BLUE', 1200, 2)").run();
      db.prepare("insert into cart_items values ('cart-promo', 'POSTER-LTD', 2400, 1)").run();
    }
  });
  seed();
  return db;
}
