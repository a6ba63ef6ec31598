/** Sends the rebuilt trigger to the app and waits for its answer (or for the connection to fail). */
import http from 'node:http';
import type { TriggerRequest } from './trigger-request.js';

export type TriggerOutcome =
  | { kind: 'response'; status: number; body: string }
  /** The connection failed or was dropped: the app crashed, or the deadline passed. */
  | { kind: 'failed'; message: string };

const BODY_KEPT = 4096;

/**
 * Resolves, never rejects. `signal` ends the wait (deadline, or the app exited mid-request).
 */
export function sendTrigger(
  port: number,
  request: TriggerRequest,
  signal: AbortSignal,
): Promise<TriggerOutcome> {
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: request.method,
        path: request.path,
        headers: request.headers,
        signal,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < BODY_KEPT) chunks.push(chunk);
          size += chunk.length;
        });
        res.on('end', () =>
          resolve({
            kind: 'response',
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).subarray(0, BODY_KEPT).toString('utf8'),
          }),
        );
        res.on('error', (error) => resolve({ kind: 'failed', message: error.message }));
      },
    );
    req.on('error', (error) => resolve({ kind: 'failed', message: error.message }));
    req.end(request.body);
  });
}
