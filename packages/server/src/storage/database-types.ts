/**
 * Tables as Kysely sees them. The same types serve SQLite and PostgreSQL, so columns stay within what
 * both store alike: text (ids are UUIDs, times are ISO 8601 UTC strings, which sort as text; JSON
 * is text) and 32-bit integers.
 */
import type { IssueStatus, ReproductionStatus } from '@flashback/protocol/collector-api';

export type { IssueStatus, ReproductionStatus };
export interface Database {
  projects: ProjectsTable;
  api_tokens: ApiTokensTable;
  issues: IssuesTable;
  issue_service_versions: IssueServiceVersionsTable;
  packages: PackagesTable;
  triage_results: TriageResultsTable;
  reproductions: ReproductionsTable;
  webhooks: WebhooksTable;
  services: ServicesTable;
}

export interface ProjectsTable {
  id: string;
  name: string;
  /** SHA-256 of the ingest key; the key itself is shown once, at creation. */
  ingest_key_hash: string;
  created_at: string;
}

export interface ApiTokensTable {
  id: string;
  /** Null: the token reads every project. */
  project_id: string | null;
  name: string;
  token_hash: string;
  created_at: string;
}

export interface IssuesTable {
  id: string;
  project_id: string;
  fingerprint: string;
  title: string;
  error_type: string;
  service_name: string;
  first_seen: string;
  last_seen: string;
  count: number;
  tier: number;
  tier_reason: string;
  /** JSON of the tier-2 cause, when there is one. */
  cause: string | null;
  status: IssueStatus;
  created_at: string;
  updated_at: string;
}

export interface IssueServiceVersionsTable {
  issue_id: string;
  version: string;
  first_seen: string;
}

export interface PackagesTable {
  id: string;
  project_id: string;
  issue_id: string;
  fingerprint: string;
  service_name: string;
  service_version: string | null;
  error_type: string;
  captured_at: string;
  received_at: string;
  /** The validated package as JSON text. */
  body: string;
}

export interface TriageResultsTable {
  package_id: string;
  issue_id: string;
  tier: number;
  reason: string;
  cause: string | null;
  fingerprint: string;
  created_at: string;
}

export interface ReproductionsTable {
  id: string;
  issue_id: string;
  package_id: string;
  status: ReproductionStatus;
  /** JSON: what the worker concluded and why. */
  verdict: string | null;
  /** JSON: package, fixture, stubs, run log, divergence. */
  bundle: string | null;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export interface WebhooksTable {
  id: string;
  project_id: string;
  url: string;
  /** Shared secret for the signature header; null sends unsigned. */
  secret: string | null;
  /** JSON array of event names, e.g. ["issue.escalated"]. */
  events: string;
  created_at: string;
}

/** How to start a service's app for a reproduction. */
export interface ServicesTable {
  project_id: string;
  name: string;
  /** Absolute directory of the app. */
  app_dir: string;
  /** Shell command that starts it. */
  start_command: string;
  port: number | null;
  ready_path: string | null;
  /** JSON object of extra environment variables. */
  env: string;
  updated_at: string;
}
