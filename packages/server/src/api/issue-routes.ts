import type { FastifyInstance } from 'fastify';
import { ServerError } from '../app/server-errors.js';
import type { IssueStatus } from '../storage/database-types.js';
import { getIssue, type IssueSort, listIssues } from '../storage/issue-store.js';
import { listIssuePackages } from '../storage/package-store.js';
import { listReproductions } from '../storage/reproduction-store.js';
import { listVerifications } from '../storage/verification-store.js';
import type { ReadContext } from './read-routes.js';

interface ListIssuesRequest {
  Params: { project: string };
  Querystring: {
    tier?: number;
    status?: IssueStatus;
    q?: string;
    sort?: IssueSort;
    limit?: number;
    offset?: number;
  };
}

interface GetIssueRequest {
  Params: { project: string; issueId: string };
  Querystring: { packages?: number };
}

const listQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    tier: { type: 'integer', minimum: 1, maximum: 4 },
    status: { type: 'string', enum: ['open', 'resolved', 'ignored'] },
    q: { type: 'string', maxLength: 200 },
    sort: { type: 'string', enum: ['last_seen', 'first_seen', 'count'] },
    limit: { type: 'integer', minimum: 1, maximum: 200 },
    offset: { type: 'integer', minimum: 0 },
  },
} as const;

const detailQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { packages: { type: 'integer', minimum: 0, maximum: 500 } },
} as const;

export async function registerIssueRoutes(app: FastifyInstance, context: ReadContext): Promise<void> {
  const { db } = context.storage;

  /** Issues of a project, newest activity first; filter by tier, status and text (`q`). */
  app.get<ListIssuesRequest>(
    '/api/projects/:project/issues',
    { schema: { querystring: listQuerySchema } },
    async (request) => {
      const project = await context.project(request);
      const query = request.query;
      const limit = query.limit ?? 50;
      const offset = query.offset ?? 0;
      const { issues, total } = await listIssues(db, {
        projectId: project.id,
        ...(query.tier === undefined ? {} : { tier: query.tier }),
        ...(query.status === undefined ? {} : { status: query.status }),
        ...(query.q === undefined ? {} : { text: query.q }),
        sort: query.sort ?? 'last_seen',
        limit,
        offset,
      });
      return { project: project.name, total, limit, offset, issues };
    },
  );

  /** One issue with its triage, its latest packages, its reproductions and its verifications. */
  app.get<GetIssueRequest>(
    '/api/projects/:project/issues/:issueId',
    { schema: { querystring: detailQuerySchema } },
    async (request) => {
      const project = await context.project(request);
      const issue = await getIssue(db, project.id, request.params.issueId);
      if (!issue) {
        throw new ServerError(
          'FB_ERR_NOT_FOUND',
          `project ${project.name} has no issue ${request.params.issueId}`,
        );
      }
      const [packages, reproductions, verifications] = await Promise.all([
        listIssuePackages(db, issue.id, request.query.packages ?? 50),
        listReproductions(db, issue.id),
        listVerifications(db, issue.id),
      ]);
      const { tier, tierReason, cause, ...rest } = issue;
      return {
        project: project.name,
        issue: { ...rest, tier, tierReason, cause },
        triage: { tier, reason: tierReason, cause },
        packages,
        reproductions,
        verifications,
      };
    },
  );
}
