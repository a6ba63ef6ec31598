/** How a replay departed from the recording, with a message that says where and what. */
import type { EncodedValue } from '@flashback/protocol/types';
import type { TraceOutcome } from '../trace/trace-format.js';

export interface AskedCommand {
  kind: string;
  input: EncodedValue;
}

export type Divergence =
  /** The code asked for a different command (kind or input) than the one recorded at `seq`. */
  | { kind: 'command-differs'; seq: number; expected: AskedCommand; actual: AskedCommand; message: string }
  /** The code asked for a command after the recorded ones ran out. */
  | { kind: 'extra-command'; seq: number; actual: AskedCommand; message: string }
  /** The code finished while recorded commands were left. */
  | { kind: 'missing-command'; seq: number; expected: AskedCommand; message: string }
  /** Same commands, different end: the logic after the last command changed. */
  | { kind: 'outcome-differs'; seq: number; expected: TraceOutcome; actual: TraceOutcome; message: string };

export function commandDiffers(seq: number, expected: AskedCommand, actual: AskedCommand): Divergence {
  const what = expected.kind === actual.kind ? `${actual.kind} with a different input` : actual.kind;
  return {
    kind: 'command-differs',
    seq,
    expected,
    actual,
    message:
      `step ${seq}: the code asked for ${what}, the recording has ${expected.kind}\n` +
      `  expected: ${describe(expected)}\n  asked for: ${describe(actual)}`,
  };
}

export function extraCommand(seq: number, actual: AskedCommand): Divergence {
  return {
    kind: 'extra-command',
    seq,
    actual,
    message: `step ${seq}: the code asked for ${describe(actual)}, but the recording ended after ${seq} command(s)`,
  };
}

export function missingCommand(seq: number, expected: AskedCommand): Divergence {
  return {
    kind: 'missing-command',
    seq,
    expected,
    message: `step ${seq}: the code finished, but the recording continues with ${describe(expected)}`,
  };
}

export function outcomeDiffers(seq: number, expected: TraceOutcome, actual: TraceOutcome): Divergence {
  return {
    kind: 'outcome-differs',
    seq,
    expected,
    actual,
    message: `after step ${seq - 1}: the code ended with ${describeOutcome(actual)}, the recording with ${describeOutcome(expected)}`,
  };
}

export function describe(command: AskedCommand): string {
  return `${command.kind} ${clip(JSON.stringify(command.input))}`;
}

export function describeOutcome(outcome: TraceOutcome): string {
  return outcome.status === 'success'
    ? `success ${clip(JSON.stringify(outcome.value))}`
    : `failure ${outcome.error.type}: ${outcome.error.message}`;
}

function clip(text: string, max = 400): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
