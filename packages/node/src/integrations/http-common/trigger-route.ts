import type { RequestContext } from '../../context/request-context.js';

/** Records the route pattern a framework matched (`/orders/:id`) on an http trigger. */
export function setTriggerRoute(context: RequestContext | undefined, route: unknown): void {
  if (context && context.trigger.kind === 'http' && typeof route === 'string' && route !== '') {
    context.trigger.route = route;
  }
}
