/**
 * Shapes of the collector's read API (`packages/server/src/api`), as the UI reads them. Triage
 * causes, verdicts and bundles are stored as JSON whatever their shape, so they arrive as `unknown`
 * and are read through the tolerant readers in `format/`.
 */
import type { TracingActionKind, TracingActionState, TracingHit } from '@flashback/protocol/tracing';
import type { ErrorPackage } from '@flashback/protocol/types';

export type IssueStatus = 'open' | 'resolved' | 'ignored';
export type ReproductionStatus = 'queued' | 'running' | 'reproduced' | 'not_reproduced' | 'failed';
export type IssueSort = 'last_seen' | 'first_seen' | 'count';

export interface Project {
  name: string;
  createdAt: string;
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
  cause: unknown;
  status: IssueStatus;
  reproductionStatus: ReproductionStatus | null;
}

export interface IssueDetail extends IssueSummary {
  serviceVersions: { version: string; firstSeen: string }[];
}

export interface IssueList {
  project: string;
  total: number;
  limit: number;
  offset: number;
  issues: IssueSummary[];
}

export interface Triage {
  tier: number;
  reason: string;
  cause: unknown;
}

export interface PackageSummary {
  id: string;
  issueId: string;
  serviceName: string;
  serviceVersion: string | null;
  errorType: string;
  capturedAt: string;
  receivedAt: string;
  tier: number | null;
}

export interface Reproduction {
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

export type VerificationOutcome = 'fixed' | 'still-failing' | 'different-error';

/** What `flashback verify` concluded when it re-ran the reproduction against newer code. */
export interface Verification {
  id: string;
  issueId: string;
  packageId: string | null;
  outcome: VerificationOutcome;
  summary: string;
  /** The app's code that was verified, e.g. a git commit. */
  appRevision: string | null;
  verdict: unknown;
  createdAt: string;
}

export interface IssueResponse {
  project: string;
  issue: IssueDetail;
  triage: Triage;
  packages: PackageSummary[];
  reproductions: Reproduction[];
  /** Newest first. */
  verifications: Verification[];
}

/** A free note, or the reason kept with a status change or a triage decision. */
export interface IssueNote {
  id: string;
  issueId: string;
  kind: 'note' | 'status' | 'triage';
  text: string;
  author: string;
  createdAt: string;
}

export interface PackageResponse extends PackageSummary {
  project: string;
  triage: (Triage & { fingerprint: string; createdAt: string }) | null;
  package: ErrorPackage;
}

export interface IssueQuery {
  tier?: number;
  status?: IssueStatus;
  q?: string;
  sort?: IssueSort;
  offset?: number;
}

/** The body of `POST …/tracing/actions`: the collector applies the defaults and names a bad field. */
export interface PlaceTracingAction {
  kind: TracingActionKind;
  service: string;
  file: string;
  line: number;
  condition?: string;
  template?: string;
  stdout?: boolean;
  maxHits?: number;
  ttlSeconds?: number;
}

export type TracingActionStatus = 'pending' | TracingActionState;

/** A tracing action as the collector lists it: what the SDK gets, plus where it stands. */
export interface TracingActionView {
  id: string;
  kind: TracingActionKind;
  service: string;
  location: { file: string; line: number };
  condition?: string;
  template?: string;
  stdout?: boolean;
  maxHits: number;
  expiresAt: string;
  createdAt: string;
  /** In its service's set: not removed, not expired, its hit limit not reached. */
  live: boolean;
  removedAt: string | null;
  endedAt: string | null;
  status: { state: TracingActionStatus; reason: string; instance: string | null; at: string };
  hitCount: number;
}

/** A hit as stored: `seq` orders the hits of an action, `instance` is the process (`host:pid`). */
export type StoredHit = TracingHit & { seq: number; instance: string };

export interface ActionHits {
  hits: StoredHit[];
  /** The cursor for the next read. */
  next: number;
}
