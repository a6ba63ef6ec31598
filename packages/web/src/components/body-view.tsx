import type { Body } from '@flashback/protocol/types';
import { bodyText } from '../format/body-read.js';
import { Redacted } from './value-view.js';

const TOKEN = /(\[redacted:[0-9a-f]{12}\])/;

/** A request or response body, pretty when JSON, with its size and whether it was cut. */
export function BodyView({ body }: { body: Body }) {
  const { text, language } = bodyText(body);
  return (
    <figure className="body">
      <figcaption className="muted small">
        Body{body.contentType ? ` · ${body.contentType}` : ''} · {body.size} bytes
        {body.truncated && ' · cut at the size cap'}
        {language === 'base64' && ' · base64'}
      </figcaption>
      <pre>
        {text.split(TOKEN).map((piece, index) =>
          // biome-ignore lint/suspicious/noArrayIndexKey: pieces never reorder.
          TOKEN.test(piece) ? <Redacted key={index} token={piece} /> : piece,
        )}
      </pre>
    </figure>
  );
}
