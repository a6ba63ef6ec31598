import type { EncodedValue } from '@flashback/protocol/types';
import { readValue } from '../format/value-read.js';
import { ValueView } from './value-view.js';

/** The local variables of a frame, name by name. */
export function LocalsTable({ locals }: { locals: Record<string, EncodedValue> }) {
  const names = Object.keys(locals);
  if (names.length === 0) return <p className="muted">No local variables captured.</p>;
  return (
    <table className="locals">
      <caption className="visually-hidden">Local variables</caption>
      <tbody>
        {names.map((name) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td>
              <ValueView node={readValue(locals[name])} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
