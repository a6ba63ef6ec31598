import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { ErrorPackage } from '@flashback/protocol';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app/build-app.js';
import { type CreatedProject, createProject } from '../../src/app/project-admin.js';
import type { BuildAppOptions } from '../../src/config/server-options.js';

export interface TestApp {
  app: FastifyInstance;
  project: CreatedProject;
  dataDir: string;
  /** POSTs `{"packages": [...]}` with the project's key, gzip'd unless told otherwise. */
  ingest(packages: readonly unknown[], options?: IngestOptions): Promise<LightMyRequestResponse>;
  /** GET with the project's read token. */
  read(url: string, token?: string): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export interface IngestOptions {
  gzip?: boolean;
  key?: string | null;
  project?: string;
}

/** The server module under test: the TypeScript sources by default, or the built package. */
export interface ServerModule {
  buildApp: typeof buildApp;
  createProject: typeof createProject;
}

/** A collector on a fresh SQLite file (or `database`), with one project `checkout`. */
export async function startTestApp(
  options: BuildAppOptions = {},
  server: ServerModule = { buildApp, createProject },
): Promise<TestApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'flashback-server-'));
  const app = await server.buildApp({ dataDir, ...options });
  const project = await server.createProject('checkout', { storage: app.flashbackStorage });
  return {
    app,
    project,
    dataDir,
    ingest: (packages, ingestOptions = {}) => ingest(app, project, packages, ingestOptions),
    read: (url, token = project.readToken) =>
      app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } }),
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function ingest(
  app: FastifyInstance,
  project: CreatedProject,
  packages: readonly unknown[],
  options: IngestOptions = {},
): Promise<LightMyRequestResponse> {
  const json = Buffer.from(JSON.stringify({ packages }));
  const gzip = options.gzip ?? true;
  const key = options.key === undefined ? project.ingestKey : options.key;
  return app.inject({
    method: 'POST',
    url: `/api/${options.project ?? project.name}/packages`,
    headers: {
      'content-type': 'application/json',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      ...(key === null ? {} : { 'x-flashback-key': key }),
    },
    payload: gzip ? gzipSync(json) : json,
  });
}

/** The ids a 200 ingest reply lists. */
export function replyIds(response: LightMyRequestResponse): { accepted: string[]; duplicates: string[] } {
  const body = response.json() as { accepted: string[]; duplicates: string[] };
  return { accepted: body.accepted, duplicates: body.duplicates };
}

export type { ErrorPackage };

/** The built package (`dist`), whose ingest validation runs in worker threads. */
export async function builtServer(): Promise<ServerModule> {
  const built = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../dist/index.js');
  if (!existsSync(built)) throw new Error('build the server first: npx tsc -b packages/server');
  return (await import(built)) as ServerModule;
}
