/**
 * How a service hears of tracing actions and reports their hits: a long poll on the collector
 * (one idle request at a time, answered when the service's action set changes) and batched POSTs
 * of hits. Both go through the SDK's own uncaptured HTTP path and never keep the process alive.
 */
import http from 'node:http';
import https from 'node:https';
import { hostname } from 'node:os';
import {
  TRACING_FORMAT,
  type TracingActionSet,
  type TracingHit,
  type TracingHitBatch,
} from '@flashback/protocol/tracing';
import { suppressCapture } from '../context/request-context.js';
import { debug } from '../debug-logger.js';
import type { IngestEndpoint } from '../transport/ingest-endpoint.js';
import { postRaw } from '../transport/ingest-request.js';

const requestHttp = http.request;
const requestHttps = https.request;
const POLL_WAIT_S = 25;
const MAX_BATCH = 200;
const MAX_QUEUE = 5_000;

export interface ControlChannelOptions {
  endpoint: IngestEndpoint;
  service: string;
  onActions(set: TracingActionSet): void;
  /** Pause after a failed poll; default 2 s. */
  retryMs?: number;
}

export class ControlChannel {
  private readonly agent: http.Agent;
  private readonly base: string;
  private version = -1;
  private stopped = false;
  private current: http.ClientRequest | undefined;
  private queue: TracingHit[] = [];
  private sending = false;
  private dropped = 0;
  private readonly instance = `${hostname()}:${process.pid}`;

  constructor(private readonly options: ControlChannelOptions) {
    const { url } = options.endpoint;
    this.agent =
      url.protocol === 'https:' ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
    // `<origin>[/prefix]/api/<project>/packages` → `<origin>[/prefix]/api/<project>/tracing`
    this.base = url.href.replace(/\/packages$/, '/tracing');
  }

  start(): void {
    void this.pollLoop();
  }

  stop(): void {
    this.stopped = true;
    this.current?.destroy();
    this.agent.destroy();
  }

  /** Queues a hit; sent in batches as soon as the previous batch is acknowledged. */
  send(hit: TracingHit): void {
    if (this.queue.length >= MAX_QUEUE) {
      this.dropped++;
      return;
    }
    this.queue.push(hit);
    if (!this.sending) void this.flush();
  }

  private async pollLoop(): Promise<void> {
    while (!this.stopped) {
      try {
        const started = Date.now();
        const set = await this.poll();
        if (set && set.version !== this.version) {
          this.version = set.version;
          this.options.onActions(set);
        } else if (Date.now() - started < 1_000) {
          // A collector that answers at once without a change would make this loop spin.
          await new Promise((resolve) => setTimeout(resolve, 1_000).unref());
        }
      } catch (error: unknown) {
        if (this.stopped) return;
        debug.log('tracing: polling the collector failed; retrying', error);
        await new Promise((resolve) => setTimeout(resolve, this.options.retryMs ?? 2_000).unref());
      }
    }
  }

  private poll(): Promise<TracingActionSet | undefined> {
    const url = new URL(`${this.base}/actions`);
    url.searchParams.set('service', this.options.service);
    url.searchParams.set('version', String(this.version));
    url.searchParams.set('wait', String(POLL_WAIT_S));
    return suppressCapture(
      () =>
        new Promise((resolve, reject) => {
          const send = url.protocol === 'https:' ? requestHttps : requestHttp;
          const req = send(
            url,
            { agent: this.agent, headers: { 'x-flashback-key': this.options.endpoint.key } },
            (res) => {
              let body = '';
              res.setEncoding('utf8');
              res.on('data', (chunk: string) => (body += chunk));
              res.on('end', () => {
                if (res.statusCode !== 200) {
                  reject(new Error(`the collector answered ${res.statusCode}: ${body.slice(0, 200)}`));
                  return;
                }
                try {
                  resolve(JSON.parse(body) as TracingActionSet);
                } catch (error) {
                  reject(error);
                }
              });
            },
          );
          req.setTimeout((POLL_WAIT_S + 10) * 1000, () => req.destroy(new Error('the long poll timed out')));
          req.on('socket', (socket) => socket.unref());
          req.on('error', reject);
          req.end();
          this.current = req;
        }),
    );
  }

  private async flush(): Promise<void> {
    this.sending = true;
    try {
      while (this.queue.length > 0 && !this.stopped) {
        const hits = this.queue.splice(0, MAX_BATCH);
        if (this.dropped > 0) debug.warn(`tracing: ${this.dropped} hits dropped (the queue was full)`);
        this.dropped = 0;
        const batch: TracingHitBatch = {
          format: TRACING_FORMAT,
          service: this.options.service,
          instance: this.instance,
          hits,
        };
        const reply = await postRaw({
          url: new URL(`${this.base}/hits`),
          headers: { 'content-type': 'application/json', 'x-flashback-key': this.options.endpoint.key },
          body: Buffer.from(JSON.stringify(batch)),
          agent: this.agent,
          timeoutMs: 10_000,
          onSocket: (socket) => socket.unref(),
        });
        if (reply.kind !== 'reply' || reply.status >= 300) {
          debug.warn(
            `tracing: hits not delivered (${reply.kind === 'reply' ? `HTTP ${reply.status}` : reply.error.message})`,
          );
        }
      }
    } finally {
      this.sending = false;
    }
  }
}
