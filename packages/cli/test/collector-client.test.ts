/** The CLI's one collector client, against a real local HTTP server standing in for the collector. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CollectorError, collectorClient } from '../src/commands/collector-client.js';

let server: Server;
let url: string;
const seen: { method?: string; url?: string; authorization?: string; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, authorization: req.headers.authorization, body });
      res.setHeader('content-type', 'application/json');
      if (req.url === '/api/missing') {
        res.statusCode = 404;
        res.end(JSON.stringify({ code: 'FB_ERR_NOT_FOUND', message: 'no such issue' }));
      } else if (req.url === '/api/forbidden') {
        res.statusCode = 403;
        res.end(JSON.stringify({ code: 'FB_ERR_FORBIDDEN', message: 'other project' }));
      } else {
        res.end(JSON.stringify({ ok: true, echo: body }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

describe('collectorClient', () => {
  it('takes the server from FLASHBACK_SERVER when --server is absent, and sends the bearer token', async () => {
    const client = collectorClient({}, { FLASHBACK_SERVER: `${url}/`, FLASHBACK_TOKEN: 't0k' });
    expect(client.url).toBe(url);
    expect(await client.post('/api/echo', { a: 1 })).toEqual({ ok: true, echo: '{"a":1}' });
    expect(seen.at(-1)).toMatchObject({ method: 'POST', url: '/api/echo', authorization: 'Bearer t0k' });
  });

  it('prefers the options over the environment', () => {
    const client = collectorClient({ server: 'http://10.0.0.1:1', token: 'x' }, { FLASHBACK_SERVER: url });
    expect(client.url).toBe('http://10.0.0.1:1');
  });

  it('asks for a token, naming what it is for', () => {
    expect(() => collectorClient({ server: url }, {}, 'project shop')).toThrow(
      'give a read token of project shop: --token <token> or FLASHBACK_TOKEN',
    );
  });

  it("turns the collector's refusals into errors with its code and status", async () => {
    const client = collectorClient({ server: url, token: 't' }, {}, 'project shop');
    const missing = await client.get('/api/missing').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(CollectorError);
    expect(missing).toMatchObject({ code: 'FB_ERR_NOT_FOUND', status: 404 });
    expect((missing as Error).message).toBe(`the collector at ${url} answered 404: no such issue`);
    await expect(client.get('/api/forbidden')).rejects.toThrow(
      'the token may not use project shop: other project',
    );
  });

  it('says when the collector cannot be reached, and how to point at it', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const client = collectorClient({ server: `http://127.0.0.1:${port}`, token: 't' }, {});
    const failed = await client.get('/api/x').catch((e: unknown) => e);
    expect(failed).toMatchObject({ code: 'FB_CLI_COLLECTOR_UNREACHABLE' });
    expect((failed as Error).message).toMatch(
      new RegExp(
        `cannot reach the collector at http://127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\).*--server or FLASHBACK_SERVER`,
      ),
    );
  });
});
