import type { CollectorSend } from './collector-send.js';
import type {
  EscalationReason,
  IssueDetail,
  IssueList,
  IssueNote,
  IssueSort,
  IssueStatus,
  ReproductionRecord,
  RequestedReproduction,
  StoredPackage,
  TracingActionRequest,
  TracingActionView,
  TracingHitPage,
  TriageDecision,
} from './collector-types.js';
import { FlashbackMcpError } from './errors.js';

export interface IssueQuery {
  tier?: number | undefined;
  status?: IssueStatus | undefined;
  text?: string | undefined;
  sort?: IssueSort | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

/** The collector's read and write API, one method per route the tools use. */
export class CollectorClient {
  constructor(private readonly send: CollectorSend) {}

  async listProjects(): Promise<string[]> {
    const body = await this.request<{ projects: { name: string }[] }>('GET', '/api/projects');
    return body.projects.map((p) => p.name);
  }

  listIssues(project: string, query: IssueQuery): Promise<IssueList> {
    const params = new URLSearchParams();
    if (query.tier !== undefined) params.set('tier', String(query.tier));
    if (query.status !== undefined) params.set('status', query.status);
    if (query.text) params.set('q', query.text);
    if (query.sort !== undefined) params.set('sort', query.sort);
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    if (query.offset !== undefined) params.set('offset', String(query.offset));
    const search = params.size > 0 ? `?${params}` : '';
    return this.request('GET', `${projectPath(project)}/issues${search}`);
  }

  getIssue(project: string, issueId: string, packages = 5): Promise<IssueDetail> {
    return this.request('GET', `${issuePath(project, issueId)}?packages=${packages}`);
  }

  async listNotes(project: string, issueId: string): Promise<IssueNote[]> {
    return (await this.request<{ notes: IssueNote[] }>('GET', `${issuePath(project, issueId)}/notes`)).notes;
  }

  getPackage(project: string, packageId: string): Promise<StoredPackage> {
    return this.request('GET', `${projectPath(project)}/packages/${segment(packageId)}`);
  }

  async addNote(project: string, issueId: string, text: string, author: string): Promise<IssueNote> {
    const body = await this.request<{ note: IssueNote }>('POST', `${issuePath(project, issueId)}/notes`, {
      text,
      author,
    });
    return body.note;
  }

  setStatus(
    project: string,
    issueId: string,
    change: { status: IssueStatus; reason: string; author: string },
  ): Promise<{ issue: { id: string; status: IssueStatus; previousStatus: IssueStatus }; note: IssueNote }> {
    return this.request('POST', `${issuePath(project, issueId)}/status`, change);
  }

  requestReproduction(project: string, issueId: string, packageId?: string): Promise<RequestedReproduction> {
    return this.request(
      'POST',
      `${issuePath(project, issueId)}/reproductions`,
      packageId ? { packageId } : {},
    );
  }

  async getReproduction(project: string, reproductionId: string): Promise<ReproductionRecord> {
    const path = `${projectPath(project)}/reproductions/${segment(reproductionId)}`;
    return (await this.request<{ reproduction: ReproductionRecord }>('GET', path)).reproduction;
  }

  decideTriage(
    project: string,
    issueId: string,
    decision: { tier: 3 | 4; reason: string; escalation?: EscalationReason | undefined; author: string },
  ): Promise<TriageDecision> {
    return this.request('POST', `${issuePath(project, issueId)}/triage`, decision);
  }

  async placeTracingAction(project: string, request: TracingActionRequest): Promise<TracingActionView> {
    return (
      await this.request<{ action: TracingActionView }>(
        'POST',
        `${projectPath(project)}/tracing/actions`,
        request,
      )
    ).action;
  }

  async listTracingActions(project: string, service?: string): Promise<TracingActionView[]> {
    const query = service ? `?service=${segment(service)}` : '';
    return (
      await this.request<{ actions: TracingActionView[] }>(
        'GET',
        `${projectPath(project)}/tracing/actions${query}`,
      )
    ).actions;
  }

  async getTracingAction(project: string, actionId: string): Promise<TracingActionView> {
    const path = `${projectPath(project)}/tracing/actions/${segment(actionId)}`;
    return (await this.request<{ action: TracingActionView }>('GET', path)).action;
  }

  async removeTracingAction(project: string, actionId: string): Promise<TracingActionView> {
    const path = `${projectPath(project)}/tracing/actions/${segment(actionId)}`;
    return (await this.request<{ action: TracingActionView }>('DELETE', path)).action;
  }

  tracingHits(
    project: string,
    actionId: string,
    after: number,
    waitSeconds: number,
  ): Promise<TracingHitPage> {
    const path = `${projectPath(project)}/tracing/actions/${segment(actionId)}/hits?after=${after}&wait=${waitSeconds}`;
    return this.request('GET', path);
  }

  private async request<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const response = await this.send({ method, path, ...(body === undefined ? {} : { body }) });
    if (response.status >= 200 && response.status < 300) return response.body as T;
    const error = response.body as { code?: unknown; message?: unknown } | undefined;
    const message = typeof error?.message === 'string' ? error.message : JSON.stringify(response.body ?? '');
    const code = typeof error?.code === 'string' ? ` ${error.code}` : '';
    throw new FlashbackMcpError(
      'FB_MCP_COLLECTOR',
      `the collector answered ${response.status}${code}: ${message}`,
      {
        status: response.status,
      },
    );
  }
}

function segment(value: string): string {
  return encodeURIComponent(value);
}

function projectPath(project: string): string {
  return `/api/projects/${segment(project)}`;
}

function issuePath(project: string, issueId: string): string {
  return `${projectPath(project)}/issues/${segment(issueId)}`;
}
