import { PAGE_SIZE } from '../api/api-client.js';
import type { IssueList, IssueQuery } from '../api/api-types.js';
import { useResource } from '../api/use-resource.js';
import { LoadState } from '../components/load-state.js';
import { ReproductionPill } from '../components/status-pill.js';
import { TierBadge } from '../components/tier-badge.js';
import { readCause } from '../format/cause-read.js';
import { absoluteTime, relativeTime } from '../format/time-format.js';
import { issueHref, issuesHref } from '../routing/routes.js';
import { IssueFilters } from './issue-filters.js';

/** The issues of a project: what broke, how often, and how far triage got. */
export function IssuesPage({ project, query }: { project: string; query: IssueQuery }) {
  const key = issuesHref(project, query);
  const resource = useResource(key, (api) => api.issues(project, query));
  const filtered = query.tier !== undefined || query.status !== undefined || Boolean(query.q);
  return (
    <main className="page">
      <h1 className="page-title">Issues</h1>
      <IssueFilters key={project} project={project} query={query} />
      <LoadState resource={resource}>
        {(list) => <IssuesTable list={list} project={project} query={query} filtered={filtered} />}
      </LoadState>
    </main>
  );
}

function IssuesTable({
  list,
  project,
  query,
  filtered,
}: {
  list: IssueList;
  project: string;
  query: IssueQuery;
  filtered: boolean;
}) {
  if (list.issues.length === 0) {
    return (
      <p className="empty">
        {filtered
          ? 'No issue matches these filters.'
          : 'No issues yet. Errors sent by @flashback/node to this collector show up here.'}
      </p>
    );
  }
  return (
    <>
      <table className="issues">
        <caption className="visually-hidden">Issues</caption>
        <thead>
          <tr>
            <th scope="col">Issue</th>
            <th scope="col">Tier</th>
            <th scope="col" className="num">
              Events
            </th>
            <th scope="col">Last seen</th>
            <th scope="col">First seen</th>
            <th scope="col">Reproduction</th>
          </tr>
        </thead>
        <tbody>
          {list.issues.map((issue) => (
            <tr key={issue.id}>
              <td className="issue-cell">
                <a className="issue-title" href={issueHref(project, issue.id)}>
                  <span className="error-type">{issue.errorType}</span>
                  {issue.title.slice(issue.errorType.length).replace(/^:\s*/, ' ')}
                </a>
                <p className="issue-cause">{readCause(issue.cause)?.summary ?? issue.tierReason}</p>
                <p className="issue-meta muted small">
                  {issue.serviceName} · {issue.status}
                </p>
              </td>
              <td>
                <TierBadge tier={issue.tier} />
              </td>
              <td className="num count" aria-label={`${issue.count} events`}>
                {issue.count}
              </td>
              <td title={absoluteTime(issue.lastSeen)}>{relativeTime(issue.lastSeen)}</td>
              <td title={absoluteTime(issue.firstSeen)}>{relativeTime(issue.firstSeen)}</td>
              <td>
                {issue.reproductionStatus ? (
                  <ReproductionPill status={issue.reproductionStatus} />
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager list={list} project={project} query={query} />
    </>
  );
}

function Pager({ list, project, query }: { list: IssueList; project: string; query: IssueQuery }) {
  const first = list.offset + 1;
  const last = list.offset + list.issues.length;
  const previous = Math.max(0, list.offset - PAGE_SIZE);
  return (
    <nav className="pager" aria-label="Pages">
      <span className="muted">
        {first}–{last} of {list.total}
      </span>
      {list.offset > 0 && (
        <a href={issuesHref(project, { ...query, offset: previous || undefined })}>Previous</a>
      )}
      {last < list.total && <a href={issuesHref(project, { ...query, offset: last })}>Next</a>}
    </nav>
  );
}
