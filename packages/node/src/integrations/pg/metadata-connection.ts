import { suppressCapture } from '../../context/request-context.js';
import type { PgClient } from './types.js';

/** A catalog row; every value is text (see `metadataClientConfig`). */
export type MetadataRow = Record<string, string | null>;
export type MetadataQuery = (text: string, values?: unknown[]) => Promise<MetadataRow[]>;

/** After a failed connect, reads fail fast for this long instead of hammering the server. */
const RETRY_AFTER_FAILURE_MS = 30_000;

const noop = (): void => {};

/**
 * The SDK's own session with one database, for catalog reads. It is a separate connection built
 * with the app's `pg.Client` class and connection parameters, so it reaches the same server the
 * same way but never sits between the app's queries on the app's clients (a Client runs one query
 * at a time, in order). Tasks run one at a time with capture suppressed; the connection opens for
 * the first task and closes as soon as none is queued, so nothing lingers between reads.
 */
export class MetadataConnection {
  private tail: Promise<void> = Promise.resolve();
  private queued = 0;
  private client: Promise<PgClient> | undefined;
  private failedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly open: () => PgClient) {}

  run<T>(task: (query: MetadataQuery) => Promise<T>): Promise<T> {
    return suppressCapture(() => {
      this.queued++;
      const result = this.tail.then(() => this.execute(task));
      this.tail = result.then(noop, noop).then(() => this.release());
      return result;
    });
  }

  private async execute<T>(task: (query: MetadataQuery) => Promise<T>): Promise<T> {
    if (performance.now() - this.failedAt < RETRY_AFTER_FAILURE_MS) {
      throw new Error('the catalog connection failed recently; not retrying yet');
    }
    const client = await this.connected();
    return task(async (text, values) => (await client.query(text, values)).rows as unknown as MetadataRow[]);
  }

  private connected(): Promise<PgClient> {
    this.client ??= (async () => {
      const client = this.open();
      // An error on an idle connection would otherwise be an unhandled 'error' event in the host.
      client.on('error', noop);
      // A catalog read in flight must never keep the host process from exiting.
      client.unref?.();
      try {
        await client.connect();
        return client;
      } catch (error: unknown) {
        this.failedAt = performance.now();
        this.client = undefined;
        throw error;
      }
    })();
    return this.client;
  }

  private release(): void {
    if (--this.queued > 0 || !this.client) return;
    const client = this.client;
    this.client = undefined;
    client.then((c) => c.end()).catch(noop);
  }
}
