import type { DbField } from '@flashback/protocol/types';
import type { RowMode, RowShape, StatementInfo } from './statement-info.js';
import type { SqliteColumn, SqliteStatement } from './types.js';

/** better-sqlite3's `expand()` puts columns that come from no table under this key. */
const EXPRESSION_KEY = '$';

/** The shape of `statement`'s rows in its current mode; columns and shape are computed once. */
export function rowShapeOf(statement: SqliteStatement, info: StatementInfo): RowShape {
  if (info.shape?.mode === info.mode) return info.shape.shape;
  info.columns ??= statement.columns();
  const shape = buildShape(info.columns, info.mode);
  info.shape = { mode: info.mode, shape };
  return shape;
}

function buildShape(columns: SqliteColumn[], mode: RowMode): RowShape {
  const fields = columns.map(toDbField);
  switch (mode) {
    case 'raw':
      return { fields, toValues: (row) => row as unknown[] };
    case 'pluck':
      // Only the first column reaches the app, so only it is recorded.
      return { fields: fields.slice(0, 1), toValues: (value) => [value] };
    case 'expand':
      return {
        fields,
        toValues: (row) =>
          columns.map((column) => {
            const group = (row as Record<string, Record<string, unknown> | undefined>)[
              column.table ?? EXPRESSION_KEY
            ];
            return group?.[column.name];
          }),
      };
    default:
      // A column name that occurs twice holds the value better-sqlite3 kept for it (the last).
      return {
        fields,
        toValues: (row) => columns.map((column) => (row as Record<string, unknown>)[column.name]),
      };
  }
}

function toDbField(column: SqliteColumn): DbField {
  const field: DbField = { name: column.name };
  if (column.type !== null) field.type = column.type;
  if (column.table !== null) field.table = column.table;
  if (column.column !== null) field.column = column.column;
  return field;
}
