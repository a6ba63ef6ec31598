/** `flashback stubs <package.json> [--json]`: serves the stubs until interrupted. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { StubEndpoint } from '@flashback/replay';
import type { CliDeps } from '../cli-deps.js';
import { type CommandDefinition, type CommandInput, JSON_OPTION } from '../command-types.js';
import { EXIT_OK } from '../exit-codes.js';

export const stubsCommand: CommandDefinition = {
  name: 'stubs',
  summary: 'serve the stubs of a package on free ports for manual debugging, until Ctrl-C',
  positionals: [{ name: 'package.json', description: 'an error package' }],
  options: { json: JSON_OPTION },
  exitCodes: '0 stopped with Ctrl-C, 2 could not run',
  run: runStubs,
};

async function runStubs({ positionals, options }: CommandInput, deps: CliDeps): Promise<number> {
  const packageFile = positionals[0] ?? '';
  const { loadPackage, planStubs, startStubs } = await import('@flashback/replay');
  const pkg = await loadPackage(resolve(packageFile));
  const workDir = await mkdtemp(join(tmpdir(), 'flashback-stubs-'));
  try {
    const stubs = await startStubs(planStubs(pkg), { bind: 'ephemeral', workDir });
    try {
      if (options.json === true) {
        deps.stdout(
          `${JSON.stringify({ endpoints: stubs.endpoints, caCertFile: stubs.caCertFile ?? null })}\n`,
        );
      } else {
        if (stubs.endpoints.length === 0) deps.stdout('The package recorded no HTTP, S3 or Redis calls.\n');
        for (const e of stubs.endpoints) deps.stdout(`${describe(e)}\n`);
        if (stubs.caCertFile)
          deps.stdout(`HTTPS stubs are signed by ${stubs.caCertFile} (NODE_EXTRA_CA_CERTS)\n`);
        deps.stdout('Serving the recorded responses; press Ctrl-C to stop.\n');
      }
      await deps.interrupted;
    } finally {
      await stubs.close();
      for (const d of stubs.divergences()) deps.stderr(`divergence (${d.kind}) ${d.service}: ${d.message}\n`);
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  return EXIT_OK;
}

function describe(e: StubEndpoint): string {
  const scheme = e.kind === 'redis' ? 'redis' : e.kind;
  return `${e.kind.padEnd(5)} ${scheme}://${e.recorded.host}:${e.recorded.port} (recorded) → listening on ${scheme}://${e.listening.host}:${e.listening.port}`;
}
