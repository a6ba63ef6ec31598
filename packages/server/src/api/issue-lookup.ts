import type { FastifyRequest } from 'fastify';
import { ServerError } from '../app/server-errors.js';
import { getIssue, type IssueDetail } from '../storage/issue-store.js';
import type { ReadContext } from './read-routes.js';

export type IssueParams = { project: string; issueId: string };

/** The project and issue named in the path, or a 403/404 that says which one is missing. */
export async function requireIssue(
  context: ReadContext,
  request: FastifyRequest<{ Params: IssueParams }>,
): Promise<{ project: { id: string; name: string }; issue: IssueDetail }> {
  const project = await context.project(request);
  const issue = await getIssue(context.storage.db, project.id, request.params.issueId);
  if (!issue) {
    throw new ServerError(
      'FB_ERR_NOT_FOUND',
      `project ${project.name} has no issue ${request.params.issueId}`,
    );
  }
  return { project, issue };
}
