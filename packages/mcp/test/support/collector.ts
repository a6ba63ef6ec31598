/** A real collector listening on 127.0.0.1 (the built `@flashback/server`), with one project `checkout`. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ErrorPackage } from '@flashback/protocol';
import {
  type CreatedProject,
  createProject,
  type RunningServer,
  type StartServerOptions,
  startServer,
} from '@flashback/server';

export interface TestCollector {
  app: RunningServer['app'];
  url: string;
  project: CreatedProject;
  /** The DSN the SDK of a service sends to. */
  dsn: string;
  ingest(packages: readonly ErrorPackage[]): Promise<void>;
  close(): Promise<void>;
}

export async function startCollector(options: StartServerOptions = {}): Promise<TestCollector> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'flashback-mcp-'));
  const server = await startServer({ port: 0, dataDir, validationWorkers: 0, ...options });
  const project = await createProject('checkout', {
    storage: server.app.flashbackStorage,
    publicUrl: server.url,
  });
  return {
    app: server.app,
    url: server.url,
    project,
    dsn: project.dsn,
    async ingest(packages) {
      const response = await fetch(`${server.url}/api/checkout/packages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-flashback-key': project.ingestKey },
        body: JSON.stringify({ packages }),
      });
      if (!response.ok) throw new Error(`ingest answered ${response.status}: ${await response.text()}`);
    },
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
