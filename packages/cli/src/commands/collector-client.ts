/**
 * The collector's HTTP API as the CLI uses it: where it is (`--server`, FLASHBACK_SERVER), the
 * bearer token (`--token`, FLASHBACK_TOKEN), and failures that say what to do.
 */
import type { OptionSpec, OptionValue } from '../command-types.js';
import { CliError } from '../errors.js';

export const DEFAULT_SERVER = 'http://127.0.0.1:4700';

/** The options of the commands that take `<package.json | issue id>`. */
export const COLLECTOR_OPTIONS = {
  server: {
    kind: 'string',
    value: '<url>',
    description: 'the collector, for an issue id',
    defaultText: `FLASHBACK_SERVER, else ${DEFAULT_SERVER}`,
  },
  token: {
    kind: 'string',
    value: '<token>',
    description: 'read token of the project, for an issue id',
    defaultText: 'FLASHBACK_TOKEN',
  },
} as const satisfies Record<string, OptionSpec>;

/** The collector answered with an error, or could not be reached. */
export class CollectorError extends Error {
  override readonly name = 'CollectorError';
  constructor(
    /** The collector's own code (`FB_ERR_*`), or `FB_CLI_COLLECTOR_UNREACHABLE`. */
    readonly code: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
}

export interface CollectorClient {
  url: string;
  /** Calls `<server><path>` and returns the JSON reply. */
  request<T>(method: string, path: string, options?: RequestOptions): Promise<T>;
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
}

/**
 * @param tokenFor what the token is for, in the messages asking for one or refusing it
 * @throws CliError `FB_CLI_USAGE` when no token is given
 */
export function collectorClient(
  options: Record<string, OptionValue>,
  env: NodeJS.ProcessEnv = process.env,
  tokenFor = 'the project',
): CollectorClient {
  const url = (setting(options.server, env.FLASHBACK_SERVER) ?? DEFAULT_SERVER).replace(/\/+$/, '');
  const token = setting(options.token, env.FLASHBACK_TOKEN);
  if (token === undefined) {
    throw new CliError(
      'FB_CLI_USAGE',
      `give a read token of ${tokenFor}: --token <token> or FLASHBACK_TOKEN`,
    );
  }
  const request = async <T>(
    method: string,
    path: string,
    { body, signal }: RequestOptions = {},
  ): Promise<T> => {
    let response: Response;
    try {
      response = await fetch(`${url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        ...(signal ? { signal } : {}),
      });
    } catch (error: unknown) {
      if (signal?.aborted) throw error;
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const why = cause?.code ?? cause?.message ?? (error as Error).message;
      throw new CollectorError(
        'FB_CLI_COLLECTOR_UNREACHABLE',
        `cannot reach the collector at ${url} (${why}); is it running? Point --server or FLASHBACK_SERVER at it`,
      );
    }
    const reply = (await response.json().catch(() => undefined)) as
      | (T & { code?: string; message?: string })
      | undefined;
    if (response.ok && reply !== undefined) return reply;
    throw refusal(url, tokenFor, response.status, reply);
  };
  return {
    url,
    request,
    get: (path) => request('GET', path),
    post: (path, body) => request('POST', path, { body }),
  };
}

function refusal(
  url: string,
  tokenFor: string,
  status: number,
  reply: { code?: string; message?: string } | undefined,
) {
  const said = reply?.message ?? `HTTP ${status}`;
  const code = reply?.code ?? 'FB_ERR_INTERNAL';
  if (status === 401) {
    return new CollectorError(
      code,
      `the collector refused the token: ${said}; check --token or FLASHBACK_TOKEN`,
      status,
    );
  }
  if (status === 403) return new CollectorError(code, `the token may not use ${tokenFor}: ${said}`, status);
  return new CollectorError(code, `the collector at ${url} answered ${status}: ${said}`, status);
}

/** An option's string value, else the environment variable's; empty counts as unset. */
export function setting(option: OptionValue | undefined, fromEnv: string | undefined): string | undefined {
  if (typeof option === 'string' && option !== '') return option;
  return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
}
