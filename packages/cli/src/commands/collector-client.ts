/** The collector's read and write API as the CLI uses it: bearer token, clear errors. */
import type { OptionSpec, OptionValue } from '../command-types.js';
import { WorkflowError } from './workflow-errors.js';

export const DEFAULT_SERVER = 'http://127.0.0.1:4700';

export const COLLECTOR_OPTIONS = {
  server: {
    kind: 'string',
    value: '<url>',
    description: 'the collector, for an issue id',
    defaultText: DEFAULT_SERVER,
  },
  token: {
    kind: 'string',
    value: '<token>',
    description: 'read token of the project, for an issue id',
    defaultText: 'FLASHBACK_TOKEN',
  },
} as const satisfies Record<string, OptionSpec>;

export interface CollectorClient {
  url: string;
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
}

export function collectorClient(options: Record<string, OptionValue>): CollectorClient {
  const url = (typeof options.server === 'string' ? options.server : DEFAULT_SERVER).replace(/\/+$/, '');
  const token = typeof options.token === 'string' ? options.token : process.env.FLASHBACK_TOKEN;
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    if (token === undefined || token === '') {
      throw new WorkflowError(
        'FB_CLI_COLLECTOR',
        'an issue id needs a read token of its project: --token <token> or FLASHBACK_TOKEN',
      );
    }
    let response: Response;
    try {
      response = await fetch(`${url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error: unknown) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const why = cause?.code ?? cause?.message ?? (error as Error).message;
      throw new WorkflowError(
        'FB_CLI_COLLECTOR',
        `cannot reach the collector at ${url} (${why}); is it running? (--server)`,
        {
          cause: error,
        },
      );
    }
    const text = await response.text();
    if (!response.ok) {
      let message = text;
      try {
        message = (JSON.parse(text) as { message?: string }).message ?? text;
      } catch {
        // Not a JSON error body: show it as it came.
      }
      throw new WorkflowError(
        'FB_CLI_COLLECTOR',
        `the collector at ${url} answered ${response.status}: ${message}`,
      );
    }
    return JSON.parse(text) as T;
  };
  return { url, get: (path) => call('GET', path), post: (path, body) => call('POST', path, body) };
}
