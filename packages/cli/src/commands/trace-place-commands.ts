/** `flashback trace snapshot|log`: place an action at a line of a running service. */
import type { CliDeps } from '../cli-deps.js';
import { type CommandDefinition, type CommandInput, JSON_OPTION, type OptionSpec } from '../command-types.js';
import { EXIT_OK } from '../exit-codes.js';
import { TRACE_COLLECTOR_OPTIONS, traceCollector } from './trace-collector.js';
import { describePlaced, type TracingActionView } from './trace-format.js';
import { parseTraceLocation, parseTtlSeconds } from './trace-location.js';

const SERVICE = { name: 'service', description: 'the service, as its SDK names it (FLASHBACK_SERVICE)' };
const LOCATION = {
  name: 'file:line',
  description: 'where, e.g. src/orders.js:42 (relative to the app root)',
};

const PLACE_OPTIONS = {
  if: { kind: 'string', value: '<expression>', description: 'only when this expression is true' },
  'max-hits': { kind: 'integer', value: '<n>', description: 'stop after this many hits (at most 10000)' },
  ttl: {
    kind: 'string',
    value: '<time>',
    description: 'stop after this time, e.g. 90s, 10m, 2h',
    defaultText: '10m',
  },
  ...TRACE_COLLECTOR_OPTIONS,
  json: JSON_OPTION,
} as const satisfies Record<string, OptionSpec>;

const EXIT_CODES =
  '0 placed, 2 refused (bad file:line or expression, unknown project, bad token) or collector unreachable';

export const traceSnapshotCommand: CommandDefinition = {
  name: 'trace snapshot',
  summary: 'capture the stack and local variables the next time(s) a line runs',
  positionals: [SERVICE, LOCATION],
  options: PLACE_OPTIONS,
  exitCodes: EXIT_CODES,
  run: (input, deps) => place('snapshot', input, deps),
};

export const traceLogCommand: CommandDefinition = {
  name: 'trace log',
  summary: 'log a message with {expression} holes each time a line runs',
  positionals: [
    SERVICE,
    LOCATION,
    { name: 'template', description: 'e.g. "order {order.id} total {order.total}"' },
  ],
  options: {
    ...PLACE_OPTIONS,
    'max-hits': { ...PLACE_OPTIONS['max-hits'], defaultText: '100' },
    stdout: { kind: 'boolean', description: "also write each line to the service's stdout" },
  },
  exitCodes: EXIT_CODES,
  run: (input, deps) => place('log', input, deps),
};

async function place(kind: 'snapshot' | 'log', { positionals, options }: CommandInput, deps: CliDeps) {
  const [service = '', locationText = '', template] = positionals;
  const location = parseTraceLocation(locationText);
  const request: Record<string, unknown> = { kind, service, ...location };
  if (kind === 'log') request.template = template;
  if (typeof options.if === 'string') request.condition = options.if;
  if (typeof options['max-hits'] === 'number') request.maxHits = options['max-hits'];
  if (typeof options.ttl === 'string') request.ttlSeconds = parseTtlSeconds(options.ttl);
  if (options.stdout === true) request.stdout = true;

  const { action } = await traceCollector(options).request<{ action: TracingActionView }>(
    'POST',
    '/actions',
    {
      body: request,
    },
  );
  deps.stdout(options.json === true ? `${JSON.stringify(action, null, 2)}\n` : describePlaced(action));
  return EXIT_OK;
}
