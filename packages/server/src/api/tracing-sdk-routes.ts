import type { TracingActionSet } from '@flashback/protocol/tracing';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ServerError } from '../app/server-errors.js';
import type { IngestLimits } from '../config/server-options.js';
import { decodeIngestBody } from '../ingest/decode-body.js';
import type { ProjectAuthenticator } from '../ingest/project-auth.js';
import type { ProjectRecord } from '../storage/project-store.js';
import { parseHitBatch } from '../tracing/hit-batch.js';
import type { TracingService } from '../tracing/tracing-service.js';
import { clientGoneSignal } from './client-gone.js';

export interface TracingSdkRouteDeps {
  tracing: TracingService;
  auth: ProjectAuthenticator;
  limits: Pick<IngestLimits, 'maxBodyBytes' | 'maxDecompressedBytes'>;
}

/** Longest a poll for actions may wait, in seconds. */
export const MAX_ACTION_POLL_SECONDS = 30;

interface ActionsRequest {
  Params: { project: string };
  Querystring: { service: string; version?: number; wait?: number };
  Reply: TracingActionSet;
}

interface HitsRequest {
  Params: { project: string };
  Body: Buffer;
}

const actionsQuerySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['service'],
  properties: {
    service: { type: 'string', minLength: 1, maxLength: 200 },
    // Any whole number: one the service never had (the SDK starts at -1) is answered at once.
    version: { type: 'integer' },
    wait: { type: 'number', minimum: 0, maximum: MAX_ACTION_POLL_SECONDS },
  },
} as const;

/**
 * What the SDK speaks (format `flashback.tracing/1`), authenticated like ingest with the project's
 * key in `x-flashback-key`: the long-poll for a service's actions, and the hits it sends back.
 */
export async function registerTracingSdkRoutes(
  app: FastifyInstance,
  deps: TracingSdkRouteDeps,
): Promise<void> {
  const projects = new WeakMap<FastifyRequest, ProjectRecord>();
  const authenticate = async (request: FastifyRequest<{ Params: { project: string } }>) => {
    const key = request.headers['x-flashback-key'];
    projects.set(
      request,
      await deps.auth.authenticate(request.params.project, Array.isArray(key) ? key[0] : key),
    );
  };
  const projectOf = (request: FastifyRequest): ProjectRecord => {
    const project = projects.get(request);
    if (!project) throw new ServerError('FB_ERR_INTERNAL', 'the request was not authenticated');
    return project;
  };

  await app.register(async (scope) => {
    // Like ingest, the hits route reads its body itself: gzip or not, within the size limits.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

    /** The service's live actions; waits up to `wait` seconds while the version is `version`. */
    scope.get<ActionsRequest>(
      '/api/:project/tracing/actions',
      { onRequest: authenticate, schema: { querystring: actionsQuerySchema } },
      async (request, reply) => {
        const { service, version, wait = 0 } = request.query;
        return deps.tracing.actionSet(
          { projectId: projectOf(request).id, service },
          version,
          wait * 1000,
          clientGoneSignal(reply),
        );
      },
    );

    /**
     * `{stored, dropped, rejected}`: hits of unknown or removed actions, or past a limit, are
     * dropped; invalid hits are listed in `rejected` with the paths at fault.
     */
    scope.post<HitsRequest>(
      '/api/:project/tracing/hits',
      { onRequest: authenticate, bodyLimit: deps.limits.maxBodyBytes },
      async (request) => {
        if (!Buffer.isBuffer(request.body)) {
          throw new ServerError('FB_ERR_INVALID_BATCH', 'the request has no body; send a hit batch');
        }
        const text = await decodeIngestBody(
          request.body,
          {
            'content-type': request.headers['content-type'],
            'content-encoding': request.headers['content-encoding'],
          },
          deps.limits,
        );
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch (error) {
          throw new ServerError('FB_ERR_INVALID_JSON', `the body is not JSON: ${(error as Error).message}`);
        }
        const { batch, rejected } = parseHitBatch(body);
        const { stored, dropped } = await deps.tracing.record(projectOf(request).id, batch);
        return { stored, dropped, rejected };
      },
    );
  });
}
