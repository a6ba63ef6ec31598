import type { IssueList, IssueQuery, IssueResponse, PackageResponse, Project } from './api-types.js';

/** A non-2xx answer of the API, with the collector's error code (`FB_ERR_*`) when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const PAGE_SIZE = 50;

/** The read API under `/api`, authenticated with a read token. */
export class ApiClient {
  constructor(private readonly token: string) {}

  async projects(): Promise<Project[]> {
    const body = await this.get<{ projects: Project[] }>('/api/projects');
    return body.projects;
  }

  issues(project: string, query: IssueQuery): Promise<IssueList> {
    const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params.set(key, String(value));
    }
    return this.get(`/api/projects/${encodeURIComponent(project)}/issues?${params}`);
  }

  issue(project: string, issueId: string): Promise<IssueResponse> {
    return this.get(`/api/projects/${encodeURIComponent(project)}/issues/${encodeURIComponent(issueId)}`);
  }

  package(project: string, packageId: string): Promise<PackageResponse> {
    return this.get(`/api/projects/${encodeURIComponent(project)}/packages/${encodeURIComponent(packageId)}`);
  }

  private async get<T>(path: string): Promise<T> {
    const response = await fetch(path, {
      headers: { authorization: `Bearer ${this.token}`, accept: 'application/json' },
    });
    if (!response.ok) throw await toApiError(response);
    return (await response.json()) as T;
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { code?: string; message?: string };
    return new ApiError(response.status, body.code, body.message ?? response.statusText);
  } catch {
    return new ApiError(response.status, undefined, `HTTP ${response.status} ${response.statusText}`);
  }
}
