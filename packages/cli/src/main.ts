/** `flashback <command>`: parses the command line, runs the command, returns the exit code. */
import { createRequire } from 'node:module';
import { parseCommandLine } from './args-parse.js';
import type { CliDeps } from './cli-deps.js';
import { CliError } from './errors.js';
import { exitCodeForError } from './exit-codes.js';
import { commandUsage, generalUsage } from './usage-text.js';

export async function main(argv: readonly string[], deps: CliDeps): Promise<number> {
  try {
    const line = parseCommandLine(argv);
    if (line.kind === 'help') {
      deps.stdout(line.command ? commandUsage(line.command) : generalUsage(undefined, line.group));
      return 0;
    }
    if (line.kind === 'version') {
      const { version } = createRequire(import.meta.url)('../package.json') as { version: string };
      deps.stdout(`${version}\n`);
      return 0;
    }
    return await line.command.run({ positionals: line.positionals, options: line.options }, deps);
  } catch (error: unknown) {
    const code = (error as { code?: unknown } | null)?.code;
    const message = error instanceof Error ? error.message : String(error);
    deps.stderr(`flashback: ${message}\n`);
    if (error instanceof CliError && error.code === 'FB_CLI_USAGE')
      deps.stderr('Run `flashback --help` for usage.\n');
    return exitCodeForError(typeof code === 'string' ? code : undefined);
  }
}
