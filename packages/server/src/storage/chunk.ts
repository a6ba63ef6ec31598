/**
 * Splits rows so that one statement stays under the bound-parameter limits of both dialects
 * (SQLite 32,766, PostgreSQL 65,535).
 */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Rows per multi-row INSERT, for tables of up to 12 columns. */
export const ROWS_PER_STATEMENT = 400;
