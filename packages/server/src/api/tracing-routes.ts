import type { FastifyInstance } from 'fastify';
import type { IngestLimits } from '../config/server-options.js';
import { ProjectAuthenticator } from '../ingest/project-auth.js';
import type { Storage } from '../storage/open-storage.js';
import { TracingService } from '../tracing/tracing-service.js';
import { ReadAuthorizer } from './read-auth.js';
import { requireToken } from './token-context.js';
import { registerTracingActionRoutes } from './tracing-action-routes.js';
import { registerTracingSdkRoutes } from './tracing-sdk-routes.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Dynamic tracing: actions, action sets, hits; closed with the app. */
    flashbackTracing: TracingService;
  }
}

export interface TracingRouteDeps {
  storage: Storage;
  limits: Pick<IngestLimits, 'maxBodyBytes' | 'maxDecompressedBytes'>;
}

/**
 * Dynamic tracing: the SDK's endpoints under `/api/<project>/tracing` (ingest key) and the
 * person's under `/api/projects/<project>/tracing` (bearer token). Before the server closes,
 * every waiting long-poll is answered so that closing does not wait for them.
 */
export async function registerTracingRoutes(app: FastifyInstance, deps: TracingRouteDeps): Promise<void> {
  const tracing = new TracingService(deps.storage, {
    onError: (error) => app.log.error({ err: error }, 'ending expired tracing actions failed'),
  });
  tracing.start();
  app.decorate('flashbackTracing', tracing);
  app.addHook('preClose', () => tracing.close());

  await registerTracingSdkRoutes(app, {
    tracing,
    auth: new ProjectAuthenticator(deps.storage.db),
    limits: deps.limits,
  });
  const auth = new ReadAuthorizer(deps.storage.db);
  await app.register(async (scope) => {
    await registerTracingActionRoutes(scope, requireToken(scope, auth, deps.storage), tracing);
  });
}
