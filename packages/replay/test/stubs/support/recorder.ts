/**
 * Records real exchanges for the stub tests: a small service runs with the SDK preloaded, makes
 * the calls a test asks for against real servers, and fails, so the SDK writes the package the
 * stubs are then planned from. The shapes in these packages are the SDK's, not hand-written.
 */
import { fileURLToPath } from 'node:url';
import type { ErrorPackage } from '@flashback/protocol/types';
import { type Scenario, startScenario } from '@flashback-dev/test-harness';

export type Step =
  | {
      op: 'fetch';
      url: string;
      method?: string;
      headers?: Record<string, string>;
      body?: string;
      timeoutMs?: number;
    }
  | { op: 'http'; url: string; method?: string; headers?: Record<string, string>; body?: string }
  | { op: 'ioredis'; method: string; args: unknown[]; impatient?: boolean }
  | { op: 'node-redis'; args: string[] }
  | { op: 's3-get' | 's3-head'; bucket: string; key: string };

/** What the real server gave the step: its value, or the error the client threw. */
export interface StepResult {
  value?: unknown;
  error?: { name?: string; message?: string; code?: string };
}

export interface Recording {
  pkg: ErrorPackage;
  results: StepResult[];
}

export interface Recorder {
  record(steps: Step[]): Promise<Recording>;
  stop(): Promise<void>;
}

/** @param env REDIS_URL and S3_ENDPOINT, when the steps use them. */
export async function startRecorder(env: Record<string, string> = {}): Promise<Recorder> {
  const app: Scenario = await startScenario({
    entry: fileURLToPath(new URL('./recording-app.mjs', import.meta.url)),
    env: { FLASHBACK_SERVICE: 'stub-recordings', FLASHBACK_LOCALS: '0', ...env },
  });
  return {
    async record(steps) {
      const before = (await app.packages()).length;
      const response = await app.request<StepResult[]>('POST', '/run', steps);
      if (response.status !== 500)
        throw new Error(`the recording app answered ${response.status}: ${response.text}`);
      const packages = await app.waitForPackages(before + 1);
      const pkg = packages[packages.length - 1];
      if (!pkg) throw new Error('no package was captured');
      return { pkg, results: response.json };
    },
    stop: () => app.stop(),
  };
}

/** What the real server answered to step `index`; throws when that step failed. */
export function realValue<T>(recording: Recording, index: number): T {
  const result = recording.results[index];
  if (!result || result.error)
    throw new Error(`step ${index} did not succeed when recorded: ${JSON.stringify(result)}`);
  return result.value as T;
}
