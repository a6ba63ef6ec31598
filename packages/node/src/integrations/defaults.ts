import { debug } from '../debug-logger.js';
import { tracingIntegration } from '../tracing/index.js';
import { awsS3Integration } from './aws-s3/index.js';
import { betterSqlite3Integration } from './better-sqlite3/index.js';
import { expressIntegration } from './express/index.js';
import { fastifyIntegration } from './fastify/index.js';
import { httpClientIntegration } from './http-client/index.js';
import { httpServerIntegration } from './http-server/index.js';
import { ioredisIntegration } from './ioredis/index.js';
import { localVariablesIntegration } from './local-variables/index.js';
import { pgIntegration } from './pg/index.js';
import { redisIntegration } from './redis/index.js';
import type { Integration } from './types.js';

/** Everything the SDK instruments by default; each integration is inert until its library loads. */
export function defaultIntegrations(): Integration[] {
  return [
    localVariablesIntegration(),
    httpServerIntegration(),
    httpClientIntegration(),
    fastifyIntegration(),
    expressIntegration(),
    pgIntegration(),
    betterSqlite3Integration(),
    ioredisIntegration(),
    redisIntegration(),
    awsS3Integration(),
    tracingIntegration(),
  ];
}

/** The default integrations without the ones named in `disabled`; an unknown name is reported. */
export function enabledIntegrations(disabled: readonly string[]): Integration[] {
  const all = defaultIntegrations();
  const names = new Set(all.map((i) => i.name));
  for (const name of disabled) {
    if (!names.has(name)) {
      debug.warn(
        `ignoring disabled integration ${JSON.stringify(name)}: expected one of ${[...names].join(', ')}`,
      );
    }
  }
  return all.filter((i) => !disabled.includes(i.name));
}
