import type http from 'node:http';
import type https from 'node:https';
import type { HttpEvent, TimelineEvent } from '@flashback/protocol/types';
import { vi } from 'vitest';
import type { RequestContext } from '../../src/context/request-context.js';
import { readAll } from './test-servers.js';

export interface ClientResult {
  status: number;
  body: Buffer;
}

/** One `http.request` / `https.request` round trip, resolving with what the app would see. */
export function request(
  module: Pick<typeof https, 'request'> | Pick<typeof http, 'request'>,
  url: string,
  options: https.RequestOptions & { body?: string | Buffer | Array<string | Buffer> } = {},
): Promise<ClientResult> {
  const { body, ...rest } = options;
  return new Promise((resolve, reject) => {
    const req = module.request(url, rest, (res) => {
      readAll(res).then((bytes) => resolve({ status: res.statusCode ?? 0, body: bytes }), reject);
    });
    req.on('error', reject);
    if (Array.isArray(body)) {
      for (const part of body) req.write(part);
      req.end();
    } else {
      req.end(body);
    }
  });
}

/** The http events of a context once none is pending any more. */
export async function settledHttpEvents(context: RequestContext, count = 1): Promise<HttpEvent[]> {
  return vi.waitFor(() => {
    const events = context.timeline().filter((e): e is HttpEvent => e.type === 'http');
    if (events.length < count || events.some((e: TimelineEvent) => e.outcome === 'pending')) {
      throw new Error(
        `waiting for ${count} settled http event(s), have ${JSON.stringify(events.map((e) => e.outcome))}`,
      );
    }
    return events;
  });
}

/** The single http event of a context, once settled. */
export async function settledHttpEvent(context: RequestContext): Promise<HttpEvent> {
  const [event] = await settledHttpEvents(context, 1);
  return event as HttpEvent;
}
