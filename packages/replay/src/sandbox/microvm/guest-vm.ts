/** What a VMM backend hands the microVM driver: a running guest with its agent's channel. */
import type { AgentChannel } from './agent-channel.js';

export interface GuestVm {
  readonly channel: AgentChannel;
  /** The kernel console and the VMM's own messages (last bytes), for diagnosing a failed boot. */
  consoleText(): string;
  /** Resolves when the VMM process has exited. */
  whenExited(): Promise<unknown>;
  /** Kills the VMM and waits until it is gone; safe to call more than once. */
  destroy(): Promise<void>;
}

export interface LaunchedVm {
  vm: GuestVm;
  /** `cold`: booted now; `restored`: from a snapshot taken after boot. */
  start: 'cold' | 'restored';
  /** The snapshot holds a standby process, waiting for the run's input. */
  standby?: boolean;
  /** From launching the VMM until the agent answered. */
  readyMs: number;
  /** A snapshot was made for this run (the first from this image). */
  snapshotMade: boolean;
}
