/** The host's end of the guest agent's channel: frames out, frames in, other lines kept as log. */
import type { Readable, Writable } from 'node:stream';
import { LineSplitter } from '../line-splitter.js';
import { decodeGuestFrame, encodeFrame, type GuestMessage, type HostMessage } from './agent-protocol.js';

export class AgentChannel {
  readonly #output: Writable;
  readonly #listeners = new Set<(message: GuestMessage) => void>();
  #closed = false;
  readonly #onClose = new Set<() => void>();

  /** `input` carries the guest's frames (and, on a serial console, the kernel's lines). */
  constructor(input: Readable, output: Writable, onOtherLine?: (line: string) => void) {
    this.#output = output;
    const lines = new LineSplitter((line) => {
      const message = decodeGuestFrame(line);
      if (message === undefined) onOtherLine?.(line);
      else for (const listener of this.#listeners) listener(message);
    });
    input.on('data', (chunk: Buffer) => lines.push(chunk));
    const closed = (): void => {
      if (this.#closed) return;
      this.#closed = true;
      lines.end();
      for (const listener of this.#onClose) listener();
    };
    input.on('end', closed);
    input.on('close', closed);
    input.on('error', closed);
    output.on('error', () => undefined);
  }

  send(message: HostMessage): void {
    this.#output.write(encodeFrame(message));
  }

  onMessage(listener: (message: GuestMessage) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * The next message of type `type`; rejects after `timeoutMs`, when the channel closes, or on a
   * `fault` from the agent.
   */
  next<T extends GuestMessage['t']>(type: T, timeoutMs: number): Promise<Extract<GuestMessage, { t: T }>> {
    return new Promise((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        off();
        this.#onClose.delete(onClose);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`the guest agent sent no "${type}" within ${timeoutMs} ms`));
      }, timeoutMs);
      const onClose = (): void => {
        done();
        reject(new Error(`the guest agent's channel closed before "${type}"`));
      };
      const off = this.onMessage((message) => {
        if (message.t === type) {
          done();
          resolve(message as Extract<GuestMessage, { t: T }>);
        } else if (message.t === 'fault') {
          done();
          reject(new Error(`the guest agent failed: ${message.message}`));
        }
      });
      if (this.#closed) onClose();
      else this.#onClose.add(onClose);
    });
  }
}
