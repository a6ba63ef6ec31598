import type { DbEvent, DbField } from '@flashback/protocol/types';
import { type CapturedRows, captureRows } from '../sql/row-collector.js';
import type { PgFieldDescription, PgResult } from './types.js';

/** What a finished query adds to its event. */
export type PgOutcomeFields = Pick<DbEvent, 'command' | 'rowCount' | 'fields' | 'rows' | 'truncated'>;

/** A result column as an event field; `table`/`column` are named later by the catalog. */
export function toDbField(field: PgFieldDescription): DbField {
  const out: DbField = { name: field.name, dataTypeId: field.dataTypeID };
  // A table OID of 0 means the column is computed, not read from a table.
  if (field.tableID) {
    out.tableId = field.tableID;
    out.columnId = field.columnID;
  }
  return out;
}

/** One statement's outcome in the form the event records it. */
export function outcomeFields(
  command: string | null | undefined,
  rowCount: number | null | undefined,
  fields: DbField[] | undefined,
  rows: CapturedRows | undefined,
): PgOutcomeFields {
  const out: PgOutcomeFields = {};
  if (command) out.command = command;
  if (rowCount !== undefined) out.rowCount = rowCount;
  // Statements without a row description (INSERT without RETURNING, DDL) return no fields.
  if (fields && fields.length > 0) {
    out.fields = fields;
    out.rows = rows?.rows ?? [];
    if (rows?.truncated) out.truncated = rows.truncated;
  }
  return out;
}

/**
 * The fields of a `pg.Result`, or of an array of them (a multi-statement query): one event per
 * call, describing the last statement that returned rows (or the last statement when none did),
 * so `command`, `rowCount`, `fields` and `rows` always belong together. Rows become arrays in
 * field order whatever the `rowMode`; in object mode, a column name returned twice holds the
 * value pg kept for it (the last).
 */
export function resultFields(result: unknown, maxRows: number): PgOutcomeFields {
  const results = (Array.isArray(result) ? result : [result]).filter(isResult);
  const chosen = results.findLast((r) => r.fields.length > 0) ?? results[results.length - 1];
  if (!chosen) return {};
  const fields = chosen.fields.map(toDbField);
  const rows = captureRows(chosen.rows, maxRows, (row) =>
    Array.isArray(row) ? row : fields.map((field) => (row as Record<string, unknown>)[field.name]),
  );
  return outcomeFields(chosen.command, chosen.rowCount, fields, rows);
}

function isResult(value: unknown): value is PgResult {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as PgResult).rows) &&
    Array.isArray((value as PgResult).fields)
  );
}

const COMMAND_TAG = /^([A-Za-z]+)(?: (\d+))?(?: (\d+))?/;

/** Parses a CommandComplete tag (`SELECT 3`, `INSERT 0 1`) the way `pg.Result` does. */
export function parseCommandTag(tag: string | undefined): { command?: string; rowCount: number | null } {
  const match = tag ? COMMAND_TAG.exec(tag) : null;
  if (!match) return { rowCount: null };
  const count = match[3] ?? match[2];
  return { command: match[1] as string, rowCount: count === undefined ? null : Number.parseInt(count, 10) };
}
