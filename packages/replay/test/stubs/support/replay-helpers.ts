/** Small helpers shared by the stub end-to-end tests. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ErrorPackage, HttpEvent, RedisEvent } from '@flashback/protocol/types';
import {
  planStubs,
  type RunningStubs,
  type StartStubsOptions,
  startStubs,
} from '../../../src/stubs/index.js';

export interface Replay {
  stubs: RunningStubs;
  workDir: string;
  /** `http://127.0.0.1:<port>` where the stub for the recorded port listens. */
  url(recordedPort: number, scheme?: 'http' | 'https'): string;
  /** The port the stub for the recorded port listens on. */
  port(recordedPort: number): number;
  close(): Promise<void>;
}

/** Starts the stubs planned from `pkg` on ephemeral ports, with no latency unless asked. */
export async function replay(pkg: ErrorPackage, options: Partial<StartStubsOptions> = {}): Promise<Replay> {
  const workDir = await mkdtemp(join(tmpdir(), 'flashback-stubs-test-'));
  const stubs = await startStubs(planStubs(pkg), { bind: 'ephemeral', workDir, latencyScale: 0, ...options });
  const port = (recordedPort: number) => {
    const endpoint = stubs.endpoints.find((e) => e.recorded.port === recordedPort);
    if (!endpoint) throw new Error(`no stub for recorded port ${recordedPort}`);
    return endpoint.listening.port;
  };
  return {
    stubs,
    workDir,
    port,
    url: (recordedPort, scheme = 'http') => `${scheme}://127.0.0.1:${port(recordedPort)}`,
    close: async () => {
      await stubs.close();
      await rm(workDir, { recursive: true, force: true });
    },
  };
}

export function httpEvents(pkg: ErrorPackage): HttpEvent[] {
  return pkg.timeline.filter((event): event is HttpEvent => event.type === 'http');
}

export function redisEvents(pkg: ErrorPackage): RedisEvent[] {
  return pkg.timeline.filter((event): event is RedisEvent => event.type === 'redis');
}

/** The package with only the given events in its timeline. */
export function withTimeline(pkg: ErrorPackage, timeline: ErrorPackage['timeline']): ErrorPackage {
  return { ...pkg, timeline };
}

/** The error code behind a failed fetch (`TypeError: fetch failed` carries it as cause). */
export function causeCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}
