import type {} from 'vitest';

/** Values the global setup hands to every test file through `inject()`. */
declare module 'vitest' {
  export interface ProvidedContext {
    /** A real PostgreSQL server shared by the whole run (one database; use `createDatabase` for your own). */
    postgresUrl: string;
    /** A real redis-server shared by the whole run (prefix your keys). */
    redisUrl: string;
  }
}
