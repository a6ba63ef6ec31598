import type { TracingActionStatus } from '@flashback/protocol/collector-api';
import type { TracingActionKind } from '@flashback/protocol/tracing';
import type { Kysely } from 'kysely';
import type { Database } from './database-types.js';

export type { TracingActionStatus };

/** Migration 005: one row per action placed. */
export interface TracingActionsTable {
  id: string;
  project_id: string;
  service: string;
  kind: TracingActionKind;
  file: string;
  line: number;
  condition: string | null;
  template: string | null;
  /** 0 or 1. */
  stdout: number;
  max_hits: number;
  /** Snapshot and log hits stored so far; status reports are not counted. */
  hit_count: number;
  expires_at: string;
  created_at: string;
  /** Set when a person removed the action; its later hits are dropped. */
  removed_at: string | null;
  /** Set when the collector took it out of its service's set: expired, or its hits reached the limit. */
  ended_at: string | null;
  /** The last status reported by any process, or what the collector decided. */
  state: TracingActionStatus;
  reason: string;
  /** `<hostname>:<pid>` that reported the state; null when the collector set it. */
  state_instance: string | null;
  updated_at: string;
}

/** Per service: the version of its action set and the last sequence number given to one of its hits. */
export interface TracingServicesTable {
  project_id: string;
  service: string;
  version: number;
  hit_seq: number;
}

export interface TracingHitsTable {
  action_id: string;
  /** Increases with every hit of the service; the cursor of `GET .../hits?after=`. */
  seq: number;
  instance: string;
  kind: 'snapshot' | 'log' | 'status';
  at: string;
  /** The hit as the SDK sent it, as JSON text. */
  body: string;
}

// A type, not an interface: `withTables` needs the index signature only type literals have.
export type TracingTables = {
  tracing_actions: TracingActionsTable;
  tracing_services: TracingServicesTable;
  tracing_hits: TracingHitsTable;
};

export type TracingDatabase = Database & TracingTables;

/** The database with the tracing tables, which only the tracing stores read. */
export function tracingDb(db: Kysely<Database>): Kysely<TracingDatabase> {
  return db.withTables<TracingTables>();
}
