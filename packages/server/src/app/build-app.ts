import { availableParallelism } from 'node:os';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerAgentRoutes } from '../api/agent-routes.js';
import { registerHealthRoute } from '../api/health-route.js';
import { ReadAuthorizer } from '../api/read-auth.js';
import { registerReadRoutes } from '../api/read-routes.js';
import { registerTracingRoutes } from '../api/tracing-routes.js';
import { registerVerificationRoutes } from '../api/verification-routes.js';
import { parseDatabaseTarget } from '../config/database-url.js';
import {
  type BuildAppOptions,
  DEFAULT_DATA_DIR,
  DEFAULT_HOST,
  DEFAULT_PORT,
  resolveLimits,
} from '../config/server-options.js';
import { registerIngestRoute } from '../ingest/ingest-route.js';
import { IngestService } from '../ingest/ingest-service.js';
import { ProjectAuthenticator } from '../ingest/project-auth.js';
import { RateLimiter } from '../ingest/rate-limiter.js';
import { ValidationPool } from '../ingest/validation-pool.js';
import { escalationWebhookHook } from '../notify/escalation-webhook.js';
import { createReplayWorker } from '../orchestrator/replay-worker.js';
import { createReproductionQueue } from '../queue/create-queue.js';
import type { ReproductionQueue } from '../queue/reproduction-queue.js';
import { createReproductionJobHandler } from '../queue/reproduction-worker.js';
import { openStorage, type Storage } from '../storage/open-storage.js';
import { installErrorHandlers } from './error-handler.js';
import { registerWebUi } from './web-ui.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The open database; closed with the app. */
    flashbackStorage: Storage;
    /** Where tier-3 reproductions wait; stopped with the app. */
    flashbackQueue: ReproductionQueue;
  }
}

/**
 * The collector as a Fastify app, not yet listening: opens and migrates the database, sets up the
 * queue, and registers the ingest, read and health routes. Tests drive it with `inject()`;
 * `startServer` makes it listen. Closing the app closes the queue and the database.
 *
 * @example
 * const app = await buildApp({ database: 'sqlite::memory:' });
 * const res = await app.inject({ method: 'GET', url: '/api/health' });
 */
export async function buildApp(options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const limits = resolveLimits(options.limits);
  const target = parseDatabaseTarget(options.database, options.dataDir ?? DEFAULT_DATA_DIR);
  const storage = await openStorage(target, { sqliteSynchronous: options.sqliteSynchronous ?? 'full' });
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: limits.maxBodyBytes,
    // Ingest clients keep connections open between batches.
    keepAliveTimeout: 65_000,
  });
  let queue: ReproductionQueue | undefined;
  try {
    queue = await createReproductionQueue(storage, {
      onError: (error) => app.log.error({ err: error }, 'reproduction queue error'),
    });
    app.decorate('flashbackStorage', storage);
    app.decorate('flashbackQueue', queue);
    installErrorHandlers(app);

    const service = new IngestService({ storage, queue, log: app.log });
    const validation = new ValidationPool(
      options.validationWorkers ?? defaultValidationWorkers(),
      options.triage,
    );
    app.addHook('onClose', () => validation.close());
    await registerIngestRoute(app, {
      limits,
      auth: new ProjectAuthenticator(storage.db),
      rateLimiter: new RateLimiter(limits.packagesPerSecond, limits.burstPackages),
      validation,
      service,
    });
    await registerReadRoutes(app, { storage, auth: new ReadAuthorizer(storage.db) });
    await registerVerificationRoutes(app, { storage });
    await registerAgentRoutes(app, {
      storage,
      queue,
      publicUrl: () => options.publicUrl ?? listeningUrl(app),
    });
    await registerTracingRoutes(app, { storage, limits });
    await registerHealthRoute(app, { storage, queue, validationWorkers: () => validation.size });
    await registerWebUi(app, options);

    const worker =
      options.reproductionWorker ??
      (options.replay ? createReplayWorker({ ...options.replay, storage }) : undefined);
    if (worker) {
      const onFinished = escalationWebhookHook({
        storage,
        publicUrl: () => options.publicUrl ?? listeningUrl(app),
        log: app.log,
      });
      await queue.work(createReproductionJobHandler(storage, worker, { onFinished }));
    }
    const openQueue = queue;
    app.addHook('onClose', async () => {
      await openQueue.stop();
      await storage.close();
    });
    return app;
  } catch (error) {
    await queue?.stop().catch(() => {});
    await storage.close();
    throw error;
  }
}

/** One per core beyond the main thread's, at most two (measured with bench/ingest on 2 cores). */
function defaultValidationWorkers(): number {
  return Math.max(0, Math.min(2, availableParallelism() - 1));
}

/** `http://host:port` of the socket the app listens on, or the default address before it listens. */
function listeningUrl(app: FastifyInstance): string {
  const address = app.server.address();
  if (typeof address !== 'object' || address === null) return `http://${DEFAULT_HOST}:${DEFAULT_PORT}`;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}
