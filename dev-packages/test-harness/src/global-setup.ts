import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres-server.js';
import './provided-context.js';
import { startRedis } from './redis-server.js';

/**
 * Vitest global setup: one real PostgreSQL and one real redis-server for the
 * whole run, both on loopback, handed to tests as `inject('postgresUrl')` and
 * `inject('redisUrl')`.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [postgres, redis] = await Promise.allSettled([startPostgres(), startRedis()]);
  if (postgres.status === 'rejected' || redis.status === 'rejected') {
    await Promise.all([postgres, redis].map((r) => (r.status === 'fulfilled' ? r.value.stop() : undefined)));
    const reasons = [postgres, redis].flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
    throw new Error(`test services did not start:\n${reasons.join('\n')}`);
  }
  project.provide('postgresUrl', postgres.value.url);
  project.provide('redisUrl', redis.value.url);
  return async () => {
    await Promise.all([postgres.value.stop(), redis.value.stop()]);
  };
}
