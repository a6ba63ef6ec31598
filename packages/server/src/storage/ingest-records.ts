import type { ErrorPackage } from '@flashback/protocol';
import type { TriageOutcome, TriagePair } from '../ingest/triage-contract.js';

/** What storage needs to know of a package besides its JSON. */
export interface PackageMeta {
  id: string;
  /** ISO 8601 UTC, normalised so that it sorts as text. */
  capturedAt: string;
  serviceName: string;
  serviceVersion: string | null;
  errorType: string;
  /** `Type: first line of the message`, capped, for issue lists. */
  title: string;
}

/** A validated, triaged package ready to store. */
export interface PreparedPackage {
  meta: PackageMeta;
  /** The package as JSON text. */
  body: string;
  triage: TriagePair;
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
  /** Fingerprints of the issues this batch created. */
  createdFingerprints: string[];
  reproductions: QueuedReproduction[];
}

/** A package new to the store, with the issue and the triage it ends up with. */
export interface NewPackage {
  batch: number;
  projectId: string;
  item: PreparedPackage;
  /** Set once the upsert said whether its issue was new and it founded it. */
  triage?: TriageOutcome;
  issueId?: string;
}

/** The new packages of one issue, in arrival order; the first founds the issue if it is new. */
export interface IssueGroup {
  projectId: string;
  fingerprint: string;
  members: NewPackage[];
}

/** The fields storage keeps beside the JSON, taken from a validated package. */
export function packageMeta(pkg: ErrorPackage): PackageMeta {
  const firstLine = pkg.error.message.split('\n', 1)[0] ?? '';
  const title = firstLine ? `${pkg.error.type}: ${firstLine}` : pkg.error.type;
  return {
    id: pkg.id,
    capturedAt: new Date(pkg.capturedAt).toISOString(),
    serviceName: pkg.service.name,
    serviceVersion: pkg.service.version ?? null,
    errorType: pkg.error.type,
    title: title.length > 200 ? `${title.slice(0, 199)}…` : title,
  };
}
