/** Text for `flashback replay`: one replayed step, the end of the replay, values as compact JSON. */
import type { EffectTrace, ReplayFrame, ReplayReport, Result, TimeTravelView } from '@flashback/effects';
import { encodeValue } from '@flashback/protocol/values';

const MAX_VALUE = 300;

export function header(trace: EffectTrace, source: string): string {
  return `Replaying ${trace.program.name} (trace ${trace.id}, recorded ${trace.startedAt}, ${trace.steps.length} commands) with ${source}\n`;
}

/** A step as one block: the command, its input, what it was answered. With `scope`, the values in scope too. */
export function formatFrame(frame: ReplayFrame, options: { scope?: boolean } = {}): string {
  let out = `step ${frame.seq}  ${frame.kind}\n  input   ${compact(frame.input)}\n  result  ${formatResult(frame.result)}\n`;
  if (options.scope && frame.scope !== undefined) {
    out += '  scope\n';
    for (const [name, value] of Object.entries(frame.scope))
      out += `    ${name.padEnd(12)} ${compact(value)}\n`;
  }
  return out;
}

export function formatEnd(report: ReplayReport): string {
  if (report.divergence) {
    return `diverged: ${report.divergence.message}\n`;
  }
  return `outcome  ${report.outcome ? formatResult(report.outcome) : 'none'}\nreproduced: the same commands and the same outcome as recorded\n`;
}

/** The time-travel screen for one position. */
export function formatView(view: TimeTravelView, report: ReplayReport): string {
  const position = `[${view.index + 1}/${view.total}]`;
  if (view.at === 'step') return `${position} ${formatFrame(view.frame, { scope: true })}`;
  return `${position} end\n${formatEnd(report)}`;
}

function formatResult(result: Result<unknown>): string {
  return result.ok ? `ok ${compact(result.value)}` : `failure ${result.error.type}: ${result.error.message}`;
}

function compact(value: unknown): string {
  const text = JSON.stringify(encodeValue(value));
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}
