import { TRACING_FORMAT, type TracingActionSet, type TracingHitBatch } from '@flashback/protocol/tracing';
import { storageCall } from '../app/storage-unavailable.js';
import type { Storage } from '../storage/open-storage.js';
import {
  endExpiredTracingActions,
  findTracingAction,
  insertTracingAction,
  listLiveTracingActions,
  listTracingActions,
  readActionSetVersion,
  removeTracingAction,
  type ServiceKey,
  type TracingActionRecord,
} from '../storage/tracing-action-store.js';
import {
  listTracingHits,
  type RecordedHits,
  recordTracingHits,
  type StoredTracingHit,
} from '../storage/tracing-hit-store.js';
import { parsePlaceRequest } from './action-request.js';
import { actionHitsKey, actionSetKey, TracingNotifier } from './tracing-notifier.js';

export interface TracingServiceOptions {
  /**
   * How often a waiting long-poll reads the database again, and how often expired actions are
   * ended: what another collector on the same PostgreSQL changed is seen within this time.
   * Default 1 s.
   */
  recheckMs?: number;
  /** Told when ending expired actions fails; the next sweep tries again. */
  onError?: (error: unknown) => void;
}

/** Hits returned by one read of an action's hits. */
const HITS_PAGE = 200;

export interface TracingHitsPage {
  hits: StoredTracingHit[];
  /** Cursor for the next read: the `seq` of the last hit returned, or `after` when there was none. */
  next: number;
}

/**
 * Dynamic tracing for one collector: places and removes actions, hands each service its action
 * set, stores what the services send back, and wakes the long-polls waiting on any of it.
 */
export class TracingService {
  private readonly notifier = new TracingNotifier();
  private sweeper: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;

  private readonly recheckMs: number;
  private readonly onError: (error: unknown) => void;

  constructor(
    private readonly storage: Storage,
    options: TracingServiceOptions = {},
  ) {
    this.recheckMs = options.recheckMs ?? 1_000;
    this.onError = options.onError ?? (() => {});
  }

  /** Ends expired actions every second until `close`. */
  start(): void {
    this.sweeper ??= setInterval(() => {
      this.sweeping ??= this.endExpired().finally(() => {
        this.sweeping = undefined;
      });
    }, this.recheckMs);
    this.sweeper.unref();
  }

  /** Answers every waiting long-poll and stops the sweep. */
  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.notifier.close();
    await this.sweeping;
  }

  /** Checks a person's request (400 naming the field), stores the action, wakes the service's polls. */
  async place(projectId: string, request: unknown): Promise<TracingActionRecord> {
    const action = parsePlaceRequest(request);
    const placed = await storageCall('store the tracing action', () =>
      insertTracingAction(this.storage.db, projectId, action),
    );
    this.notifier.notify(actionSetKey(projectId, placed.service));
    return placed;
  }

  list(projectId: string, service?: string): Promise<TracingActionRecord[]> {
    return storageCall('list the tracing actions', () =>
      listTracingActions(this.storage.db, projectId, service === undefined ? {} : { service }),
    );
  }

  get(projectId: string, id: string): Promise<TracingActionRecord | undefined> {
    return storageCall('read the tracing action', () => findTracingAction(this.storage.db, projectId, id));
  }

  /** Removes an action (again: no change); undefined when there is none with that id. */
  async remove(projectId: string, id: string): Promise<TracingActionRecord | undefined> {
    const removed = await storageCall('remove the tracing action', () =>
      removeTracingAction(this.storage.db, projectId, id),
    );
    if (removed) {
      this.notifier.notify(actionSetKey(projectId, removed.service));
      this.notifier.notify(actionHitsKey(removed.id));
    }
    return removed;
  }

  /**
   * The live actions of a service. When `knownVersion` is the current version, waits up to
   * `waitMs` for it to change first.
   */
  async actionSet(
    key: ServiceKey,
    knownVersion: number | undefined,
    waitMs: number,
    signal?: AbortSignal,
  ): Promise<TracingActionSet> {
    const deadline = performance.now() + waitMs;
    const subscription = this.notifier.subscribe(actionSetKey(key.projectId, key.service));
    try {
      for (;;) {
        // The version is read before the actions: a set is never labelled newer than its contents.
        const version = await storageCall('read the tracing actions', () =>
          readActionSetVersion(this.storage.db, key),
        );
        const remaining = deadline - performance.now();
        if (version !== knownVersion || remaining <= 0 || this.stopWaiting(signal)) {
          const actions = await storageCall('read the tracing actions', () =>
            listLiveTracingActions(this.storage.db, key),
          );
          return { format: TRACING_FORMAT, version, actions };
        }
        await subscription.next(Math.min(this.recheckMs, remaining), signal);
      }
    } finally {
      subscription.close();
    }
  }

  /** Stores a batch from the SDK and wakes whoever follows the actions it touched. */
  async record(projectId: string, batch: TracingHitBatch): Promise<RecordedHits> {
    const recorded = await storageCall('store the tracing hits', () =>
      recordTracingHits(this.storage.db, projectId, batch),
    );
    for (const id of recorded.actionIds) this.notifier.notify(actionHitsKey(id));
    if (recorded.changedService) {
      const { projectId: project, service } = recorded.changedService;
      this.notifier.notify(actionSetKey(project, service));
    }
    return recorded;
  }

  /** Hits of an action after `after`; when there is none yet, waits up to `waitMs` for some. */
  async hits(
    actionId: string,
    after: number,
    waitMs: number,
    signal?: AbortSignal,
  ): Promise<TracingHitsPage> {
    const deadline = performance.now() + waitMs;
    const subscription = this.notifier.subscribe(actionHitsKey(actionId));
    try {
      for (;;) {
        const hits = await storageCall('read the tracing hits', () =>
          listTracingHits(this.storage.db, actionId, after, HITS_PAGE),
        );
        const remaining = deadline - performance.now();
        if (hits.length > 0 || remaining <= 0 || this.stopWaiting(signal)) {
          return { hits, next: hits.at(-1)?.seq ?? after };
        }
        await subscription.next(Math.min(this.recheckMs, remaining), signal);
      }
    } finally {
      subscription.close();
    }
  }

  private stopWaiting(signal: AbortSignal | undefined): boolean {
    return this.notifier.isClosed || signal?.aborted === true;
  }

  private async endExpired(): Promise<void> {
    try {
      const changed = await endExpiredTracingActions(this.storage.db);
      for (const key of changed) this.notifier.notify(actionSetKey(key.projectId, key.service));
    } catch (error) {
      this.onError(error);
    }
  }
}
