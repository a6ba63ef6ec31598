import http from 'node:http';
import { gzipSync } from 'node:zlib';
import type { ErrorPackage } from '@flashback/protocol';

export interface PostResult {
  status: number;
  body: { accepted?: string[]; duplicates?: string[] };
}

/**
 * Posts batches the way the SDK does (gzip, keep-alive, key header) and rejects on any network
 * error, which is what a killed collector produces.
 */
export class LoadClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

  constructor(
    private readonly port: number,
    private readonly project: string,
    private readonly key: string,
  ) {}

  post(packages: readonly ErrorPackage[]): Promise<PostResult> {
    const body = gzipSync(Buffer.from(JSON.stringify({ packages })));
    return new Promise((resolve, reject) => {
      const request = http.request(
        {
          host: '127.0.0.1',
          port: this.port,
          method: 'POST',
          path: `/api/${this.project}/packages`,
          agent: this.agent,
          headers: {
            'content-type': 'application/json',
            'content-encoding': 'gzip',
            'content-length': body.length,
            'x-flashback-key': this.key,
          },
          timeout: 10_000,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            try {
              resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as PostResult['body'] });
            } catch (error) {
              reject(error);
            }
          });
          response.on('error', reject);
        },
      );
      request.on('timeout', () => request.destroy(new Error('request timed out')));
      request.on('error', reject);
      request.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
