import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { ServerError } from '../app/server-errors.js';
import type { ReproductionQueue } from '../queue/reproduction-queue.js';
import type { Storage } from '../storage/open-storage.js';

/** `GET /api/health`: no token; 200 when the database answers, 503 when it does not. */
export async function registerHealthRoute(
  app: FastifyInstance,
  deps: { storage: Storage; queue: ReproductionQueue; validationWorkers: () => number },
): Promise<void> {
  app.get('/api/health', async () => {
    try {
      await sql`select 1`.execute(deps.storage.db);
    } catch (error) {
      throw new ServerError('FB_ERR_STORAGE_UNAVAILABLE', 'the database does not answer', {
        cause: error,
        retryAfterSeconds: 5,
      });
    }
    return {
      status: 'ok',
      database: deps.storage.target.dialect,
      queue: deps.queue.kind,
      validationWorkers: deps.validationWorkers(),
    };
  });
}
