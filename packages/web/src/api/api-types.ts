/**
 * Shapes of the collector's read API (`packages/server/src/api`), as the UI reads them: the shared
 * records from `@flashback/protocol/collector-api`, and the answers built from them. Triage
 * causes, verdicts and bundles arrive as `unknown` and are read through the tolerant readers in
 * `format/`.
 */

import type {
  IssueDetail,
  IssueList,
  IssueNote,
  IssueSort,
  IssueStatus,
  PackageSummary,
  ReproductionRecord,
  ReproductionStatus,
  StoredTracingHit,
  TracingActionStatus,
  TracingActionView,
  TracingHitPage,
  Verification,
  VerificationOutcome,
} from '@flashback/protocol/collector-api';
import type { TracingActionKind } from '@flashback/protocol/tracing';
import type { ErrorPackage } from '@flashback/protocol/types';

export type {
  IssueList,
  IssueNote,
  IssueSort,
  IssueStatus,
  ReproductionRecord,
  ReproductionStatus,
  StoredTracingHit,
  TracingActionStatus,
  TracingActionView,
  TracingHitPage,
  Verification,
  VerificationOutcome,
};

export interface Project {
  name: string;
  createdAt: string;
}

export interface Triage {
  tier: number;
  reason: string;
  cause: unknown;
}

export interface IssueResponse {
  project: string;
  issue: IssueDetail;
  triage: Triage;
  packages: PackageSummary[];
  reproductions: ReproductionRecord[];
  /** Newest first. */
  verifications: Verification[];
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
