import type { Body } from '@flashback/protocol/types';
import { bodyText } from '../format/body-read.js';
import { RedactableText } from './value-view.js';

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
        <RedactableText text={text} />
      </pre>
    </figure>
  );
}
