import type { Body } from '../types.js';
import type { RedactionContext } from './context.js';
import { childPath } from './json-path.js';
import { redactText } from './redact-text.js';
import { redactParams } from './redact-url.js';
import { redactJsonText } from './redact-value.js';

/**
 * Masks a text body by its content type (the body's own, else `contentType` from its headers):
 * JSON by key and pattern, form fields by name and pattern, anything else by pattern. Base64 bodies
 * are binary and left as they are.
 */
export function redactBody(context: RedactionContext, body: Body, path: string, contentType?: string): Body {
  if (body.encoding !== 'utf8' || body.data === '') return body;
  const type = (body.contentType ?? contentType ?? '').toLowerCase();
  const dataPath = childPath(path, 'data');
  let data: string;
  if (isJson(type) || (type === '' && /^\s*[{[]/.test(body.data)))
    data = redactJsonText(context, body.data, dataPath);
  else if (type.includes('application/x-www-form-urlencoded'))
    data = redactParams(context, body.data, dataPath);
  else data = redactText(context, body.data, dataPath);
  return data === body.data ? body : { ...body, data };
}

function isJson(type: string): boolean {
  const essence = type.split(';')[0]?.trim() ?? '';
  return essence === 'application/json' || essence.endsWith('+json') || essence === 'text/json';
}
