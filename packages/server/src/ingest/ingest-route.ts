import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ServerError } from '../app/server-errors.js';
import type { IngestLimits } from '../config/server-options.js';
import type { ProjectRecord } from '../storage/project-store.js';
import type { IngestReply, IngestService } from './ingest-service.js';
import type { ProjectAuthenticator } from './project-auth.js';
import type { RateLimiter } from './rate-limiter.js';
import type { ValidationPool } from './validation-pool.js';

export interface IngestRouteDeps {
  limits: IngestLimits;
  auth: ProjectAuthenticator;
  rateLimiter: RateLimiter;
  validation: ValidationPool;
  service: IngestService;
}

interface IngestRequest {
  Params: { project: string };
  Body: Buffer;
  Reply: IngestReply;
}

/**
 * `POST /api/<project>/packages`, the contract the SDK speaks. Answers, in order of checks:
 * 401/403/404 key and project (before the body is read), 413 too large on the wire or once
 * gunzipped, 415 media type or encoding, 400 not a batch, 429 over the project's rate, then
 * 200 `{accepted, duplicates, rejected}` when at least one package is valid (the valid ones are
 * stored, the invalid ones listed with the JSON paths at fault), or 400 `FB_ERR_INVALID_PACKAGES`
 * with the same `rejected` list when none is. 200 comes only once the accepted packages are
 * committed and flushed to disk; a package already stored is listed in `duplicates`, not stored
 * or counted again.
 */
export async function registerIngestRoute(app: FastifyInstance, deps: IngestRouteDeps): Promise<void> {
  const projects = new WeakMap<FastifyRequest, ProjectRecord>();

  await app.register(async (scope) => {
    // The route reads the body itself: gzip, size limits and UTF-8 are checked in decodeIngestBody.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

    scope.post<IngestRequest>('/api/:project/packages', {
      bodyLimit: deps.limits.maxBodyBytes,
      onRequest: async (request) => {
        const key = request.headers['x-flashback-key'];
        const project = await deps.auth.authenticate(
          request.params.project,
          Array.isArray(key) ? key[0] : key,
        );
        projects.set(request, project);
      },
      handler: async (request, reply) => {
        const project = projects.get(request);
        if (!project) throw new ServerError('FB_ERR_INTERNAL', 'the request was not authenticated');
        if (!Buffer.isBuffer(request.body)) {
          throw new ServerError('FB_ERR_INVALID_BATCH', 'the request has no body; send {"packages": [...]}');
        }
        const headers = {
          'content-type': request.headers['content-type'],
          'content-encoding': request.headers['content-encoding'],
        };
        const batch = await deps.validation.run(request.body, headers, deps.limits);
        const decision = deps.rateLimiter.take(project.id, batch.count);
        if (!decision.ok) {
          throw new ServerError(
            'FB_ERR_RATE_LIMITED',
            `project ${project.name} is over ${deps.limits.packagesPerSecond} packages/s; retry after ${decision.retryAfterSeconds} s`,
            { retryAfterSeconds: decision.retryAfterSeconds },
          );
        }
        const { valid, rejected } = batch;
        if (valid.length === 0) {
          throw new ServerError(
            'FB_ERR_INVALID_PACKAGES',
            `none of the ${batch.count} package(s) is a valid error package; see rejected[].errors`,
            { details: rejected.flatMap((r) => r.errors).slice(0, 50), extra: { rejected } },
          );
        }
        return reply.code(200).send(await deps.service.ingest(project.id, valid, rejected));
      },
    });
  });
}
