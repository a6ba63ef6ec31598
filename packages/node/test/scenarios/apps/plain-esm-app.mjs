// A plain node:http service (ESM) used by the SDK scenario tests; each route fails in one way.
import { createServer, request as httpRequest } from 'node:http';
import { captureException } from '@flashback/node';

const port = Number(process.env.PORT);
const upstream = process.env.UPSTREAM_URL;

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const routes = {
  'GET /health': (_req, res) => res.end('ok'),
  'GET /captured': (_req, res) => {
    try {
      const order = { id: 'ord_1', total: 0 };
      if (order.total === 0) throw new Error('order total is zero');
    } catch (error) {
      captureException(error);
    }
    res.end('handled');
  },
  'GET /plain-500': (_req, res) => {
    res.statusCode = 503;
    res.end('maintenance');
  },
  'GET /crash': () => {
    setImmediate(() => {
      const config = { retries: 3 };
      throw new Error(`crashed with ${config.retries} retries left`);
    });
  },
  'GET /reject': () => {
    const attempt = async (n) => {
      await new Promise((r) => setTimeout(r, 1));
      throw new RangeError(`attempt ${n} out of range`);
    };
    void attempt(7);
  },
  'POST /upload': async (req, res) => {
    const body = await readBody(req);
    const received = body.length;
    res.statusCode = 500;
    res.end(`failed after ${received} bytes`);
  },
  'GET /circular': (_req, res) => {
    const node = { name: 'root', children: [] };
    node.self = node;
    node.children.push({ parent: node, label: 'x'.repeat(5000) });
    try {
      throw new TypeError(`cannot walk ${node.name}`);
    } catch (error) {
      res.statusCode = 500;
      res.end(String(error));
    }
  },
  'POST /login': async (req, res) => {
    const credentials = JSON.parse(String(await readBody(req)));
    const answer = await new Promise((resolve, reject) => {
      const out = httpRequest(`${upstream}/sessions`, {
        method: 'POST',
        headers: { authorization: 'Bearer sk_live_abcdefghijklmnop1234', 'content-type': 'application/json' },
      });
      out.on('response', (r) => {
        const chunks = [];
        r.on('data', (c) => chunks.push(c));
        r.on('end', () => resolve({ status: r.statusCode, body: String(Buffer.concat(chunks)) }));
      });
      out.on('error', reject);
      out.end(JSON.stringify({ user: credentials.user, password: credentials.password }));
    });
    res.statusCode = answer.status >= 400 ? 502 : 200;
    res.end(answer.body);
  },
};

const server = createServer((req, res) => {
  const route = routes[`${req.method} ${req.url.split('?')[0]}`];
  if (!route) {
    res.statusCode = 404;
    return res.end();
  }
  Promise.resolve(route(req, res)).catch((error) => {
    res.statusCode = 500;
    res.end(String(error));
  });
});
server.listen(port, '127.0.0.1');
