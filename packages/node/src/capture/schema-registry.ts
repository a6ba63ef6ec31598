import type { DatabaseSchema, DbEvent, TableSchema, TimelineEvent } from '@flashback/protocol/types';
import { suppressCapture } from '../context/request-context.js';
import { debug } from '../debug-logger.js';

/** Reads the DDL of the named tables from one database, off the request path. */
export type SchemaReader = (tables: string[]) => Promise<TableSchema[]>;

interface TableRead {
  promise: Promise<TableSchema | undefined>;
  /** Set once the read finished: the definition, or null when the table was not found. */
  result?: TableSchema | null;
}

interface DatabaseEntry {
  system: DbEvent['system'];
  reader: SchemaReader;
  tables: Map<string, TableRead>;
}

/**
 * Keeps the DDL of every table a captured query touched, read once per process per table.
 * Db integrations register a reader per database and report the tables each statement names;
 * reads run in the background with capture suppressed, so they never appear in a timeline.
 */
export class SchemaRegistry {
  private readonly databases = new Map<string, DatabaseEntry>();

  registerDatabase(system: DbEvent['system'], database: string, reader: SchemaReader): void {
    if (!this.databases.has(database)) this.databases.set(database, { system, reader, tables: new Map() });
  }

  /** Starts reading any of `tables` not read yet. Never blocks the caller. */
  noteTables(database: string, tables: readonly string[]): void {
    const entry = this.databases.get(database);
    if (!entry) return;
    const missing = tables.filter((t) => !entry.tables.has(t.toLowerCase()));
    if (missing.length === 0) return;
    const read = new Promise<TableSchema[]>((resolve) => {
      // setImmediate: leave the request's own tick before issuing catalog queries.
      setImmediate(() =>
        suppressCapture(() => entry.reader(missing)).then(resolve, (error: unknown) => {
          debug.warn(`reading table definitions from ${database} failed`, error);
          resolve([]);
        }),
      );
    });
    for (const table of missing) {
      const key = table.toLowerCase();
      const tableRead: TableRead = {
        promise: read.then((found) => {
          const schema = found.find((t) => t.name.toLowerCase() === key);
          tableRead.result = schema ?? null;
          return schema;
        }),
      };
      entry.tables.set(key, tableRead);
    }
  }

  /**
   * The definitions of the tables the timeline's queries touched, waiting at most `timeoutMs`
   * for reads still running.
   */
  async collect(timeline: readonly TimelineEvent[], timeoutMs = 1000): Promise<DatabaseSchema[]> {
    const deadline = new Promise<undefined>((resolve) =>
      setTimeout(() => resolve(undefined), timeoutMs).unref(),
    );
    const result: DatabaseSchema[] = [];
    for (const [database, names] of this.tablesTouched(timeline)) {
      const entry = this.databases.get(database)!;
      const tables: TableSchema[] = [];
      for (const name of names) {
        const table = await Promise.race([entry.tables.get(name)?.promise, deadline]);
        if (table) tables.push(table);
      }
      if (tables.length > 0) result.push({ system: entry.system, database, tables });
    }
    return result;
  }

  /** Like `collect`, without waiting: only definitions already read (for a dying process). */
  collectReady(timeline: readonly TimelineEvent[]): DatabaseSchema[] {
    const result: DatabaseSchema[] = [];
    for (const [database, names] of this.tablesTouched(timeline)) {
      const entry = this.databases.get(database)!;
      const tables = [...names]
        .map((name) => entry.tables.get(name)?.result)
        .filter((t): t is TableSchema => !!t);
      if (tables.length > 0) result.push({ system: entry.system, database, tables });
    }
    return result;
  }

  private tablesTouched(timeline: readonly TimelineEvent[]): Map<string, Set<string>> {
    const wanted = new Map<string, Set<string>>();
    for (const event of timeline) {
      if (event.type !== 'db') continue;
      const entry = this.databases.get(event.database);
      if (!entry) continue;
      const names = wanted.get(event.database) ?? new Set<string>();
      for (const key of entry.tables.keys()) if (mentions(event.statement, key)) names.add(key);
      if (names.size > 0) wanted.set(event.database, names);
    }
    return wanted;
  }
}

function mentions(statement: string, table: string): boolean {
  return new RegExp(`(^|[^\\w$])"?${table.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?($|[^\\w$])`, 'i').test(
    statement,
  );
}
