import { useEffect } from 'react';
import { useResource } from '../api/use-resource.js';
import { LoadState } from '../components/load-state.js';
import { issuesHref } from '../routing/routes.js';
import { replaceRoute } from '../routing/use-route.js';

/** `#/`: goes on to the first project the token can read. */
export function HomePage() {
  const projects = useResource('projects', (api) => api.projects());
  const first = projects.state === 'ready' ? projects.data[0]?.name : undefined;
  useEffect(() => {
    if (first) replaceRoute(issuesHref(first));
  }, [first]);
  return (
    <main className="page">
      <LoadState resource={projects}>
        {(list) =>
          list.length === 0 && (
            <p className="empty">
              No projects yet. Create one with <code>flashback projects create</code>, then send it errors.
            </p>
          )
        }
      </LoadState>
    </main>
  );
}
