/** Requests of the tracing API, as the SDK and a person send them, against an app under test. */
import { TRACING_FORMAT, type TracingHit } from '@flashback/protocol/tracing';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { CreatedProject } from '../../src/app/project-admin.js';

export interface TracingClient {
  place(body: unknown, token?: string): Promise<LightMyRequestResponse>;
  list(query?: string, token?: string): Promise<LightMyRequestResponse>;
  remove(id: string): Promise<LightMyRequestResponse>;
  hits(id: string, query?: string): Promise<LightMyRequestResponse>;
  /** The SDK's long-poll; `key: null` sends none. */
  poll(query: string, key?: string | null): Promise<LightMyRequestResponse>;
  /** The SDK's hit batch from one process of `service`. */
  send(service: string, hits: TracingHit[], key?: string | null): Promise<LightMyRequestResponse>;
}

export function tracingClient(app: FastifyInstance, project: CreatedProject): TracingClient {
  const person = (token: string) => ({ authorization: `Bearer ${token}` });
  const sdk = (key: string | null | undefined) =>
    key === null ? {} : { 'x-flashback-key': key ?? project.ingestKey };
  const base = `/api/projects/${project.name}/tracing/actions`;
  return {
    place: (body, token = project.readToken) =>
      app.inject({ method: 'POST', url: base, headers: person(token), payload: body as object }),
    list: (query = '', token = project.readToken) =>
      app.inject({ method: 'GET', url: `${base}${query}`, headers: person(token) }),
    remove: (id) =>
      app.inject({ method: 'DELETE', url: `${base}/${id}`, headers: person(project.readToken) }),
    hits: (id, query = '') =>
      app.inject({ method: 'GET', url: `${base}/${id}/hits${query}`, headers: person(project.readToken) }),
    poll: (query, key) =>
      app.inject({ method: 'GET', url: `/api/${project.name}/tracing/actions?${query}`, headers: sdk(key) }),
    send: (service, hits, key) =>
      app.inject({
        method: 'POST',
        url: `/api/${project.name}/tracing/hits`,
        headers: { 'content-type': 'application/json', ...sdk(key) },
        payload: JSON.stringify({ format: TRACING_FORMAT, service, instance: 'web-1:4242', hits }),
      }),
  };
}

export const snapshotAt = { kind: 'snapshot', service: 'checkout', file: 'src/orders.js', line: 42 };

export function snapshotHit(actionId: string, locals: Record<string, unknown> = { total: 0 }): TracingHit {
  return {
    kind: 'snapshot',
    actionId,
    at: new Date().toISOString(),
    pauseMs: 0.4,
    frames: [
      {
        function: 'placeOrder',
        file: 'src/orders.js',
        line: 42,
        column: 5,
        inApp: true,
        locals: locals as Record<string, never>,
      },
    ],
  };
}
