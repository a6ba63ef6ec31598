import type { ErrorPackage } from '@flashback/protocol';
import type { TriageOutcome } from '../ingest/triage-contract.js';

/** A validated package ready to store, with the triage computed before the transaction. */
export interface PreparedPackage {
  pkg: ErrorPackage;
  /** The validated package as JSON text. */
  body: string;
  /** Triage against the fingerprints known when it ran; the transaction corrects it if stale. */
  triage: TriageOutcome;
}

/** The packages of one ingest request. */
export interface IngestBatch {
  projectId: string;
  packages: readonly PreparedPackage[];
}

/** A tier-3 reproduction recorded in the transaction, to be queued once it commits. */
export interface QueuedReproduction {
  reproductionId: string;
  issueId: string;
  packageId: string;
}

export interface IngestBatchResult {
  accepted: string[];
  duplicates: string[];
  /** Fingerprints of issues this batch created, per project, for the known-fingerprint cache. */
  createdFingerprints: string[];
  reproductions: QueuedReproduction[];
}

/** Re-runs triage for one package when the fingerprints it was judged against were stale. */
export type Retriage = (pkg: ErrorPackage, known: boolean, fingerprint: string) => TriageOutcome;

/** A package new to the store, with the issue and final triage it ends up with. */
export interface NewPackage {
  batch: number;
  projectId: string;
  item: PreparedPackage;
  capturedAt: string;
  triage: TriageOutcome;
  issueId?: string;
}

/** The new packages of one issue, in arrival order; the first founds the issue if it is new. */
export interface IssueGroup {
  projectId: string;
  fingerprint: string;
  members: NewPackage[];
}
