import { useCallback, useEffect, useState } from 'react';
import type { TracingActionView } from '../api/api-types.js';
import { useMutation } from '../api/use-mutation.js';
import { useResource } from '../api/use-resource.js';
import { ActionHits } from '../components/action-hits.js';
import { LoadState } from '../components/load-state.js';
import { Section } from '../components/section.js';
import { TracingActionForm } from '../components/tracing-action-form.js';
import { TracingActionList } from '../components/tracing-action-list.js';
import { tracingHref } from '../routing/routes.js';

/** How often the list looks again, for actions whose hits nobody follows on this page. */
const REFRESH_MS = 3_000;

/**
 * `#/<project>/tracing[/<actionId>]`: place a snapshot or a log line on a running service, see
 * where each action stands, and follow the hits of the one in the address bar as they arrive.
 */
export function TracingPage({ project, actionId }: { project: string; actionId: string | undefined }) {
  const [round, setRound] = useState(0);
  const refresh = useCallback(() => setRound((r) => r + 1), []);
  useEffect(() => {
    const timer = setInterval(() => {
      if (!document.hidden) refresh();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);
  const actions = useResource(`tracing ${project} ${round}`, (api) => api.tracingActions(project));
  const remove = useMutation((api, action: TracingActionView) => api.removeTracingAction(project, action.id));
  const [removing, setRemoving] = useState<string>();

  const list = actions.state === 'ready' ? actions.data : [];
  const services = [...new Set(list.map((action) => action.service))];
  const selected = list.find((action) => action.id === actionId);

  return (
    <main className="page">
      <h1 className="page-title">Dynamic tracing</h1>
      <p className="muted lead">
        Look inside a running service without redeploying it: a <strong>snapshot</strong> captures the locals
        of every frame when a line runs, a <strong>log</strong> writes a line from a template. Services
        running <code>@flashback/node</code> pick actions up within a second or so.
      </p>
      <Section title="Place an action">
        <TracingActionForm
          key={project}
          project={project}
          services={services}
          onPlaced={(action) => {
            refresh();
            window.location.hash = tracingHref(project, action.id);
          }}
        />
      </Section>
      <div className="tracing-columns">
        <Section title="Actions">
          {remove.error && (
            <p className="load-error" role="alert">
              {remove.error.message}
            </p>
          )}
          <LoadState resource={actions}>
            {(loaded) => (
              <TracingActionList
                project={project}
                actions={loaded}
                selected={actionId}
                removing={removing}
                onRemove={async (action) => {
                  setRemoving(action.id);
                  await remove.run(action);
                  setRemoving(undefined);
                  refresh();
                }}
              />
            )}
          </LoadState>
        </Section>
        <Section title="Hits">
          {selected ? (
            <ActionHits key={selected.id} project={project} action={selected} onHits={refresh} />
          ) : (
            <p className="muted">
              {actionId && actions.state === 'ready'
                ? 'This action is not among the project’s actions.'
                : 'Choose an action to follow its hits.'}
            </p>
          )}
        </Section>
      </div>
    </main>
  );
}
