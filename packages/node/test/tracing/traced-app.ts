/** Starts fixtures/traced-app.mjs in a child process and drives its control API. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { TracingAction, TracingHit } from '@flashback/protocol/tracing';

export interface TracedApp {
  post<T = unknown>(path: string, body?: unknown): Promise<T>;
  setActions(actions: TracingAction[]): Promise<void>;
  hits(): Promise<TracingHit[]>;
  stop(): Promise<void>;
}

const APP = fileURLToPath(new URL('./fixtures/traced-app.mjs', import.meta.url));

export async function startTracedApp(compiledTsDir?: string): Promise<TracedApp> {
  const child = spawn(process.execPath, [APP, ...(compiledTsDir ? [compiledTsDir] : [])], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [first] = (await once(child.stdout, 'data')) as [Buffer];
  const { port } = JSON.parse(first.toString()) as { port: number };
  const post = async <T>(path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      method: 'POST',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await response.json()) as T;
  };
  return {
    post,
    setActions: async (actions) => void (await post('/actions', actions)),
    hits: () => post<TracingHit[]>('/hits'),
    async stop() {
      child.kill();
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}

let counter = 0;

/** An action at `file:line` of the fixture app, live for a minute unless told otherwise. */
export function action(
  overrides: Partial<TracingAction> & Pick<TracingAction, 'kind' | 'location'>,
): TracingAction {
  counter++;
  return {
    id: `action-${counter}`,
    service: 'traced-app',
    maxHits: 100,
    expiresAt: new Date(Date.now() + 60_000).toISOString(),
    createdAt: new Date().toISOString(),
    ...overrides,
  };
}
