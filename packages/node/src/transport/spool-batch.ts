import type { SerializedPackage } from './package-json.js';
import type { RecentIds } from './recent-ids.js';
import type { SpoolEntry, SpoolStore } from './spool-store.js';

/** What one spool batch may hold, and which packages it must leave out. */
export interface SpoolBatchLimits {
  maxCount: number;
  maxBytes: number;
  /** Ids still in memory: they are delivered from there, never from their spooled copy. */
  skip: ReadonlySet<string>;
  /** Ids the collector already acknowledged; their files are removed instead of sent again. */
  acknowledged: RecentIds;
  onCorrupt: (entry: SpoolEntry) => void;
}

/** Reads the oldest spooled packages that fit in one batch and still need delivering. */
export async function collectSpoolBatch(
  spool: SpoolStore,
  limits: SpoolBatchLimits,
): Promise<SerializedPackage[]> {
  const batch: SerializedPackage[] = [];
  let bytes = 0;
  for (const entry of await spool.scan()) {
    if (batch.length >= limits.maxCount || (batch.length > 0 && bytes + entry.bytes > limits.maxBytes)) break;
    if (limits.skip.has(entry.id)) continue;
    if (limits.acknowledged.has(entry.id)) {
      await spool.remove(entry);
      continue;
    }
    const item = await spool.read(entry);
    if (item === 'corrupt') limits.onCorrupt(entry);
    if (typeof item === 'string') continue;
    batch.push(item);
    bytes += item.bytes;
  }
  return batch;
}
