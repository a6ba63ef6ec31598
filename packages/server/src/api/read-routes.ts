import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ServerError } from '../app/server-errors.js';
import type { Storage } from '../storage/open-storage.js';
import type { TokenRecord } from '../storage/project-store.js';
import { listProjects } from '../storage/project-store.js';
import { registerIssueRoutes } from './issue-routes.js';
import { registerPackageRoutes } from './package-routes.js';
import type { ReadAuthorizer } from './read-auth.js';

export interface ReadRouteDeps {
  storage: Storage;
  auth: ReadAuthorizer;
}

/** What every read handler gets: the token that was checked and a way to open a project with it. */
export interface ReadContext {
  storage: Storage;
  token(request: FastifyRequest): TokenRecord;
  project(request: FastifyRequest<{ Params: { project: string } }>): Promise<{ id: string; name: string }>;
}

/** The query API under `/api/projects`, used by the UI, the CLI and the MCP server. Token required. */
export async function registerReadRoutes(app: FastifyInstance, deps: ReadRouteDeps): Promise<void> {
  const tokens = new WeakMap<FastifyRequest, TokenRecord>();
  const context: ReadContext = {
    storage: deps.storage,
    token(request) {
      const token = tokens.get(request);
      if (!token) throw new ServerError('FB_ERR_INTERNAL', 'the request was not authenticated');
      return token;
    },
    project: (request) => deps.auth.project(context.token(request), request.params.project),
  };

  await app.register(async (scope) => {
    scope.addHook('onRequest', async (request) => {
      tokens.set(request, await deps.auth.authenticate(request.headers.authorization));
    });

    scope.get('/api/projects', async (request) => {
      const token = context.token(request);
      const projects = await listProjects(deps.storage.db);
      return {
        projects: projects
          .filter((p) => token.projectId === null || token.projectId === p.id)
          .map((p) => ({ name: p.name, createdAt: p.createdAt })),
      };
    });

    await registerIssueRoutes(scope, context);
    await registerPackageRoutes(scope, context);
  });
}
