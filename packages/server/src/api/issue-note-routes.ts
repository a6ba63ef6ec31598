import type { FastifyInstance } from 'fastify';
import type { IssueStatus } from '../storage/database-types.js';
import { addIssueNote, listIssueNotes } from '../storage/issue-note-store.js';
import { setIssueStatus } from '../storage/issue-status-store.js';
import { latestVerification } from '../storage/verification-store.js';
import { type IssueParams, requireIssue } from './issue-lookup.js';
import type { ReadContext } from './read-routes.js';

export const AUTHOR_SCHEMA = { type: 'string', minLength: 1, maxLength: 100 } as const;
const DEFAULT_AUTHOR = 'api';

interface AddNoteRequest {
  Params: IssueParams;
  Body: { text: string; author?: string };
}

interface SetStatusRequest {
  Params: IssueParams;
  Body: { status: IssueStatus; reason: string; author?: string };
}

const noteBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['text'],
  properties: { text: { type: 'string', minLength: 1, maxLength: 10_000 }, author: AUTHOR_SCHEMA },
} as const;

const statusBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['status', 'reason'],
  properties: {
    status: { type: 'string', enum: ['open', 'resolved', 'ignored'] },
    reason: { type: 'string', minLength: 1, maxLength: 2_000 },
    author: AUTHOR_SCHEMA,
  },
} as const;

/** Notes on an issue, and its status (open, resolved, ignored) with the reason kept as a note. */
export async function registerIssueNoteRoutes(app: FastifyInstance, context: ReadContext): Promise<void> {
  const { db } = context.storage;

  /** The issue's notes and the reasons of its status changes and triage decisions, oldest first. */
  app.get<{ Params: IssueParams }>('/api/projects/:project/issues/:issueId/notes', async (request) => {
    const { project, issue } = await requireIssue(context, request);
    return { project: project.name, issueId: issue.id, notes: await listIssueNotes(db, issue.id) };
  });

  app.post<AddNoteRequest>(
    '/api/projects/:project/issues/:issueId/notes',
    { schema: { body: noteBodySchema } },
    async (request, reply) => {
      const { issue } = await requireIssue(context, request);
      const note = await addIssueNote(db, {
        issueId: issue.id,
        kind: 'note',
        text: request.body.text,
        author: request.body.author ?? DEFAULT_AUTHOR,
      });
      return reply.code(201).send({ note });
    },
  );

  app.post<SetStatusRequest>(
    '/api/projects/:project/issues/:issueId/status',
    { schema: { body: statusBodySchema } },
    async (request) => {
      const { issue } = await requireIssue(context, request);
      const { status, reason } = request.body;
      // Resolving here is a decision with a reason; whether a fix was verified goes on record too.
      const verified = status === 'resolved' ? await verifiedNote(db, issue.id) : '';
      await setIssueStatus(db, issue.id, status);
      const note = await addIssueNote(db, {
        issueId: issue.id,
        kind: 'status',
        text: `${issue.status} → ${status}: ${reason}${verified}`,
        author: request.body.author ?? DEFAULT_AUTHOR,
      });
      return { issue: { id: issue.id, status, previousStatus: issue.status }, note };
    },
  );
}

async function verifiedNote(db: ReadContext['storage']['db'], issueId: string): Promise<string> {
  const latest = await latestVerification(db, issueId);
  return latest?.outcome === 'fixed'
    ? ` (verified fixed: ${latest.summary})`
    : ' (without a fixed verification)';
}
