/**
 * Time travel over a replay: a cursor that steps forward and back through the replayed commands,
 * then to the end, where the outcome (or the divergence) is shown. Pure: the CLI and tests drive it.
 */
import type { Result } from '../core/result.js';
import type { Divergence } from './divergence.js';
import type { ReplayFrame, ReplayReport } from './replay-trace.js';

export type TimeTravelView =
  | { at: 'step'; index: number; total: number; frame: ReplayFrame }
  | {
      at: 'end';
      index: number;
      total: number;
      outcome: Result<unknown> | undefined;
      divergence: Divergence | undefined;
    };

export class TimeTravel {
  private position = 0;

  constructor(private readonly report: ReplayReport) {}

  /** Positions: one per replayed command, then the end. */
  get total(): number {
    return this.report.frames.length + 1;
  }

  get view(): TimeTravelView {
    const frame = this.report.frames[this.position];
    if (frame) return { at: 'step', index: this.position, total: this.total, frame };
    const { outcome, divergence } = this.report;
    return { at: 'end', index: this.position, total: this.total, outcome, divergence };
  }

  /** Moves one step on; returns false when already at the end. */
  forward(): boolean {
    return this.moveTo(this.position + 1);
  }

  /** Moves one step back; returns false when already at the start. */
  back(): boolean {
    return this.moveTo(this.position - 1);
  }

  moveTo(index: number): boolean {
    if (index < 0 || index >= this.total || index === this.position) return false;
    this.position = index;
    return true;
  }
}
