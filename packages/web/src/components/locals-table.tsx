import type { EncodedValue } from '@flashback/protocol/types';
import { readValue } from '../format/value-read.js';
import { ValueView } from './value-view.js';

/** Named values, name by name: a frame's local variables, or a pipeline's scope. */
export function LocalsTable({
  locals,
  caption = 'Local variables',
  fresh,
}: {
  locals: Record<string, EncodedValue>;
  caption?: string;
  /** Names to mark as new, e.g. what the previous step added to the scope. */
  fresh?: ReadonlySet<string>;
}) {
  const names = Object.keys(locals);
  if (names.length === 0) return <p className="muted">No local variables captured.</p>;
  return (
    <table className="locals">
      <caption className="visually-hidden">{caption}</caption>
      <tbody>
        {names.map((name) => (
          <tr key={name}>
            <th scope="row">
              {name}
              {fresh?.has(name) && <span className="fresh-tag">new</span>}
            </th>
            <td>
              <ValueView node={readValue(locals[name])} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
