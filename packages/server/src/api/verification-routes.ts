import type { FastifyInstance } from 'fastify';
import { ServerError } from '../app/server-errors.js';
import { addIssueNote } from '../storage/issue-note-store.js';
import { setIssueStatus } from '../storage/issue-status-store.js';
import { findIssueProjectId } from '../storage/issue-store.js';
import type { Storage } from '../storage/open-storage.js';
import {
  addVerification,
  latestVerification,
  listVerifications,
  VERIFICATION_OUTCOMES,
  type VerificationOutcome,
} from '../storage/verification-store.js';
import { type IssueParams, requireIssue } from './issue-lookup.js';
import { ReadAuthorizer } from './read-auth.js';
import { requireToken } from './token-context.js';

interface AddVerificationRequest {
  Params: IssueParams;
  Body: {
    outcome: VerificationOutcome;
    summary: string;
    packageId?: string;
    appRevision?: string;
    verdict?: unknown;
  };
}

interface ResolveRequest {
  Params: IssueParams;
  Body: { force?: boolean; reason?: string; author?: string } | undefined;
}

const verificationBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['outcome', 'summary'],
  properties: {
    outcome: { type: 'string', enum: VERIFICATION_OUTCOMES },
    summary: { type: 'string', minLength: 1, maxLength: 2_000 },
    packageId: { type: 'string', minLength: 1, maxLength: 100 },
    appRevision: { type: 'string', minLength: 1, maxLength: 200 },
    verdict: { type: 'object' },
  },
} as const;

const resolveBodySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    force: { type: 'boolean' },
    reason: { type: 'string', minLength: 1, maxLength: 2_000 },
    author: { type: 'string', minLength: 1, maxLength: 100 },
  },
} as const;

/**
 * Verifications (`flashback verify` recording what re-running the reproduction against newer code
 * concluded), resolving an issue on the strength of one, and finding an issue's project from its
 * id alone. Same bearer token as the read API.
 */
export async function registerVerificationRoutes(
  app: FastifyInstance,
  deps: { storage: Storage },
): Promise<void> {
  const { db } = deps.storage;
  const auth = new ReadAuthorizer(db);
  await app.register(async (scope) => {
    const context = requireToken(scope, auth, deps.storage);

    /** The project of an issue, for clients that were given only the issue id. */
    scope.get<{ Params: { issueId: string } }>('/api/issues/:issueId/project', async (request) => {
      const token = context.token(request);
      const projectId = await findIssueProjectId(db, request.params.issueId);
      const project =
        projectId === undefined || (token.projectId !== null && token.projectId !== projectId)
          ? undefined
          : await db.selectFrom('projects').select('name').where('id', '=', projectId).executeTakeFirst();
      // A token of another project learns nothing, not even that the issue exists.
      if (!project) throw new ServerError('FB_ERR_NOT_FOUND', `there is no issue ${request.params.issueId}`);
      return { project: project.name, issueId: request.params.issueId };
    });

    scope.get<{ Params: IssueParams }>(
      '/api/projects/:project/issues/:issueId/verifications',
      async (request) => {
        const { project, issue } = await requireIssue(context, request);
        return {
          project: project.name,
          issueId: issue.id,
          verifications: await listVerifications(db, issue.id),
        };
      },
    );

    scope.post<AddVerificationRequest>(
      '/api/projects/:project/issues/:issueId/verifications',
      { schema: { body: verificationBodySchema } },
      async (request, reply) => {
        const { issue } = await requireIssue(context, request);
        const { outcome, summary, packageId, appRevision, verdict } = request.body;
        const verification = await addVerification(db, {
          issueId: issue.id,
          outcome,
          summary,
          ...(packageId === undefined ? {} : { packageId }),
          ...(appRevision === undefined ? {} : { appRevision }),
          ...(verdict === undefined ? {} : { verdict }),
        });
        return reply.code(201).send({ verification });
      },
    );

    /** Resolves the issue when its latest verification is `fixed`; `force: true` resolves it without one. */
    scope.post<ResolveRequest>(
      '/api/projects/:project/issues/:issueId/resolve',
      { schema: { body: resolveBodySchema } },
      async (request) => {
        const { issue } = await requireIssue(context, request);
        const body = request.body ?? {};
        const latest = await latestVerification(db, issue.id);
        const verified = latest?.outcome === 'fixed';
        if (!verified && body.force !== true) {
          const why =
            latest === undefined
              ? 'it has no verification'
              : `its latest verification says ${latest.outcome}: ${latest.summary}`;
          throw new ServerError(
            'FB_ERR_NOT_VERIFIED',
            `issue ${issue.id} cannot be resolved: ${why}. Run \`flashback verify ${issue.id} --app <dir>\` against the fixed code, or resolve it without a verification with {"force": true}`,
          );
        }
        await setIssueStatus(db, issue.id, 'resolved');
        const reason = verified
          ? `verified fixed (${latest.summary})`
          : `resolved without a fixed verification${body.reason ? `: ${body.reason}` : ''}`;
        const note = await addIssueNote(db, {
          issueId: issue.id,
          kind: 'status',
          text: `${issue.status} → resolved: ${reason}`,
          author: body.author ?? 'api',
        });
        return {
          issue: { id: issue.id, status: 'resolved', previousStatus: issue.status },
          verification: verified ? latest : null,
          forced: !verified,
          note,
        };
      },
    );
  });
}
