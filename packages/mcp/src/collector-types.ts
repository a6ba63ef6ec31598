import type { TracingAction, TracingHit } from '@flashback/protocol/tracing';
/**
 * The collector's answers as the tools read them: the fields they use, structurally, so this
 * package does not depend on the server (the server depends on it, for its `/mcp` endpoint).
 */

export type IssueStatus = 'open' | 'resolved' | 'ignored';
export type ReproductionStatus = 'queued' | 'running' | 'reproduced' | 'not_reproduced' | 'failed';
export type IssueSort = 'last_seen' | 'first_seen' | 'count';
export type EscalationReason =
  | 'outside-timeline'
  | 'reproduction-failed'
  | 'reproduction-errored'
  | 'no-app-spec';

export interface CauseSummary {
  kind: string;
  summary: string;
  evidence?: number[];
  confidence?: number;
  [more: string]: unknown;
}

export interface IssueSummary {
  id: string;
  fingerprint: string;
  title: string;
  errorType: string;
  serviceName: string;
  firstSeen: string;
  lastSeen: string;
  count: number;
  tier: number;
  tierReason: string;
  cause: CauseSummary | null;
  status: IssueStatus;
  reproductionStatus: ReproductionStatus | null;
}

export interface IssueList {
  project: string;
  total: number;
  limit: number;
  offset: number;
  issues: IssueSummary[];
}

export interface PackageSummary {
  id: string;
  serviceVersion: string | null;
  capturedAt: string;
  tier: number | null;
}

export interface ReproductionRecord {
  id: string;
  issueId: string;
  packageId: string;
  status: ReproductionStatus;
  verdict: unknown;
  bundle: unknown;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface IssueDetail {
  project: string;
  issue: IssueSummary & { serviceVersions: { version: string; firstSeen: string }[] };
  packages: PackageSummary[];
  reproductions: ReproductionRecord[];
}

export interface IssueNote {
  id: string;
  kind: 'note' | 'status' | 'triage';
  text: string;
  author: string;
  createdAt: string;
}

export interface StoredPackage {
  project: string;
  id: string;
  issueId: string;
  triage: { tier: number; reason: string; cause: unknown } | null;
  package: unknown;
}

export interface RequestedReproduction {
  reproduction: ReproductionRecord;
  queued: boolean;
}

export interface TriageDecision {
  issue: { id: string; tier: number; tierReason: string };
  note: IssueNote;
  reproduction?: ReproductionRecord;
  queued?: boolean;
  escalation?: EscalationReason;
}

/** What placing a tracing action takes (the collector fills in the defaults). */
export interface TracingActionRequest {
  kind: 'snapshot' | 'log';
  service: string;
  file: string;
  line: number;
  condition?: string | undefined;
  template?: string | undefined;
  maxHits?: number | undefined;
  ttlSeconds?: number | undefined;
}

/** A tracing action as the collector shows it: where it is, and what the service said of it. */
export interface TracingActionView extends Omit<TracingAction, 'location'> {
  location: TracingAction['location'];
  live: boolean;
  removedAt: string | null;
  endedAt: string | null;
  status: { state: string; reason: string; instance: string | null; at: string };
  hitCount: number;
}

export interface TracingHitPage {
  hits: (TracingHit & { seq: number; instance: string })[];
  next: number;
}
