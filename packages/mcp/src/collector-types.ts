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
