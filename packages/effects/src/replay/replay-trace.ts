/**
 * Replay: runs the current code of a program on a recorded input, answering each command with the
 * recorded result instead of a handler. Nothing outside the process is touched. It stops at the
 * first command the code asks for that the recording does not have at that step.
 */

import type { Command } from '../core/command.js';
import type { Effect } from '../core/effect.js';
import type { AnyProgram } from '../core/program.js';
import { failure, type Result, toEffectError } from '../core/result.js';
import { EffectsError } from '../errors.js';
import { encode, encodeOutcome } from '../trace/build-trace.js';
import type { EffectTrace, TraceStep } from '../trace/trace-format.js';
import { decodeTraceValue } from './decode-trace-value.js';
import {
  type AskedCommand,
  commandDiffers,
  type Divergence,
  extraCommand,
  missingCommand,
  outcomeDiffers,
} from './divergence.js';
import { jsonEqual } from './json-equal.js';
import { comparableOutcome, decodeOutcome } from './recorded-results.js';

/** One replayed command: what the code asked, what it was answered, and what was in scope. */
export interface ReplayFrame {
  seq: number;
  kind: string;
  /** The input as the current code built it. */
  input: unknown;
  /** The recorded result, decoded, as fed to the code. */
  result: Result<unknown>;
  /** The pipeline's named values when the code asked for the command, from the current code. */
  scope: object | undefined;
  recorded: TraceStep;
}

export interface ReplayReport {
  /** `reproduced`: same commands, same inputs, same outcome as recorded. */
  status: 'reproduced' | 'diverged';
  frames: ReplayFrame[];
  /** How the replay ended; undefined when it stopped at a divergent command. */
  outcome: Result<unknown> | undefined;
  recordedOutcome: Result<unknown>;
  divergence: Divergence | undefined;
}

/**
 * @example
 * const report = replayTrace(checkout, parseTrace(text));
 * if (report.divergence) console.log(report.divergence.message);
 */
export function replayTrace(program: AnyProgram, trace: EffectTrace): ReplayReport {
  if (program.name !== trace.program.name) {
    throw new EffectsError(
      'FB_EFFECTS_PROGRAM_MISMATCH',
      `the trace recorded program ${JSON.stringify(trace.program.name)}, not ${JSON.stringify(program.name)}`,
    );
  }
  const frames: ReplayFrame[] = [];
  const recordedOutcome = decodeOutcome(trace.outcome);
  const stop = (divergence: Divergence, outcome?: Result<unknown>): ReplayReport => ({
    status: 'diverged',
    frames,
    outcome,
    recordedOutcome,
    divergence,
  });

  let effect = start(program, decodeTraceValue(trace.input));
  for (let seq = 0; ; seq++) {
    const recorded = trace.steps[seq];
    if (effect.tag === 'done') {
      if (recorded)
        return stop(missingCommand(seq, { kind: recorded.kind, input: recorded.input }), effect.result);
      const actual = encodeOutcome(effect.result);
      if (!jsonEqual(comparableOutcome(actual), comparableOutcome(trace.outcome))) {
        return stop(outcomeDiffers(seq, trace.outcome, actual), effect.result);
      }
      return { status: 'reproduced', frames, outcome: effect.result, recordedOutcome, divergence: undefined };
    }
    const command: Command = effect.tag === 'command' ? effect : effect.command;
    const asked: AskedCommand = { kind: command.kind, input: encode(command.input) };
    if (!recorded) return stop(extraCommand(seq, asked));
    if (asked.kind !== recorded.kind || !jsonEqual(asked.input, recorded.input)) {
      return stop(commandDiffers(seq, { kind: recorded.kind, input: recorded.input }, asked));
    }
    const result = decodeOutcome(recorded);
    const scope = effect.tag === 'step' ? effect.scope : undefined;
    frames.push({ seq, kind: command.kind, input: command.input, result, scope, recorded });
    effect = next(effect, result);
  }
}

function start(program: AnyProgram, input: unknown): Effect<unknown> {
  try {
    return program.run(input);
  } catch (thrown) {
    return { tag: 'done', result: failure(toEffectError(thrown)) };
  }
}

function next(effect: Effect<unknown>, result: Result<unknown>): Effect<unknown> {
  if (effect.tag !== 'step') return { tag: 'done', result };
  try {
    return effect.next(result as Result<never>);
  } catch (thrown) {
    return { tag: 'done', result: failure(toEffectError(thrown)) };
  }
}
