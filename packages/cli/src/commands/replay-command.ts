/**
 * `flashback replay <trace.json> [--step] [--app <module>]`: re-runs the pure logic a trace of
 * `@flashback/effects` recorded, answering every command from the trace, and reports whether the
 * current code reproduces it or where it diverges.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CliDeps } from '../cli-deps.js';
import type { CommandDefinition, CommandInput } from '../command-types.js';
import { CliError } from '../errors.js';
import { EXIT_NEGATIVE, EXIT_OK } from '../exit-codes.js';
import { formatEnd, formatFrame, header } from './replay-format.js';
import { stepThrough } from './replay-stepper.js';

export const replayCommand: CommandDefinition = {
  name: 'replay',
  summary: 'replay a recorded effect trace against the current code, step by step',
  positionals: [{ name: 'trace.json', description: 'a flashback.effects-trace/1 document' }],
  options: {
    step: { kind: 'boolean', description: 'step through it: n/→ next, p/← previous, q quit' },
    app: {
      kind: 'string',
      value: '<module>',
      description: 'the module exporting the program, instead of the one the trace names',
    },
  },
  exitCodes: '0 reproduced, 1 diverged from the recording, 2 could not run',
  run: runReplay,
};

async function runReplay({ positionals, options }: CommandInput, deps: CliDeps): Promise<number> {
  const { loadProgram, parseTrace, replayTrace, TimeTravel } = await import('@flashback/effects');
  const file = resolve(positionals[0] ?? '');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError('FB_CLI_USAGE', `cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  const trace = parseTrace(text);
  const app = typeof options.app === 'string' ? options.app : undefined;
  const program = await loadProgram(trace, app ? { app } : {});
  const report = replayTrace(program, trace);

  deps.stdout(header(trace, app ?? trace.program.module ?? program.name));
  if (options.step === true) {
    await stepThrough(new TimeTravel(report), report, deps.stdout);
  } else {
    for (const frame of report.frames) deps.stdout(formatFrame(frame));
    deps.stdout(formatEnd(report));
  }
  return report.status === 'reproduced' ? EXIT_OK : EXIT_NEGATIVE;
}
