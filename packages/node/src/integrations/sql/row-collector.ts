import type { EncodedValue } from '@flashback/protocol/types';
import { encodeCell } from './encode-cell.js';

/** Rows as a db event carries them: encoded, capped, with the full count when cut. */
export interface CapturedRows {
  rows: EncodedValue[][];
  truncated?: { rows: number };
}

/**
 * Collects result rows up to a cap while counting all of them, so a large result costs the
 * capture no more than `maxRows` encoded rows.
 */
export class RowCollector {
  private readonly rows: EncodedValue[][] = [];
  private total = 0;

  constructor(private readonly maxRows: number) {}

  /** Counts a row; `values` (the row in field order) is only called for rows that are kept. */
  add(values: () => readonly unknown[]): void {
    this.total++;
    if (this.rows.length < this.maxRows) this.rows.push(values().map(encodeCell));
  }

  get count(): number {
    return this.total;
  }

  result(): CapturedRows {
    return this.total > this.rows.length
      ? { rows: this.rows, truncated: { rows: this.total } }
      : { rows: this.rows };
  }
}

/** Encodes `rows` (each turned into values in field order by `toValues`), at most `maxRows` of them. */
export function captureRows<R>(
  rows: readonly R[],
  maxRows: number,
  toValues: (row: R) => readonly unknown[],
): CapturedRows {
  const kept = rows.slice(0, maxRows).map((row) => toValues(row).map(encodeCell));
  return rows.length > kept.length ? { rows: kept, truncated: { rows: rows.length } } : { rows: kept };
}
