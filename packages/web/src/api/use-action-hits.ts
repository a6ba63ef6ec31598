import { useEffect, useRef, useState } from 'react';
import { ApiError } from './api-client.js';
import { useApiContext } from './api-context.js';
import type { StoredTracingHit } from './api-types.js';

/** How long the collector may hold one read open; it answers as soon as a hit arrives. */
const WAIT_SECONDS = 25;
/** After a failed read, before the next: the collector may be restarting. */
const RETRY_MS = 2_000;
/** Hits kept on the page; a busy log line would otherwise grow without end. */
const MAX_HITS = 500;

export interface ActionHitsState {
  hits: StoredTracingHit[];
  /** Why the last read failed, while retrying. */
  problem: string | null;
}

/**
 * Follows the hits of one action with a long poll (`…/hits?after=<cursor>&wait=25`), oldest first,
 * from the first hit on; `onHits` hears of each batch, e.g. to refresh the action's hit count.
 */
export function useActionHits(project: string, actionId: string, onHits: () => void): ActionHitsState {
  const { api, onUnauthorized } = useApiContext();
  const [state, setState] = useState<ActionHitsState>({ hits: [], problem: null });
  const heard = useRef(onHits);
  heard.current = onHits;

  useEffect(() => {
    const stop = new AbortController();
    setState({ hits: [], problem: null });
    const follow = async () => {
      let after = 0;
      while (!stop.signal.aborted) {
        try {
          const read = await api.tracingHits(project, actionId, after, WAIT_SECONDS, stop.signal);
          after = read.next;
          if (read.hits.length > 0) {
            setState((previous) => ({
              hits: [...previous.hits, ...read.hits].slice(-MAX_HITS),
              problem: null,
            }));
            heard.current();
          }
        } catch (error: unknown) {
          if (stop.signal.aborted) return;
          if (error instanceof ApiError && error.status === 401) return onUnauthorized();
          if (error instanceof ApiError && error.status === 404) {
            return setState((previous) => ({ ...previous, problem: error.message }));
          }
          setState((previous) => ({ ...previous, problem: (error as Error).message }));
          await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
        }
      }
    };
    void follow();
    return () => stop.abort();
  }, [api, project, actionId, onUnauthorized]);

  return state;
}
