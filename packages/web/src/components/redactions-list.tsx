import type { Redaction } from '@flashback/protocol/types';

/** What the SDK masked before the package left the service, and by which rule; never the value. */
export function RedactionsList({ redactions }: { redactions: Redaction[] }) {
  if (redactions.length === 0) return <p className="muted">Nothing was masked.</p>;
  return (
    <table className="rows redactions">
      <thead>
        <tr>
          <th scope="col">Where</th>
          <th scope="col">Rule</th>
        </tr>
      </thead>
      <tbody>
        {redactions.map((redaction) => (
          <tr key={`${redaction.path} ${redaction.rule}`}>
            <td>
              <code>{redaction.path}</code>
            </td>
            <td>{redaction.rule}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
