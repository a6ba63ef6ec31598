/** Runs a test app with the capture SDK preloaded, fires one request and returns the package it wrote. */
import type { ErrorPackage } from '@flashback/protocol/types';
import { startScenario } from '@flashback-dev/test-harness';

export interface CaptureOptions {
  appDir: string;
  entry: string;
  env?: Record<string, string>;
  method: string;
  path: string;
  body?: unknown;
}

export async function capturePackage(options: CaptureOptions): Promise<ErrorPackage> {
  const app = await startScenario({ entry: options.entry, cwd: options.appDir, env: options.env ?? {} });
  try {
    await app.request(options.method, options.path, options.body);
    const [pkg] = await app.waitForPackages(1);
    if (pkg === undefined) throw new Error('no package captured');
    return pkg;
  } finally {
    await app.stop();
  }
}
