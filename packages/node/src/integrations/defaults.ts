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
