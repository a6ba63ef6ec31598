import diagnosticsChannel from 'node:diagnostics_channel';
import { safeExecute } from '../../instrument/safe-execute.js';
import { isServerError } from '../http-common/error-status.js';
import { setTriggerRoute } from '../http-common/trigger-route.js';
import { type FastifyErrorHookTarget, setupFastifyErrorHandler } from './fastify-error-handler.js';
import { type FastifyReplyLike, type FastifyRequestLike, fastifyErrors } from './fastify-errors.js';

/**
 * Fastify's diagnostics channels (documented in its Hooks reference), subscribed by name so the
 * SDK never imports Fastify:
 * - `fastify.initialization` hands over each new instance: the SDK adds its `onError` hook, which
 *   sees errors from hooks as well as handlers;
 * - the `fastify.request.handler` tracing channel: `start` carries the matched route pattern,
 *   `error` the handler's error, with the reply's status already set from it. It fires before the
 *   error is sent, so before the `onError` hook, which then finds it reported.
 */
const INIT = 'fastify.initialization';
const START = 'tracing:fastify.request.handler:start';
const ERROR = 'tracing:fastify.request.handler:error';

interface HandlerStore {
  request?: FastifyRequestLike;
  reply?: FastifyReplyLike;
  route?: { url?: string };
  error?: unknown;
}

function onInit(message: unknown): void {
  safeExecute('instrumenting a fastify instance', () => {
    const fastify = (message as { fastify?: FastifyErrorHookTarget }).fastify;
    if (fastify && typeof fastify.addHook === 'function') setupFastifyErrorHandler(fastify);
  });
}

function onStart(message: unknown): void {
  safeExecute('reading a fastify route', () => {
    const store = message as HandlerStore;
    setTriggerRoute(fastifyErrors.contextOf(store.request?.raw), store.route?.url);
  });
}

function onError(message: unknown): void {
  safeExecute('capturing a fastify error', () => {
    const store = message as HandlerStore;
    // 4xx replies (validation, not found) are the app answering as designed.
    if (!isServerError(store.reply?.statusCode)) return;
    fastifyErrors.report(store.error, store.request?.raw);
  });
}

export function subscribeFastifyChannels(): () => void {
  diagnosticsChannel.subscribe(INIT, onInit);
  diagnosticsChannel.subscribe(START, onStart);
  diagnosticsChannel.subscribe(ERROR, onError);
  return () => {
    diagnosticsChannel.unsubscribe(INIT, onInit);
    diagnosticsChannel.unsubscribe(START, onStart);
    diagnosticsChannel.unsubscribe(ERROR, onError);
  };
}
