import type { DbField } from '@flashback/protocol/types';
import { debug } from '../../debug-logger.js';
import type { MetadataConnection, MetadataRow } from './metadata-connection.js';
import { pgTableName } from './table-naming.js';

/** A table's name (see `pgTableName`) and its column names by attribute number. */
export interface TableNames {
  table: string;
  columns: Map<number, string>;
}

/** Fields waiting for a lookup, at most; beyond it fields simply keep their ids. */
const MAX_WAITING_FIELDS = 10_000;

const LOOKUP_SQL = `SELECT c.oid::text AS oid, n.nspname, c.relname, a.attnum::text AS attnum, a.attname
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE c.oid = ANY($1::oid[])`;

/**
 * Resolves the table OID and column number PostgreSQL sends with each result column into table
 * and column names, per database, cached for the life of the process.
 *
 * Names are filled in lazily: `annotate` names the fields it already can and queues the rest for
 * a catalog lookup that runs after the query, off the request path, on the SDK's own connection.
 * When it completes, the waiting field objects (the same objects the recorded event holds) get
 * their `table` and `column`. A package built before that keeps `tableId`/`columnId`, which are
 * enough to resolve the names later. The DDL reader feeds the cache too, and it is usually already
 * running by then because tables are noted when a query starts.
 */
export class TableCatalog {
  private readonly known = new Map<number, TableNames | null>();
  private readonly waiting = new Map<number, DbField[]>();
  private readonly inFlight = new Set<number>();
  private waitingFields = 0;
  private scheduled = false;

  constructor(private readonly connection: MetadataConnection) {}

  annotate(fields: readonly DbField[]): void {
    for (const field of fields) {
      const oid = field.tableId;
      if (oid === undefined) continue;
      const names = this.known.get(oid);
      if (names) {
        applyNames(field, names);
      } else if (names === undefined && this.waitingFields < MAX_WAITING_FIELDS) {
        const list = this.waiting.get(oid);
        if (list) list.push(field);
        else this.waiting.set(oid, [field]);
        this.waitingFields++;
      }
    }
    if (!this.scheduled && this.hasUnrequested()) {
      this.scheduled = true;
      setImmediate(() => this.lookUp()).unref();
    }
  }

  /** Records a table's names (from a lookup or the DDL reader) and names the fields waiting for it. */
  remember(oid: number, names: TableNames): void {
    this.known.set(oid, names);
    const fields = this.waiting.get(oid);
    if (!fields) return;
    this.waiting.delete(oid);
    this.waitingFields -= fields.length;
    for (const field of fields) applyNames(field, names);
  }

  private hasUnrequested(): boolean {
    for (const oid of this.waiting.keys()) if (!this.inFlight.has(oid)) return true;
    return false;
  }

  private lookUp(): void {
    this.scheduled = false;
    const oids = [...this.waiting.keys()].filter((oid) => !this.inFlight.has(oid));
    if (oids.length === 0) return;
    for (const oid of oids) this.inFlight.add(oid);
    this.connection
      .run((query) => query(LOOKUP_SQL, [oids]))
      .then(
        (rows) => {
          for (const [oid, names] of groupByTable(rows)) this.remember(oid, names);
          // Not a relation (dropped since, or a system row type): stop asking.
          for (const oid of oids) if (!this.known.has(oid)) this.known.set(oid, null);
          this.settle(oids);
        },
        (error: unknown) => {
          debug.warn('looking up table and column names failed', error);
          this.settle(oids);
        },
      );
  }

  /** Ends a lookup: fields still waiting on its OIDs keep their ids. */
  private settle(oids: number[]): void {
    for (const oid of oids) {
      this.inFlight.delete(oid);
      const fields = this.waiting.get(oid);
      if (fields) this.waitingFields -= fields.length;
      this.waiting.delete(oid);
    }
  }
}

function applyNames(field: DbField, names: TableNames): void {
  field.table = names.table;
  const column = field.columnId === undefined ? undefined : names.columns.get(field.columnId);
  if (column !== undefined) field.column = column;
}

function groupByTable(rows: MetadataRow[]): Map<number, TableNames> {
  const tables = new Map<number, TableNames>();
  for (const row of rows) {
    const oid = Number(row.oid);
    let names = tables.get(oid);
    if (!names) {
      names = { table: pgTableName(row.nspname ?? undefined, row.relname ?? ''), columns: new Map() };
      tables.set(oid, names);
    }
    if (row.attnum !== null && row.attnum !== undefined && row.attname)
      names.columns.set(Number(row.attnum), row.attname);
  }
  return tables;
}
