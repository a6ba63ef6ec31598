import type { Body } from '@flashback/protocol/types';

/** A captured body as text to show: pretty-printed when it is JSON, base64 left as it is. */
export function bodyText(body: Body): { text: string; language: 'json' | 'text' | 'base64' } {
  if (body.encoding === 'base64') return { text: body.data, language: 'base64' };
  const looksJson = /json/i.test(body.contentType ?? '') || /^\s*[[{]/.test(body.data);
  if (looksJson) {
    try {
      return { text: JSON.stringify(JSON.parse(body.data), null, 2), language: 'json' };
    } catch {
      // A cut-off or malformed JSON body: show it as it came.
    }
  }
  return { text: body.data, language: 'text' };
}
