/** `flashback trace hits`: what an action captured, and with `--follow`, what it captures next. */
import type { StoredTracingHit, TracingHitsPage } from '@flashback/server';
import type { CliDeps } from '../cli-deps.js';
import type { CommandDefinition, CommandInput } from '../command-types.js';
import { EXIT_OK } from '../exit-codes.js';
import { TRACE_COLLECTOR_OPTIONS, type TraceCollector, traceCollector } from './trace-collector.js';
import { hitText } from './trace-format.js';

/** Seconds one read waits for new hits while following. */
const FOLLOW_WAIT_SECONDS = 25;

export const traceHitsCommand: CommandDefinition = {
  name: 'trace hits',
  summary: "print an action's hits: snapshots with their locals, log lines, status changes",
  positionals: [{ name: 'id', description: 'the action id (`flashback trace list`)' }],
  options: {
    follow: { kind: 'boolean', description: 'keep printing hits as they arrive, until Ctrl-C' },
    json: {
      kind: 'boolean',
      description: 'print JSON: an array of hits, or with --follow one hit per line',
    },
    ...TRACE_COLLECTOR_OPTIONS,
  },
  exitCodes:
    '0 printed (or stopped with Ctrl-C), 2 could not (no such action, collector unreachable, bad token)',
  run: async ({ positionals, options }: CommandInput, deps: CliDeps) => {
    const collector = traceCollector(options);
    const path = `/actions/${encodeURIComponent(positionals[0] ?? '')}/hits`;
    if (options.follow !== true) {
      const hits = await readAll(collector, path);
      if (options.json === true) deps.stdout(`${JSON.stringify(hits, null, 2)}\n`);
      else if (hits.length === 0) deps.stdout('No hits yet.\n');
      else for (const hit of hits) deps.stdout(hitText(hit));
      return EXIT_OK;
    }
    const print = (hit: StoredTracingHit) =>
      deps.stdout(options.json === true ? `${JSON.stringify(hit)}\n` : hitText(hit));
    await follow(collector, path, print, deps.interrupted);
    return EXIT_OK;
  },
};

async function readAll(collector: TraceCollector, path: string): Promise<StoredTracingHit[]> {
  const hits: StoredTracingHit[] = [];
  for (let after = 0; ; ) {
    const page = await collector.request<TracingHitsPage>('GET', `${path}?after=${after}`);
    if (page.hits.length === 0) return hits;
    hits.push(...page.hits);
    after = page.next;
  }
}

/** Long-polls the collector for hits after the last one printed, until `interrupted`. */
async function follow(
  collector: TraceCollector,
  path: string,
  print: (hit: StoredTracingHit) => void,
  interrupted: Promise<void>,
): Promise<void> {
  const stop = new AbortController();
  void interrupted.then(() => stop.abort());
  let after = 0;
  while (!stop.signal.aborted) {
    let page: TracingHitsPage;
    try {
      page = await collector.request<TracingHitsPage>(
        'GET',
        `${path}?after=${after}&wait=${FOLLOW_WAIT_SECONDS}`,
        {
          signal: stop.signal,
        },
      );
    } catch (error: unknown) {
      if (stop.signal.aborted) return;
      throw error;
    }
    for (const hit of page.hits) print(hit);
    after = page.next;
  }
}
