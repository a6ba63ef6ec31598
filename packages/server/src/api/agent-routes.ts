import type { FastifyInstance } from 'fastify';
import { escalationWebhookHook } from '../notify/escalation-webhook.js';
import type { ReproductionQueue } from '../queue/reproduction-queue.js';
import type { Storage } from '../storage/open-storage.js';
import { registerIssueNoteRoutes } from './issue-note-routes.js';
import { registerMcpRoute } from './mcp-route.js';
import { ReadAuthorizer } from './read-auth.js';
import { registerReproductionRoutes } from './reproduction-routes.js';
import { requireToken } from './token-context.js';
import { registerTriageDecisionRoute } from './triage-decision-route.js';

export interface AgentRouteDeps {
  storage: Storage;
  queue: ReproductionQueue;
  /** Base of the links escalation webhooks send. */
  publicUrl: () => string;
}

/**
 * What a person or an agent does to an issue, with the same bearer token as the read API: notes,
 * status, reproductions on request, the master's tier-3/tier-4 decision, and all of it (with the
 * read API) as MCP tools at `/mcp`.
 */
export async function registerAgentRoutes(app: FastifyInstance, deps: AgentRouteDeps): Promise<void> {
  const auth = new ReadAuthorizer(deps.storage.db);
  await app.register(async (scope) => {
    const context = requireToken(scope, auth, deps.storage);
    await registerIssueNoteRoutes(scope, context);
    await registerReproductionRoutes(scope, context, deps.queue);
    await registerTriageDecisionRoute(scope, context, {
      queue: deps.queue,
      notifyEscalation: escalationWebhookHook({
        storage: deps.storage,
        publicUrl: deps.publicUrl,
        log: app.log,
      }),
      onNotifyError: (error) => app.log.error({ err: error }, 'escalation webhook failed'),
    });
    await registerMcpRoute(scope);
  });
}
