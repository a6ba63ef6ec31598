/**
 * The collector's answers as the tools read them: the shared records of
 * `@flashback/protocol/collector-api`, and the answers built from them. This package does not
 * depend on the server (the server depends on it, for its `/mcp` endpoint).
 */
import type {
  IssueNote,
  IssueSort,
  IssueStatus,
  PackageSummary,
  ReproductionRecord,
  ReproductionStatus,
  IssueList as SharedIssueList,
  IssueSummary as SharedIssueSummary,
  TracingActionView,
  TracingHitPage,
} from '@flashback/protocol/collector-api';

export type {
  IssueNote,
  IssueSort,
  IssueStatus,
  PackageSummary,
  ReproductionRecord,
  ReproductionStatus,
  TracingActionView,
  TracingHitPage,
};

export type EscalationReason =
  | 'outside-timeline'
  | 'reproduction-failed'
  | 'reproduction-errored'
  | 'no-app-spec';

/** A triage cause as the rules engine writes it (stored as JSON, so typed here by its reader). */
export interface CauseSummary {
  kind: string;
  summary: string;
  evidence?: number[];
  confidence?: number;
  [more: string]: unknown;
}

export type IssueSummary = Omit<SharedIssueSummary, 'cause'> & { cause: CauseSummary | null };

export type IssueList = Omit<SharedIssueList, 'issues'> & { issues: IssueSummary[] };

export interface IssueDetail {
  project: string;
  issue: IssueSummary & { serviceVersions: { version: string; firstSeen: string }[] };
  packages: PackageSummary[];
  reproductions: ReproductionRecord[];
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
