import { Agent, createServer, type OutgoingHttpHeaders } from 'node:http';
import type { LookupFunction } from 'node:net';

/** One request as it arrived at the server. */
export interface ArrivedRequest {
  method: string;
  /** Absolute URL rebuilt from the Host header and the request target. */
  url: string;
  headers: OutgoingHttpHeaders;
}

export interface S3RecordingServer {
  port: number;
  requests: ArrivedRequest[];
  close(): Promise<void>;
}

/**
 * A loopback HTTP server that records every request and answers 200 with an empty body, enough
 * for the real AWS SDK to send each operation as it would to S3. (Some operations then fail to
 * parse the empty answer; only the request shapes matter here.)
 */
export async function startS3RecordingServer(): Promise<S3RecordingServer> {
  const requests: ArrivedRequest[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        url: `http://${req.headers.host}${req.url}`,
        headers: req.headers,
      });
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string')
    throw new Error('the S3 recording server has no TCP port');
  return {
    port: address.port,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * An HTTP agent that resolves every host name to 127.0.0.1, so requests addressed to
 * `receipts.s3.eu-central-1.amazonaws.com` or `receipts.localhost` reach the local server with
 * their Host header intact, and nothing leaves the machine.
 */
export function loopbackAgent(): Agent {
  const lookup = ((_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
    else callback(null, '127.0.0.1', 4);
  }) as LookupFunction;
  return new Agent({ lookup });
}
