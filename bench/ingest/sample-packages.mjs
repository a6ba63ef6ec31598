/**
 * Templates for the packages the benchmark sends: the real ones `node scripts/demo.mjs` captured
 * from examples/checkout when they are there, otherwise synthetic packages of the same shape
 * and size (an HTTP trigger, database reads with rows, an upstream call, locals).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export function loadTemplates(root) {
  const dir = path.join(root, '.flashback/demo/packages');
  try {
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    if (files.length > 0) {
      return {
        source: `${files.length} packages captured by the demo (${path.relative(root, dir)})`,
        templates: files.map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8'))),
      };
    }
  } catch {
    // No demo output: fall through to synthetic packages.
  }
  return {
    source: '8 synthetic packages (run `node scripts/demo.mjs` to bench with captured ones)',
    templates: Array.from({ length: 8 }, (_, i) => syntheticPackage(i)),
  };
}

function syntheticPackage(variant) {
  const rows = Array.from({ length: 20 }, (_, i) => [
    i + 1,
    `user${i}@example.com`,
    `Customer ${i}`,
    i * 100,
  ]);
  return {
    format: 'flashback.error-package/1',
    id: '00000000-0000-4000-8000-000000000000',
    capturedAt: new Date().toISOString(),
    sdk: { name: '@flashback/node', version: '0.1.0' },
    service: { name: 'checkout', version: '1.4.2', environment: 'production' },
    runtime: {
      nodeVersion: 'v20.19.0',
      platform: 'linux',
      arch: 'x64',
      hostname: 'checkout-1',
      pid: 4821,
      appRoot: '/srv/checkout',
      env: { NODE_ENV: 'production' },
      dependencies: { fastify: '5.6.1', pg: '8.16.3' },
    },
    mechanism: { kind: 'framework', handled: true, framework: 'fastify' },
    trigger: {
      kind: 'http',
      method: 'POST',
      url: `/api/orders/${variant}`,
      headers: { 'content-type': 'application/json', 'user-agent': 'bench' },
      body: {
        contentType: 'application/json',
        encoding: 'utf8',
        data: '{"cartId":"c1"}',
        size: 15,
        truncated: false,
      },
      startedAt: new Date().toISOString(),
      response: { status: 500 },
    },
    error: {
      type: variant % 2 ? 'TypeError' : `OrderError${variant}`,
      message: `Cannot read properties of undefined (reading 'field${variant}')`,
      frames: [
        {
          function: `handler${variant}`,
          file: '/srv/checkout/src/orders.js',
          module: 'src/orders.js',
          line: 10,
          column: 5,
          inApp: true,
          locals: { orderId: 42, cart: { items: [1, 2, 3] } },
        },
        {
          function: 'route',
          file: '/srv/checkout/src/server.js',
          module: 'src/server.js',
          line: 80,
          column: 3,
          inApp: true,
        },
      ],
    },
    timeline: [
      {
        type: 'db',
        seq: 0,
        startOffsetMs: 1,
        durationMs: 2,
        outcome: 'ok',
        system: 'postgresql',
        database: 'postgresql://app@db:5432/shop',
        statement: 'SELECT id, email, name, credit FROM users WHERE org = $1',
        params: [7],
        command: 'SELECT',
        fields: [{ name: 'id' }, { name: 'email' }, { name: 'name' }, { name: 'credit' }],
        rows,
        rowCount: rows.length,
      },
      {
        type: 'db',
        seq: 1,
        startOffsetMs: 4,
        durationMs: 1,
        outcome: 'ok',
        system: 'postgresql',
        database: 'postgresql://app@db:5432/shop',
        statement: 'SELECT * FROM orders WHERE id = $1',
        params: [42],
        command: 'SELECT',
        fields: [{ name: 'id' }],
        rows: [],
        rowCount: 0,
      },
      {
        type: 'http',
        seq: 2,
        startOffsetMs: 6,
        durationMs: 30,
        outcome: 'ok',
        method: 'GET',
        url: 'https://inventory.internal/items?ids=1,2,3',
        requestHeaders: { accept: 'application/json' },
        status: 200,
        responseHeaders: { 'content-type': 'application/json' },
        responseBody: {
          contentType: 'application/json',
          encoding: 'utf8',
          data: JSON.stringify({ items: rows }),
          size: 900,
          truncated: false,
        },
      },
    ],
    schemas: [],
    fingerprint: '',
    redactions: [],
  };
}
