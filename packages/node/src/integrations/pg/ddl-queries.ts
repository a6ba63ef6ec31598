/**
 * Catalog queries of the PostgreSQL DDL reader (PostgreSQL 12 and later). Every value comes back
 * as text; identifiers come back already quoted by the server's own `quote_ident`, so reserved
 * words and mixed case survive the round trip.
 */

/** The relation a (quoted, possibly schema-qualified) name resolves to under the search path. */
export const RELATION_SQL = `SELECT c.oid::text AS oid, c.relkind::text AS kind, c.relpersistence::text AS persistence,
  n.nspname AS schema, c.relname AS name, quote_ident(n.nspname) AS quoted_schema, quote_ident(c.relname) AS quoted_name,
  CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END AS partition_key,
  CASE WHEN c.relkind IN ('v', 'm') THEN pg_catalog.pg_get_viewdef(c.oid, true) END AS view_definition
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.oid = pg_catalog.to_regclass($1)`;

/** Columns in order, with full types (typmods included), defaults, identity and generation. */
export const COLUMNS_SQL = `SELECT a.attnum::text AS attnum, a.attname AS name, quote_ident(a.attname) AS quoted_name,
  pg_catalog.format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull::text AS not_null,
  pg_catalog.pg_get_expr(d.adbin, d.adrelid) AS default_expression,
  a.attidentity::text AS identity, a.attgenerated::text AS generated,
  CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN quote_ident(co.collname) END AS collation
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
WHERE a.attrelid = $1::oid AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum`;

/**
 * Table constraints as PostgreSQL prints them: primary key, unique, check, exclusion, foreign key.
 * NOT NULL is a column property here (PostgreSQL 18 also lists it as constraint type 'n').
 */
export const CONSTRAINTS_SQL = `SELECT quote_ident(conname) AS name, pg_catalog.pg_get_constraintdef(oid, true) AS definition
FROM pg_catalog.pg_constraint
WHERE conrelid = $1::oid AND contype IN ('p', 'u', 'c', 'x', 'f')
ORDER BY CASE contype WHEN 'p' THEN 0 WHEN 'u' THEN 1 WHEN 'c' THEN 2 WHEN 'x' THEN 3 ELSE 4 END, conname`;

/** Indexes that do not back a constraint (those come with the constraint). */
export const INDEXES_SQL = `SELECT pg_catalog.pg_get_indexdef(i.indexrelid) AS definition
FROM pg_catalog.pg_index i
WHERE i.indrelid = $1::oid
  AND NOT EXISTS (
    SELECT 1 FROM pg_catalog.pg_constraint c
    WHERE c.conrelid = i.indrelid AND c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x')
  )
ORDER BY i.indexrelid`;
