import type { FastifyInstance } from 'fastify';
import { ServerError } from '../app/server-errors.js';
import { getPackage } from '../storage/package-store.js';
import type { ReadContext } from './read-routes.js';

interface GetPackageRequest {
  Params: { project: string; packageId: string };
}

export async function registerPackageRoutes(app: FastifyInstance, context: ReadContext): Promise<void> {
  /** One stored package as validated at ingest, with the triage it got. */
  app.get<GetPackageRequest>('/api/projects/:project/packages/:packageId', async (request) => {
    const project = await context.project(request);
    const stored = await getPackage(context.storage.db, project.id, request.params.packageId);
    if (!stored) {
      throw new ServerError(
        'FB_ERR_NOT_FOUND',
        `project ${project.name} has no package ${request.params.packageId}`,
      );
    }
    const { package: body, triage, ...summary } = stored;
    return { project: project.name, ...summary, triage, package: body };
  });
}
