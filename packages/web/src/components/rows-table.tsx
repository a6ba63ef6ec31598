import type { EncodedValue } from '@flashback/protocol/types';
import { readValue } from '../format/value-read.js';
import { InlineValue } from './value-view.js';

/** Rows of values in column order, e.g. what a query returned. */
export function RowsTable({
  caption,
  columns,
  rows,
  invented,
}: {
  caption: string;
  columns: string[];
  rows: EncodedValue[][];
  /** Cells whose values no recorded query showed (fixture placeholders). */
  invented?: (row: number, column: number) => boolean;
}) {
  const width = Math.max(columns.length, ...rows.map((row) => row.length));
  const names = Array.from({ length: width }, (_, i) => columns[i] ?? `column ${i + 1}`);
  return (
    <div className="table-scroll">
      <table className="rows">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {names.map((name, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a join may return two columns of one name.
              <th key={i} scope="col">
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are shown in the order they came.
            <tr key={r}>
              {names.map((_, c) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: cells follow the columns.
                <td key={c}>
                  {invented?.(r, c) ? (
                    <span className="invented" title="Invented: no recorded query showed this value">
                      <InlineValue node={readValue(row[c])} />
                    </span>
                  ) : (
                    <InlineValue node={readValue(row[c])} />
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
