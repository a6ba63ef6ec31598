/** `flashback <command>`: parses the command line, runs the command, returns the exit code. */
import { createRequire } from 'node:module';
import { parseCommandLine } from './args-parse.js';
import type { CliDeps } from './cli-deps.js';
import { runFixtures } from './commands/fixtures-command.js';
import { runRepro } from './commands/repro-command.js';
import { runStubs } from './commands/stubs-command.js';
import { CliError } from './errors.js';
import { exitCodeForError } from './exit-codes.js';
import { commandUsage, generalUsage } from './usage-text.js';

export async function main(argv: readonly string[], deps: CliDeps): Promise<number> {
  try {
    const line = parseCommandLine(argv);
    if (line.kind === 'help') {
      deps.stdout(line.command ? commandUsage(line.command) : generalUsage());
      return 0;
    }
    if (line.kind === 'version') {
      const { version } = createRequire(import.meta.url)('../package.json') as { version: string };
      deps.stdout(`${version}\n`);
      return 0;
    }
    const input = { packageFile: line.positionals[0] ?? '', options: line.options };
    switch (line.command) {
      case 'fixtures':
        return await runFixtures(input, deps);
      case 'stubs':
        return await runStubs(input, deps);
      case 'repro':
        return await runRepro(input, deps);
    }
  } catch (error: unknown) {
    const code = (error as { code?: unknown } | null)?.code;
    const message = error instanceof Error ? error.message : String(error);
    deps.stderr(`flashback: ${message}\n`);
    if (error instanceof CliError && error.code === 'FB_CLI_USAGE')
      deps.stderr('Run `flashback --help` for usage.\n');
    return exitCodeForError(typeof code === 'string' ? code : undefined);
  }
}
