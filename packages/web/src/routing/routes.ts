/**
 * Hash routes, so that plain links work without any server-side fallback:
 *   #/                                   the first project's issues
 *   #/<project>/issues?tier=2&q=timeout  a project's issues, filtered
 *   #/<project>/issues/<issueId>         one issue
 *   #/<project>/packages/<packageId>     one error package
 *   #/<project>/tracing[/<actionId>]     dynamic tracing, with one action's hits open
 *   #/-/effects                          the effect trace viewer, which needs no project: project
 *                                        names start with a letter or digit, so `-` is none of them
 */
import type { IssueQuery, IssueSort, IssueStatus } from '../api/api-types.js';

export type Route =
  | { page: 'home' }
  | { page: 'issues'; project: string; query: IssueQuery }
  | { page: 'issue'; project: string; issueId: string }
  | { page: 'package'; project: string; packageId: string }
  | { page: 'tracing'; project: string; actionId: string | undefined }
  | { page: 'effect-trace' }
  | { page: 'not-found'; path: string };

const NO_PROJECT = '-';
const STATUSES: readonly string[] = ['open', 'resolved', 'ignored'];
const SORTS: readonly string[] = ['last_seen', 'first_seen', 'count'];

export function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?', 2);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const [project, section, id] = parts;
  if (!project) return { page: 'home' };
  if (project === NO_PROJECT && section === 'effects' && parts.length === 2) return { page: 'effect-trace' };
  if ((section === undefined || section === 'issues') && id === undefined) {
    return { page: 'issues', project, query: parseQuery(new URLSearchParams(search)) };
  }
  if (section === 'issues' && id && parts.length === 3) return { page: 'issue', project, issueId: id };
  if (section === 'packages' && id && parts.length === 3) return { page: 'package', project, packageId: id };
  if (section === 'tracing' && parts.length <= 3) return { page: 'tracing', project, actionId: id };
  return { page: 'not-found', path };
}

function parseQuery(params: URLSearchParams): IssueQuery {
  const query: IssueQuery = {};
  const tier = Number(params.get('tier'));
  if (Number.isInteger(tier) && tier >= 1 && tier <= 4) query.tier = tier;
  const status = params.get('status');
  if (status && STATUSES.includes(status)) query.status = status as IssueStatus;
  const q = params.get('q');
  if (q) query.q = q;
  const sort = params.get('sort');
  if (sort && SORTS.includes(sort)) query.sort = sort as IssueSort;
  const offset = Number(params.get('offset'));
  if (Number.isInteger(offset) && offset > 0) query.offset = offset;
  return query;
}

export function issuesHref(project: string, query: IssueQuery = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `#/${encodeURIComponent(project)}/issues${search ? `?${search}` : ''}`;
}

export function issueHref(project: string, issueId: string): string {
  return `#/${encodeURIComponent(project)}/issues/${encodeURIComponent(issueId)}`;
}

export function packageHref(project: string, packageId: string): string {
  return `#/${encodeURIComponent(project)}/packages/${encodeURIComponent(packageId)}`;
}

export function tracingHref(project: string, actionId?: string): string {
  const action = actionId === undefined ? '' : `/${encodeURIComponent(actionId)}`;
  return `#/${encodeURIComponent(project)}/tracing${action}`;
}

export const EFFECT_TRACE_HREF = `#/${NO_PROJECT}/effects`;
