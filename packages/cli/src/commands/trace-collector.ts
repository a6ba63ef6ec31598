/**
 * How the `trace` commands reach the collector: the shared `--server`, `--token` and `--project`
 * options (or FLASHBACK_SERVER, FLASHBACK_TOKEN, FLASHBACK_PROJECT) and one request function whose
 * failures say what to do.
 */
import type { OptionSpec, OptionValue } from '../command-types.js';
import { CliError } from '../errors.js';

export const DEFAULT_COLLECTOR_URL = 'http://127.0.0.1:4700';

export const TRACE_COLLECTOR_OPTIONS = {
  server: {
    kind: 'string',
    value: '<url>',
    description: 'the collector',
    defaultText: `FLASHBACK_SERVER, else ${DEFAULT_COLLECTOR_URL}`,
  },
  token: {
    kind: 'string',
    value: '<token>',
    description: 'read token of the project (`flashback projects create` prints it)',
    defaultText: 'FLASHBACK_TOKEN',
  },
  project: { kind: 'string', value: '<name>', description: 'the project', defaultText: 'FLASHBACK_PROJECT' },
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

export interface TraceCollector {
  url: string;
  project: string;
  /** Calls `<server>/api/projects/<project>/tracing<path>` and returns the JSON reply. */
  request<T>(method: string, path: string, options?: { body?: unknown; signal?: AbortSignal }): Promise<T>;
}

export function traceCollector(
  options: Record<string, OptionValue>,
  env: NodeJS.ProcessEnv = process.env,
): TraceCollector {
  const url = (setting(options.server, env.FLASHBACK_SERVER) ?? DEFAULT_COLLECTOR_URL).replace(/\/+$/, '');
  const token = setting(options.token, env.FLASHBACK_TOKEN);
  const project = setting(options.project, env.FLASHBACK_PROJECT);
  if (project === undefined) {
    throw new CliError('FB_CLI_USAGE', 'name the project: --project <name> or FLASHBACK_PROJECT');
  }
  if (token === undefined) {
    throw new CliError('FB_CLI_USAGE', `give a read token of ${project}: --token <token> or FLASHBACK_TOKEN`);
  }
  const base = `${url}/api/projects/${encodeURIComponent(project)}/tracing`;
  return {
    url,
    project,
    async request<T>(
      method: string,
      path: string,
      { body, signal }: { body?: unknown; signal?: AbortSignal } = {},
    ) {
      let response: Response;
      try {
        response = await fetch(`${base}${path}`, {
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
      throw refusal(response.status, reply, project);
    },
  };
}

function refusal(status: number, reply: { code?: string; message?: string } | undefined, project: string) {
  const said = reply?.message ?? `HTTP ${status}`;
  const code = reply?.code ?? 'FB_ERR_INTERNAL';
  if (status === 401) {
    return new CollectorError(
      code,
      `the collector refused the token: ${said}; check --token or FLASHBACK_TOKEN`,
      status,
    );
  }
  if (status === 403) {
    return new CollectorError(code, `the token may not use project ${project}: ${said}`, status);
  }
  return new CollectorError(code, `the collector answered ${status}: ${said}`, status);
}

function setting(option: OptionValue | undefined, fromEnv: string | undefined): string | undefined {
  if (typeof option === 'string' && option !== '') return option;
  return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
}
