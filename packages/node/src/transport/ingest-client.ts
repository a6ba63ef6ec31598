import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { SDK_NAME, SDK_VERSION } from '../sdk-info.js';
import type { IngestEndpoint } from './ingest-endpoint.js';
import { postRaw } from './ingest-request.js';
import type { SerializedPackage } from './package-json.js';
import { classifyStatus, parseRetryAfter } from './retry-policy.js';

const gzipAsync = promisify(gzip);

/** How one POST of a batch ended. */
export type AttemptResult =
  /** `acknowledged` lists the ids the collector accepted or already had; undefined when it sent no list. */
  | { kind: 'acknowledged'; acknowledged: ReadonlySet<string> | undefined }
  | { kind: 'rejected'; reason: string; status: number | undefined }
  | { kind: 'retry'; reason: string; retryAfterMs: number | undefined };

/**
 * Speaks the collector's ingest contract: `POST /api/<project>/packages`, gzip'd
 * `{"packages":[…]}`, key in `x-flashback-key`, reply `{"accepted":[ids],"duplicates":[ids]}`.
 */
export class IngestClient {
  // Our own agent, so the app's pool settings (or a patched global agent) never apply to us.
  private readonly agent: http.Agent;
  private activeSocket: Socket | undefined;
  private holds = 0;

  constructor(
    private readonly endpoint: IngestEndpoint,
    private readonly timeoutMs: number,
  ) {
    const agentOptions = { keepAlive: true, maxSockets: 1 };
    this.agent =
      endpoint.url.protocol === 'https:' ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
  }

  /** Sends one batch once; never rejects. */
  async post(packages: readonly SerializedPackage[]): Promise<AttemptResult> {
    let body: Buffer;
    try {
      body = await gzipAsync(Buffer.from(`{"packages":[${packages.map((p) => p.json).join(',')}]}`));
    } catch (error) {
      return { kind: 'rejected', reason: `gzip failed: ${(error as Error).message}`, status: undefined };
    }
    const reply = await postRaw({
      url: this.endpoint.url,
      agent: this.agent,
      timeoutMs: this.timeoutMs,
      body,
      headers: {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'content-length': body.length,
        'x-flashback-key': this.endpoint.key,
        'user-agent': `${SDK_NAME}/${SDK_VERSION}`,
      },
      onSocket: (socket) => this.track(socket),
    });
    this.activeSocket = undefined;
    if (reply.kind === 'network-error') {
      const code = reply.error.code ? ` (${reply.error.code})` : '';
      return { kind: 'retry', reason: `${reply.error.message}${code}`, retryAfterMs: undefined };
    }
    const verdict = classifyStatus(reply.status);
    if (verdict === 'ok') return { kind: 'acknowledged', acknowledged: parseAcknowledged(reply.body) };
    const reason = `HTTP ${reply.status}${reply.body ? `: ${reply.body.slice(0, 200)}` : ''}`;
    if (verdict === 'reject') return { kind: 'rejected', reason, status: reply.status };
    return { kind: 'retry', reason, retryAfterMs: parseRetryAfter(reply.headers['retry-after'], Date.now()) };
  }

  /**
   * While held (a caller awaits a flush), the request in flight keeps the process alive;
   * otherwise it does not, so the SDK never delays the exit of a process that is done.
   * Returns the release function.
   */
  hold(): () => void {
    this.holds++;
    this.activeSocket?.ref();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds--;
      if (this.holds === 0) this.activeSocket?.unref();
    };
  }

  close(): void {
    this.agent.destroy();
  }

  private track(socket: Socket): void {
    this.activeSocket = socket;
    if (this.holds === 0) socket.unref();
    else socket.ref();
  }
}

function parseAcknowledged(body: string): ReadonlySet<string> | undefined {
  try {
    const reply: unknown = JSON.parse(body);
    if (typeof reply !== 'object' || reply === null) return undefined;
    const { accepted, duplicates } = reply as { accepted?: unknown; duplicates?: unknown };
    if (!Array.isArray(accepted) && !Array.isArray(duplicates)) return undefined;
    const ids = [
      ...(Array.isArray(accepted) ? accepted : []),
      ...(Array.isArray(duplicates) ? duplicates : []),
    ];
    return new Set(ids.filter((id): id is string => typeof id === 'string'));
  } catch {
    return undefined;
  }
}
