/**
 * A stand-in for the payment gateway on 127.0.0.1: it answers like the real one, including the
 * refusal of any charge under $0.50 with a 400 and its reason.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const MINIMUM_CENTS = 50;

export interface GatewayStandIn {
  url: string;
  /** The amounts of the charges it received, in order. */
  charges: number[];
  close(): Promise<void>;
}

export async function startGateway(): Promise<GatewayStandIn> {
  const charges: number[] = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (req.method !== 'POST' || req.url !== '/v1/charges') {
        res.writeHead(404).end(JSON.stringify({ error: { code: 'not_found', message: 'No such route' } }));
        return;
      }
      const { amount } = JSON.parse(text) as { amount: number };
      charges.push(amount);
      if (!Number.isInteger(amount) || amount < MINIMUM_CENTS) {
        res.writeHead(400).end(
          JSON.stringify({
            error: { code: 'amount_too_small', message: 'Charge amount must be at least $0.50' },
          }),
        );
        return;
      }
      res.end(JSON.stringify({ id: `ch_${charges.length}`, status: 'succeeded', amount }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    charges,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
