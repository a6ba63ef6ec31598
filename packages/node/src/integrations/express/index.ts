import type { Integration } from '../types.js';
import { subscribeExpressChannels } from './express-channels.js';
import { expressErrors } from './express-errors.js';

export { type ExpressErrorMiddleware, expressErrorHandler } from './express-error-handler.js';

/**
 * Express: errors that reach Express's error handling and ask for a 5xx are packaged with
 * mechanism `{ kind: 'framework', handled: true, framework: 'express' }`, automatically on Express 5
 * (router's diagnostics channel), through `expressErrorHandler()` elsewhere.
 */
export function expressIntegration(): Integration {
  let unsubscribe: (() => void) | undefined;
  return {
    name: 'express',
    setup({ sink }) {
      expressErrors.attach(sink);
      unsubscribe = subscribeExpressChannels();
    },
    teardown() {
      unsubscribe?.();
      unsubscribe = undefined;
      expressErrors.detach();
    },
  };
}
