/** `flashback trace list|rm`: the actions placed in a project's services. */
import type { CliDeps } from '../cli-deps.js';
import { type CommandDefinition, type CommandInput, JSON_OPTION } from '../command-types.js';
import { EXIT_OK } from '../exit-codes.js';
import { TRACE_COLLECTOR_OPTIONS, traceCollector } from './trace-collector.js';
import { actionLine, type TracingActionView } from './trace-format.js';

export const traceListCommand: CommandDefinition = {
  name: 'trace list',
  summary: 'list tracing actions with their state and hit counts, newest first',
  positionals: [],
  options: {
    service: { kind: 'string', value: '<name>', description: 'only the actions of this service' },
    ...TRACE_COLLECTOR_OPTIONS,
    json: JSON_OPTION,
  },
  exitCodes: '0 listed, 2 could not (collector unreachable, bad token)',
  run: async ({ options }: CommandInput, deps: CliDeps) => {
    const query =
      typeof options.service === 'string' ? `?service=${encodeURIComponent(options.service)}` : '';
    const { actions } = await traceCollector(options).request<{ actions: TracingActionView[] }>(
      'GET',
      `/actions${query}`,
    );
    if (options.json === true) deps.stdout(`${JSON.stringify(actions, null, 2)}\n`);
    else if (actions.length === 0) deps.stdout('No tracing actions.\n');
    else for (const action of actions) deps.stdout(`${actionLine(action)}\n`);
    return EXIT_OK;
  },
};

export const traceRemoveCommand: CommandDefinition = {
  name: 'trace rm',
  summary: 'remove a tracing action from its service',
  positionals: [{ name: 'id', description: 'the action id (`flashback trace list`)' }],
  options: TRACE_COLLECTOR_OPTIONS,
  exitCodes: '0 removed, 2 could not (no such action, collector unreachable, bad token)',
  run: async ({ positionals, options }: CommandInput, deps: CliDeps) => {
    const id = positionals[0] ?? '';
    const { action } = await traceCollector(options).request<{ action: TracingActionView }>(
      'DELETE',
      `/actions/${encodeURIComponent(id)}`,
    );
    deps.stdout(`Removed ${action.kind} ${action.id} at ${action.location.file}:${action.location.line}.\n`);
    return EXIT_OK;
  },
};
