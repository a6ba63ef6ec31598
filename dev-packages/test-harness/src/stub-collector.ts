import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { ErrorPackage } from '@flashback/protocol';
import { waitFor } from './wait-for.js';

const gunzipAsync = promisify(gunzip);

export interface StubCollectorOptions {
  /** Project in the ingest path `/api/<project>/packages`. Default `checkout`. */
  project?: string;
  /** Expected `x-flashback-key`. Default: random. */
  key?: string;
  /** Default: a free port. */
  port?: number;
}

/** One ingest request as the collector saw it, whatever the answer was. */
export interface CollectorRequest {
  method: string;
  path: string;
  project: string | undefined;
  key: string | undefined;
  gzip: boolean;
  /** Body size on the wire. */
  bytes: number;
  /** Packages in the body, when it could be parsed. */
  packageCount: number;
  status: number;
}

export interface StubCollector {
  url: string;
  port: number;
  project: string;
  key: string;
  /** `http://<key>@127.0.0.1:<port>/<project>`, for `FLASHBACK_DSN`. */
  dsn: string;
  /** Every accepted package, once per id, in arrival order. */
  packages(): ErrorPackage[];
  requests(): CollectorRequest[];
  /** The next `count` ingest requests are answered with `status` (default 503) and nothing is stored. */
  failNext(count: number, status?: number): void;
  waitForPackages(count: number, timeoutMs?: number): Promise<ErrorPackage[]>;
  /** Closes the port (clients get ECONNREFUSED); recorded data is kept. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  restart(): Promise<void>;
}

/**
 * Stands in for the Flashback collector: speaks the ingest contract
 * (`POST /api/<project>/packages`, `x-flashback-key`, optional gzip, body
 * `{"packages": [...]}`, answer `{"accepted": [...], "duplicates": [...]}`) and
 * records everything it receives.
 */
export async function startStubCollector(options: StubCollectorOptions = {}): Promise<StubCollector> {
  const project = options.project ?? 'checkout';
  const key = options.key ?? randomBytes(12).toString('hex');
  const packages: ErrorPackage[] = [];
  const seen = new Set<string>();
  const requests: CollectorRequest[] = [];
  let failures: { remaining: number; status: number } = { remaining: 0, status: 503 };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (/^\/api\/[^/]+\/tracing\//.test(path)) {
      // The SDK's tracing channel: this stand-in only collects packages.
      res.statusCode = 404;
      res.end();
      return;
    }
    const body = await readBody(req);
    const gzip = (req.headers['content-encoding'] ?? '').toLowerCase() === 'gzip';
    const keyHeader = req.headers['x-flashback-key'];
    const record: CollectorRequest = {
      method: req.method ?? 'GET',
      path,
      project: /^\/api\/([^/]+)\/packages$/.exec(path)?.[1],
      key: Array.isArray(keyHeader) ? keyHeader[0] : keyHeader,
      gzip,
      bytes: body.length,
      packageCount: 0,
      status: 0,
    };
    requests.push(record);
    const reply = (status: number, payload: unknown) => {
      record.status = status;
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
    };

    if (record.project === undefined) return reply(404, { error: 'not_found' });
    if (req.method !== 'POST') return reply(405, { error: 'method_not_allowed' });
    if (record.key === undefined) return reply(401, { error: 'missing_key' });
    if (record.key !== key) return reply(403, { error: 'invalid_key' });
    if (record.project !== project) return reply(404, { error: 'unknown_project' });

    let parsed: unknown;
    try {
      parsed = JSON.parse((gzip ? await gunzipAsync(body) : body).toString('utf8'));
    } catch {
      return reply(400, {
        error: 'invalid_body',
        message: 'expected JSON, gzip-compressed when content-encoding says so',
      });
    }
    const batch = (parsed as { packages?: unknown }).packages;
    if (!Array.isArray(batch))
      return reply(400, { error: 'invalid_body', message: 'expected {"packages": [...]}' });
    record.packageCount = batch.length;

    if (failures.remaining > 0) {
      failures.remaining -= 1;
      return reply(failures.status, { error: 'unavailable' });
    }
    const accepted: string[] = [];
    const duplicates: string[] = [];
    for (const item of batch as ErrorPackage[]) {
      const id = String((item as { id?: unknown }).id);
      if (seen.has(id)) {
        duplicates.push(id);
      } else {
        seen.add(id);
        packages.push(item);
        accepted.push(id);
      }
    }
    return reply(200, { accepted, duplicates });
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
    });
  };
  let server = createServer(onRequest);
  const port = await listen(server, options.port ?? 0);
  const url = `http://127.0.0.1:${port}`;
  let running = true;

  return {
    url,
    port,
    project,
    key,
    dsn: `http://${key}@127.0.0.1:${port}/${project}`,
    packages: () => [...packages],
    requests: () => requests.map((r) => ({ ...r })),
    failNext(count, status = 503) {
      failures = { remaining: count, status };
    },
    waitForPackages: (count, timeoutMs = 10_000) =>
      waitFor(() => packages.length >= count && [...packages], {
        what: `${count} package(s) at the stub collector (have ${packages.length})`,
        timeoutMs,
      }),
    async stop() {
      if (!running) return;
      running = false;
      await close(server);
    },
    async restart() {
      if (running) return;
      server = createServer(onRequest);
      await listen(server, port);
      running = true;
    },
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Keep-alive sockets would hold the port open; a stopped collector must refuse at once.
    server.closeAllConnections();
  });
}
