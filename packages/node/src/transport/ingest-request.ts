import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { suppressCapture } from '../context/request-context.js';

// Taken at module load, before instrumentation gets a chance to patch these functions: the SDK's
// own traffic must neither be recorded nor pass through wrappers that could fail.
const requestHttp = http.request;
const requestHttps = https.request;

/** Replies are acknowledgements or error messages; anything longer is not worth holding. */
const MAX_REPLY_BYTES = 64 * 1024;

/** A reply from the server, or the network error that prevented one. */
export type RawReply =
  | { kind: 'reply'; status: number; headers: IncomingHttpHeaders; body: string }
  | { kind: 'network-error'; error: Error & { code?: string } };

/** One POST: target, headers, body already encoded, and the agent to send it with. */
export interface RawRequest {
  url: URL;
  headers: OutgoingHttpHeaders;
  body: Buffer;
  agent: http.Agent;
  timeoutMs: number;
  /** Called with the socket once assigned, so the caller can decide whether it keeps the process alive. */
  onSocket?: (socket: Socket) => void;
}

/**
 * POSTs `body` with `node:http` or `node:https`, inside `suppressCapture` so that none of it is
 * recorded. Never rejects: a network failure or the overall timeout resolves as `network-error`.
 */
export function postRaw(request: RawRequest): Promise<RawReply> {
  return suppressCapture(
    () =>
      new Promise<RawReply>((resolve) => {
        let settled = false;
        const finish = (reply: RawReply): void => {
          if (settled) return;
          settled = true;
          clearTimeout(deadline);
          resolve(reply);
        };
        const send = request.url.protocol === 'https:' ? requestHttps : requestHttp;
        const req = send(
          request.url,
          { method: 'POST', headers: request.headers, agent: request.agent },
          (res) => {
            const chunks: Buffer[] = [];
            let size = 0;
            res.on('data', (chunk: Buffer) => {
              if (size >= MAX_REPLY_BYTES) return;
              chunks.push(chunk);
              size += chunk.length;
            });
            res.on('end', () =>
              finish({
                kind: 'reply',
                status: res.statusCode ?? 0,
                headers: res.headers,
                body: Buffer.concat(chunks).toString('utf8', 0, MAX_REPLY_BYTES),
              }),
            );
            res.on('error', (error) => finish({ kind: 'network-error', error }));
          },
        );
        // An overall deadline, not a socket idle timeout: a collector trickling bytes must not
        // hold a batch forever. Unref'd so a pending delivery never keeps a finished process alive.
        const deadline = setTimeout(() => {
          const error: Error & { code?: string } = new Error(`no reply within ${request.timeoutMs} ms`);
          error.code = 'ETIMEDOUT';
          req.destroy(error);
          finish({ kind: 'network-error', error });
        }, request.timeoutMs);
        deadline.unref();
        req.on('socket', (socket) => request.onSocket?.(socket));
        req.on('error', (error) => finish({ kind: 'network-error', error }));
        req.end(request.body);
      }),
  );
}
