import { RedactableText } from './value-view.js';

/** Header names and values; masked values (authorization, cookies) show as redacted. */
export function HeadersTable({ headers }: { headers: Record<string, string | string[]> }) {
  const names = Object.keys(headers);
  if (names.length === 0) return <p className="muted small">No headers.</p>;
  return (
    <dl className="kv headers">
      {names.map((name) => {
        const value = headers[name] ?? '';
        return (
          <div key={name}>
            <dt>{name}</dt>
            <dd>
              {(Array.isArray(value) ? value : [value]).map((item, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: repeated headers keep their order.
                <span key={index} className="header-value">
                  <RedactableText text={item} />
                </span>
              ))}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
