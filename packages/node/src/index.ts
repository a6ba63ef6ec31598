export { FlashbackClient, HttpServerError } from './client.js';
export { expressErrorHandler } from './integrations/express/index.js';
export { setupFastifyErrorHandler } from './integrations/fastify/index.js';
export type { LocalsMode } from './integrations/local-variables/types.js';
export type { FlashbackOptions } from './options.js';
export { captureException, close, flush, getClient, init, whenReady } from './sdk.js';
export type { Transport } from './transport/types.js';
