import type { FastifyInstance } from 'fastify';
import { ServerError } from '../app/server-errors.js';
import type { TracingActionRecord } from '../storage/tracing-action-store.js';
import type { TracingService } from '../tracing/tracing-service.js';
import { clientGoneSignal } from './client-gone.js';
import type { ReadContext } from './read-routes.js';

/** Longest a person's read of hits may wait, in seconds. */
export const MAX_HITS_POLL_SECONDS = 30;

interface ProjectParams {
  project: string;
}

interface ActionParams extends ProjectParams {
  id: string;
}

const listQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { service: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;

const hitsQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    after: { type: 'integer', minimum: 0 },
    wait: { type: 'number', minimum: 0, maximum: MAX_HITS_POLL_SECONDS },
  },
} as const;

/**
 * Placing, listing and removing tracing actions, and reading their hits: the person's side, with
 * the same bearer tokens as the read API (a project's token, or one that reads every project).
 */
export async function registerTracingActionRoutes(
  app: FastifyInstance,
  context: ReadContext,
  tracing: TracingService,
): Promise<void> {
  const requireAction = async (projectId: string, projectName: string, id: string) => {
    const action = await tracing.get(projectId, id);
    if (!action) throw unknownAction(projectName, id);
    return action;
  };

  /** 201 with the action; 400 naming the field when the request is not one. */
  app.post<{ Params: ProjectParams; Body: unknown }>(
    '/api/projects/:project/tracing/actions',
    async (request, reply) => {
      const project = await context.project(request);
      const action = await tracing.place(project.id, request.body);
      return reply.code(201).send({ action: view(action) });
    },
  );

  app.get<{ Params: ProjectParams; Querystring: { service?: string } }>(
    '/api/projects/:project/tracing/actions',
    { schema: { querystring: listQuerySchema } },
    async (request) => {
      const project = await context.project(request);
      const actions = await tracing.list(project.id, request.query.service);
      return { project: project.name, actions: actions.map(view) };
    },
  );

  app.get<{ Params: ActionParams }>('/api/projects/:project/tracing/actions/:id', async (request) => {
    const project = await context.project(request);
    return { action: view(await requireAction(project.id, project.name, request.params.id)) };
  });

  /** Takes the action out of its service's set; removing it again answers the same. */
  app.delete<{ Params: ActionParams }>('/api/projects/:project/tracing/actions/:id', async (request) => {
    const project = await context.project(request);
    const removed = await tracing.remove(project.id, request.params.id);
    if (!removed) throw unknownAction(project.name, request.params.id);
    return { action: view(removed) };
  });

  /** `{hits, next}` after the cursor `after`; with `wait`, waits that long for the first one. */
  app.get<{ Params: ActionParams; Querystring: { after?: number; wait?: number } }>(
    '/api/projects/:project/tracing/actions/:id/hits',
    { schema: { querystring: hitsQuerySchema } },
    async (request, reply) => {
      const project = await context.project(request);
      const action = await requireAction(project.id, project.name, request.params.id);
      const { after = 0, wait = 0 } = request.query;
      return tracing.hits(action.id, after, wait * 1000, clientGoneSignal(reply));
    },
  );
}

/** The action as the API shows it: the project is in the path already. */
function view(action: TracingActionRecord): Omit<TracingActionRecord, 'projectId'> {
  const { projectId: _projectId, ...rest } = action;
  return rest;
}

function unknownAction(project: string, id: string): ServerError {
  return new ServerError(
    'FB_ERR_NOT_FOUND',
    `project ${project} has no tracing action ${JSON.stringify(id)}`,
  );
}
