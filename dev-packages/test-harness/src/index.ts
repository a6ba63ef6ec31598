import './provided-context.js';

export { freePort } from '@flashback/ports';
export { removeOnExit } from './exit-cleanup.js';
export { type HttpResponse, httpRequest } from './http-request.js';
export { type ExitInfo, type ManagedProcess, type SpawnOptions, spawnManaged } from './managed-process.js';
export { findPostgresBinDir } from './postgres-binaries.js';
export { createDatabase } from './postgres-database.js';
export { type PostgresServer, type StartPostgresOptions, startPostgres } from './postgres-server.js';
export { type RedisServer, type StartRedisOptions, startRedis } from './redis-server.js';
export { type Scenario, type ScenarioOptions, startScenario } from './scenario.js';
export {
  type CollectorRequest,
  type StubCollector,
  type StubCollectorOptions,
  startStubCollector,
} from './stub-collector.js';
export { type WaitForOptions, waitFor } from './wait-for.js';
