/**
 * The fixture service `fixtures/orders-service.mjs` running with `@flashback/node` preloaded and
 * pointed at a collector, as a traced service runs in production.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
export const SERVICE_FILE = 'orders-service.mjs';

/** The 1-based line of `text` in the service's source, so the tests never hard-code line numbers. */
export function lineOf(text: string): number {
  const index = readFileSync(`${FIXTURES}${SERVICE_FILE}`, 'utf8')
    .split('\n')
    .findIndex((line) => line.includes(text));
  if (index < 0) throw new Error(`${SERVICE_FILE} has no line with ${text}`);
  return index + 1;
}

export interface TracedService {
  /** GETs `path` on the service and returns its JSON. */
  get(path: string): Promise<unknown>;
  stop(): Promise<void>;
}

export async function startTracedService(dsn: string, service: string): Promise<TracedService> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', '@flashback/node/register', SERVICE_FILE],
    {
      cwd: FIXTURES,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        FLASHBACK_DSN: dsn,
        FLASHBACK_SERVICE: service,
        FLASHBACK_APP_ROOT: FIXTURES,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`${SERVICE_FILE} exited with ${String(code)} before it listened`);
  });
  exited.catch(() => undefined); // once listening, the exit at stop() is expected
  const [first] = (await Promise.race([once(child.stdout as NodeJS.ReadableStream, 'data'), exited])) as [
    Buffer,
  ];
  const { port } = JSON.parse(first.toString()) as { port: number };
  return {
    async get(path) {
      const response = await fetch(`http://127.0.0.1:${port}${path}`);
      return response.json();
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill();
      await once(child, 'exit');
    },
  };
}
