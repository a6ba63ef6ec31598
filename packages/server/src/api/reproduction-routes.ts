import type { FastifyInstance } from 'fastify';
import { ServerError } from '../app/server-errors.js';
import type { ReproductionQueue } from '../queue/reproduction-queue.js';
import { findIssueProjectId } from '../storage/issue-store.js';
import { getReproduction } from '../storage/reproduction-store.js';
import { type IssueParams, requireIssue } from './issue-lookup.js';
import type { ReadContext } from './read-routes.js';
import { requestReproduction } from './request-reproduction.js';

interface RequestReproductionRequest {
  Params: IssueParams;
  Body: { packageId?: string } | undefined;
}

interface GetReproductionRequest {
  Params: { project: string; reproductionId: string };
}

const requestBodySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { packageId: { type: 'string', minLength: 1, maxLength: 100 } },
} as const;

/** Reproductions on request (queued like tier-3 ones) and each reproduction's state and verdict. */
export async function registerReproductionRoutes(
  app: FastifyInstance,
  context: ReadContext,
  queue: ReproductionQueue,
): Promise<void> {
  /** Queues a reproduction of the issue's newest package (or `packageId`); 202 with the reproduction. */
  app.post<RequestReproductionRequest>(
    '/api/projects/:project/issues/:issueId/reproductions',
    { schema: { body: requestBodySchema } },
    async (request, reply) => {
      const { project, issue } = await requireIssue(context, request);
      const requested = await requestReproduction(context.storage, queue, {
        projectId: project.id,
        issueId: issue.id,
        packageId: request.body?.packageId,
      });
      return reply.code(202).send({ project: project.name, ...requested });
    },
  );

  app.get<GetReproductionRequest>('/api/projects/:project/reproductions/:reproductionId', async (request) => {
    const project = await context.project(request);
    const { db } = context.storage;
    const reproduction = await getReproduction(db, request.params.reproductionId);
    if (!reproduction || (await findIssueProjectId(db, reproduction.issueId)) !== project.id) {
      throw new ServerError(
        'FB_ERR_NOT_FOUND',
        `project ${project.name} has no reproduction ${request.params.reproductionId}`,
      );
    }
    return { project: project.name, reproduction };
  });
}
