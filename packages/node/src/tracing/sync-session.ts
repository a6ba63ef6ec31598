/**
 * An inspector session on the thread it traces. Its calls are answered synchronously (the
 * inspector runs the command before `post` returns), which is what lets a snapshot read the
 * paused frames and resume inside one `Debugger.paused` handler, without another thread.
 */
import inspector from 'node:inspector';

export class SyncSession {
  private readonly session = new inspector.Session();

  constructor() {
    this.session.connect();
  }

  /** @throws the protocol error, or when the inspector did not answer synchronously */
  post<T = unknown>(method: string, params: object = {}): T {
    let answered = false;
    let failure: Error | null = null;
    let result: unknown;
    this.session.post(method, params, (error: Error | null, value: unknown) => {
      answered = true;
      failure = error;
      result = value;
    });
    if (!answered) throw new Error(`${method} was not answered synchronously`);
    if (failure) throw failure;
    return result as T;
  }

  on(event: string, listener: (params: never) => void): void {
    this.session.on(event, (message: { params: never }) => listener(message.params));
  }

  close(): void {
    this.session.disconnect();
  }
}
