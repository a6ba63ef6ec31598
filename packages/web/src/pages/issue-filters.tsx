import { useEffect, useRef, useState } from 'react';
import type { IssueQuery, IssueSort, IssueStatus } from '../api/api-types.js';
import { TIER_LABELS } from '../format/tiers.js';
import { issuesHref } from '../routing/routes.js';
import { replaceRoute } from '../routing/use-route.js';

const SEARCH_DELAY_MS = 250;

/** Tier, status, text search and sort of the issues list; every change lands in the address bar. */
export function IssueFilters({ project, query }: { project: string; query: IssueQuery }) {
  const [text, setText] = useState(query.q ?? '');
  const latest = useRef(query);
  latest.current = query;

  // biome-ignore lint/correctness/useExhaustiveDependencies: only typing starts a search.
  useEffect(() => {
    if (text === (latest.current.q ?? '')) return;
    const timer = setTimeout(() => update({ q: text || undefined }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);

  function update(change: Partial<IssueQuery>): void {
    // A new filter starts again at the first page.
    replaceRoute(issuesHref(project, { ...latest.current, ...change, offset: undefined }));
  }

  return (
    <search className="filters">
      <label className="filter search">
        <span className="visually-hidden">Search issues</span>
        <input
          type="search"
          placeholder="Search title or fingerprint"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      </label>
      <label className="filter">
        <span>Tier</span>
        <select
          value={query.tier ?? ''}
          onChange={(event) => update({ tier: event.target.value ? Number(event.target.value) : undefined })}
        >
          <option value="">All tiers</option>
          {Object.entries(TIER_LABELS).map(([tier, label]) => (
            <option key={tier} value={tier}>
              {tier} · {label}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span>Status</span>
        <select
          value={query.status ?? ''}
          onChange={(event) =>
            update({ status: (event.target.value || undefined) as IssueStatus | undefined })
          }
        >
          <option value="">Any status</option>
          <option value="open">Open</option>
          <option value="resolved">Resolved</option>
          <option value="ignored">Ignored</option>
        </select>
      </label>
      <label className="filter">
        <span>Sort</span>
        <select
          value={query.sort ?? 'last_seen'}
          onChange={(event) => update({ sort: event.target.value as IssueSort })}
        >
          <option value="last_seen">Last seen</option>
          <option value="first_seen">First seen</option>
          <option value="count">Most events</option>
        </select>
      </label>
    </search>
  );
}
