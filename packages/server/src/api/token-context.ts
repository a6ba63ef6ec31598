import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ServerError } from '../app/server-errors.js';
import type { Storage } from '../storage/open-storage.js';
import type { TokenRecord } from '../storage/project-store.js';
import type { ReadAuthorizer } from './read-auth.js';
import type { ReadContext } from './read-routes.js';

/**
 * Requires `authorization: Bearer <token>` on every route of `scope` (an encapsulated Fastify
 * scope) and returns the context handlers use to reach the token and its projects.
 */
export function requireToken(scope: FastifyInstance, auth: ReadAuthorizer, storage: Storage): ReadContext {
  const tokens = new WeakMap<FastifyRequest, TokenRecord>();
  scope.addHook('onRequest', async (request) => {
    tokens.set(request, await auth.authenticate(request.headers.authorization));
  });
  const context: ReadContext = {
    storage,
    token(request) {
      const token = tokens.get(request);
      if (!token) throw new ServerError('FB_ERR_INTERNAL', 'the request was not authenticated');
      return token;
    },
    project: (request) => auth.project(context.token(request), request.params.project),
  };
  return context;
}
