import type {
  IssueList,
  IssueNote,
  IssueQuery,
  IssueResponse,
  PackageResponse,
  PlaceTracingAction,
  Project,
  TracingActionView,
  TracingHitPage,
} from './api-types.js';

/** One problem the collector found with a request, by the field it concerns (`template`, `line`). */
export interface FieldProblem {
  path: string;
  message: string;
}

/** A non-2xx answer of the API, with the collector's error code (`FB_ERR_*`) when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const PAGE_SIZE = 50;

/** The API under `/api`, authenticated with a project's bearer token. */
export class ApiClient {
  constructor(private readonly token: string) {}

  async projects(): Promise<Project[]> {
    const body = await this.request<{ projects: Project[] }>('GET', '/api/projects');
    return body.projects;
  }

  issues(project: string, query: IssueQuery): Promise<IssueList> {
    const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params.set(key, String(value));
    }
    return this.request('GET', `${projectPath(project)}/issues?${params}`);
  }

  issue(project: string, issueId: string): Promise<IssueResponse> {
    return this.request('GET', issuePath(project, issueId));
  }

  package(project: string, packageId: string): Promise<PackageResponse> {
    return this.request('GET', `${projectPath(project)}/packages/${encodeURIComponent(packageId)}`);
  }

  async issueNotes(project: string, issueId: string): Promise<IssueNote[]> {
    const body = await this.request<{ notes: IssueNote[] }>('GET', `${issuePath(project, issueId)}/notes`);
    return body.notes;
  }

  async addIssueNote(project: string, issueId: string, text: string): Promise<IssueNote> {
    const body = await this.request<{ note: IssueNote }>('POST', `${issuePath(project, issueId)}/notes`, {
      text,
      author: 'web',
    });
    return body.note;
  }

  /** Refused with a 409 (`FB_ERR_NOT_VERIFIED`) unless the latest verification is `fixed` or `force` is set. */
  async resolveIssue(project: string, issueId: string, force: boolean): Promise<void> {
    await this.request('POST', `${issuePath(project, issueId)}/resolve`, {
      author: 'web',
      ...(force ? { force: true, reason: 'resolved from the web UI without a fixed verification' } : {}),
    });
  }

  async tracingActions(project: string): Promise<TracingActionView[]> {
    const body = await this.request<{ actions: TracingActionView[] }>('GET', tracingPath(project));
    return body.actions;
  }

  async placeTracingAction(project: string, action: PlaceTracingAction): Promise<TracingActionView> {
    const body = await this.request<{ action: TracingActionView }>('POST', tracingPath(project), action);
    return body.action;
  }

  async removeTracingAction(project: string, actionId: string): Promise<void> {
    await this.request('DELETE', `${tracingPath(project)}/${encodeURIComponent(actionId)}`);
  }

  /** Hits after the cursor `after`; the collector holds the request up to `waitSeconds` for the first one. */
  tracingHits(
    project: string,
    actionId: string,
    after: number,
    waitSeconds: number,
    signal: AbortSignal,
  ): Promise<TracingHitPage> {
    const params = new URLSearchParams({ after: String(after), wait: String(waitSeconds) });
    const path = `${tracingPath(project)}/${encodeURIComponent(actionId)}/hits?${params}`;
    return this.request('GET', path, undefined, signal);
  }

  private async request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.token}`,
      accept: 'application/json',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(path, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(signal ? { signal } : {}),
    });
    if (!response.ok) throw await toApiError(response);
    return (await response.json()) as T;
  }
}

function projectPath(project: string): string {
  return `/api/projects/${encodeURIComponent(project)}`;
}

function issuePath(project: string, issueId: string): string {
  return `${projectPath(project)}/issues/${encodeURIComponent(issueId)}`;
}

function tracingPath(project: string): string {
  return `${projectPath(project)}/tracing/actions`;
}

async function toApiError(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { code?: string; message?: string; errors?: FieldProblem[] };
    return new ApiError(
      response.status,
      body.code,
      body.message ?? response.statusText,
      Array.isArray(body.errors) ? body.errors : [],
    );
  } catch {
    return new ApiError(response.status, undefined, `HTTP ${response.status} ${response.statusText}`);
  }
}
