/** A minimal QMP (QEMU Machine Protocol) client: commands in order, one answer each. */
import type { Socket } from 'node:net';

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

export class QmpClient {
  readonly #socket: Socket;
  readonly #pending: Pending[] = [];
  #buffer = '';
  #greeted: Promise<void>;

  constructor(socket: Socket) {
    this.#socket = socket;
    let greet: () => void = () => undefined;
    this.#greeted = new Promise((resolve) => {
      greet = resolve;
    });
    socket.setEncoding('utf8');
    socket.on('data', (text: string) => {
      this.#buffer += text;
      let newline = this.#buffer.indexOf('\n');
      while (newline >= 0) {
        const line = this.#buffer.slice(0, newline).trim();
        this.#buffer = this.#buffer.slice(newline + 1);
        newline = this.#buffer.indexOf('\n');
        if (line === '') continue;
        const message = JSON.parse(line) as {
          QMP?: unknown;
          return?: unknown;
          error?: { desc?: string };
          event?: string;
        };
        if (message.QMP !== undefined) greet();
        else if (message.event !== undefined) continue;
        else if (message.error !== undefined)
          this.#pending.shift()?.reject(new Error(`QMP: ${message.error.desc ?? 'error'}`));
        else this.#pending.shift()?.resolve(message.return);
      }
    });
    const fail = (): void => {
      for (const pending of this.#pending.splice(0)) pending.reject(new Error('QMP connection closed'));
    };
    socket.on('close', fail);
    socket.on('error', fail);
  }

  /** Waits for the greeting and leaves capabilities negotiation mode. */
  async open(): Promise<void> {
    await this.#greeted;
    await this.execute('qmp_capabilities');
  }

  execute(command: string, args?: Record<string, unknown>): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ resolve, reject });
      this.#socket.write(
        `${JSON.stringify(args === undefined ? { execute: command } : { execute: command, arguments: args })}\n`,
      );
    });
  }

  close(): void {
    this.#socket.destroy();
  }
}
