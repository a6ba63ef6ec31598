export { type FetchHandlerOptions, fetchHandler } from './fetch-handler.js';
export { type PgQueryable, pgDatabase } from './pg-database.js';
export { type IoRedisLike, type NodeRedisLike, redisHandler } from './redis-handler.js';
export { DEFAULT_DATABASE, type SqlDatabase, sqlHandler } from './sql-handler.js';
export { type SqliteDatabaseLike, type SqliteStatementLike, sqliteDatabase } from './sqlite-database.js';
export { clockHandler, logHandler, randomHandlers } from './system-handlers.js';
