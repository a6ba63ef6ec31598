/** `flashback verify <issue id | package.json> --app <dir>`: does the failure still happen with the current code? */
import type { ReproduceOptions } from '@flashback/replay';
import type { CliDeps } from '../cli-deps.js';
import { type CommandDefinition, type CommandInput, JSON_OPTION } from '../command-types.js';
import { EXIT_COULD_NOT_RUN, EXIT_NEGATIVE, EXIT_OK } from '../exit-codes.js';
import { formatVerdict } from '../verdict-format.js';
import { APP_OPTIONS, appSpecOf, offRecordOf } from './app-spec-options.js';
import { COLLECTOR_OPTIONS } from './collector-client.js';
import { loadFailure } from './failure-source.js';
import { headRevision } from './git-run.js';
import { verifyOutcome } from './verify-outcome.js';

export const SANDBOX_OPTION = {
  kind: 'choice',
  value: '<kind>',
  choices: ['process', 'namespace'],
  description: 'process or namespace',
  defaultText: 'namespace where available, else process',
} as const;

export const verifyCommand: CommandDefinition = {
  name: 'verify',
  summary: 're-run the reproduction against the current code: fixed, still-failing or different-error',
  positionals: [
    { name: 'issue id | package.json', description: 'an issue with a confirmed reproduction, or a package' },
  ],
  options: {
    app: {
      kind: 'string',
      value: '<dir>',
      required: true,
      description: 'directory of the app, with the fix',
    },
    ...APP_OPTIONS,
    sandbox: SANDBOX_OPTION,
    timeout: { kind: 'duration', value: '<time>', description: 'time limit', defaultText: '60s' },
    ...COLLECTOR_OPTIONS,
    json: JSON_OPTION,
  },
  exitCodes: '0 fixed, 1 still failing or a different error, 2 could not run',
  run: runVerify,
};

async function runVerify({ positionals, options }: CommandInput, deps: CliDeps): Promise<number> {
  const failure = await loadFailure(positionals[0] ?? '', options);
  const app = await appSpecOf(String(options.app), options, failure.pkg);
  const stop = new AbortController();
  void deps.interrupted.then(() => stop.abort());
  const reproduceOptions: ReproduceOptions = {
    sandbox: (options.sandbox as 'process' | 'namespace' | undefined) ?? 'auto',
    offRecord: await offRecordOf(options),
    signal: stop.signal,
    onProgress: (event) =>
      deps.stderr(`[${(event.elapsedMs / 1000).toFixed(1).padStart(5)}s] ${event.message}\n`),
  };
  if (typeof options.timeout === 'number') reproduceOptions.timeLimitMs = options.timeout;

  const verdict = await deps.reproduce(failure.pkg, app, reproduceOptions);
  const { outcome, summary } = verifyOutcome(verdict);
  const revision = await headRevision(app.dir);
  let recorded: string | undefined;
  if (outcome !== undefined && failure.issue !== undefined) {
    const { client, project, id } = failure.issue;
    await client.post(
      `/api/projects/${encodeURIComponent(project)}/issues/${encodeURIComponent(id)}/verifications`,
      {
        outcome,
        summary: revision === undefined ? summary : `${summary} (at ${revision})`,
        packageId: failure.pkg.id,
        ...(revision === undefined ? {} : { appRevision: revision }),
        verdict,
      },
    );
    recorded = `recorded on issue ${id} of project ${project}`;
  }
  if (options.json === true) {
    deps.stdout(
      `${JSON.stringify({ outcome: outcome ?? 'error', summary, appRevision: revision ?? null, verdict }, null, 2)}\n`,
    );
  } else {
    deps.stdout(`${(outcome ?? 'could not run').toUpperCase()}  ${summary}\n`);
    if (recorded) deps.stdout(`  ${recorded}\n`);
    deps.stdout(formatVerdict(verdict).replace(/^/gm, '  '));
  }
  if (outcome === undefined) return EXIT_COULD_NOT_RUN;
  return outcome === 'fixed' ? EXIT_OK : EXIT_NEGATIVE;
}
