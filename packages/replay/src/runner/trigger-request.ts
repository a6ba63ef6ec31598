/** The recorded inbound request, rebuilt to be sent again to the replayed app. Pure. */
import type { HttpTrigger } from '@flashback/protocol/types';

export interface TriggerRequest {
  method: string;
  /** Path and query, as received. */
  path: string;
  headers: Record<string, string | string[]>;
  body: Buffer | undefined;
  /** Set when the recorded body was cut by the size cap: the replay sends only its first bytes. */
  bodyTruncated: boolean;
}

// Hop-by-hop headers describe the recorded connection, not the request; host and content-length
// are set for the new connection and the body actually sent.
const DROPPED_HEADERS = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
]);

export function triggerRequest(trigger: HttpTrigger): TriggerRequest {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(trigger.headers)) {
    if (!DROPPED_HEADERS.has(name.toLowerCase())) headers[name.toLowerCase()] = value;
  }
  const body =
    trigger.body === undefined
      ? undefined
      : Buffer.from(trigger.body.data, trigger.body.encoding === 'base64' ? 'base64' : 'utf8');
  if (body !== undefined) headers['content-length'] = String(body.length);
  const path = trigger.url.startsWith('/') ? trigger.url : `/${trigger.url}`;
  return {
    method: trigger.method.toUpperCase(),
    path,
    headers,
    body,
    bodyTruncated: trigger.body?.truncated ?? false,
  };
}
