/**
 * A real collector with one empty project, for the tests that fill it themselves: the built
 * `@flashback/server` listening on a free loopback port over a temp SQLite directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type CreatedProject, createProject, type RunningServer, startServer } from '@flashback/server';

export interface ProjectCollector {
  server: RunningServer;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Its name, read token, and the DSN a service sends to. */
  project: CreatedProject;
  close(): Promise<void>;
}

export async function startProjectCollector(name: string): Promise<ProjectCollector> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'flashback-web-'));
  const server = await startServer({ port: 0, dataDir, validationWorkers: 0 });
  const close = async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const project = await createProject(name, {
      storage: server.app.flashbackStorage,
      publicUrl: server.url,
    });
    return { server, url: server.url, project, close };
  } catch (error) {
    await close();
    throw error;
  }
}
