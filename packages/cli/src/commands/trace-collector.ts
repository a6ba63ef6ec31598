/**
 * How the `trace` commands reach the collector: the shared `--server`, `--token` and `--project`
 * options (or FLASHBACK_SERVER, FLASHBACK_TOKEN, FLASHBACK_PROJECT), and requests under the
 * project's tracing API.
 */
import type { OptionSpec, OptionValue } from '../command-types.js';
import { CliError } from '../errors.js';
import { collectorClient, DEFAULT_SERVER, type RequestOptions, setting } from './collector-client.js';

export const TRACE_COLLECTOR_OPTIONS = {
  server: {
    kind: 'string',
    value: '<url>',
    description: 'the collector',
    defaultText: `FLASHBACK_SERVER, else ${DEFAULT_SERVER}`,
  },
  token: {
    kind: 'string',
    value: '<token>',
    description: 'read token of the project (`flashback projects create` prints it)',
    defaultText: 'FLASHBACK_TOKEN',
  },
  project: { kind: 'string', value: '<name>', description: 'the project', defaultText: 'FLASHBACK_PROJECT' },
} as const satisfies Record<string, OptionSpec>;

export interface TraceCollector {
  url: string;
  project: string;
  /** Calls `<server>/api/projects/<project>/tracing<path>` and returns the JSON reply. */
  request<T>(method: string, path: string, options?: RequestOptions): Promise<T>;
}

export function traceCollector(
  options: Record<string, OptionValue>,
  env: NodeJS.ProcessEnv = process.env,
): TraceCollector {
  const project = setting(options.project, env.FLASHBACK_PROJECT);
  if (project === undefined) {
    throw new CliError('FB_CLI_USAGE', 'name the project: --project <name> or FLASHBACK_PROJECT');
  }
  const client = collectorClient(options, env, `project ${project}`);
  const base = `/api/projects/${encodeURIComponent(project)}/tracing`;
  return {
    url: client.url,
    project,
    request: (method, path, requestOptions) => client.request(method, `${base}${path}`, requestOptions),
  };
}
