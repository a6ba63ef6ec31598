/**
 * The collector's read API as it answers (`packages/server/src/api`): issues, their packages,
 * reproductions, verifications and notes. Types only, shared by the server that builds these
 * answers and the clients that read them (the MCP tools, the web UI). Triage causes, verdicts and
 * bundles are stored as JSON whatever their shape, so they travel as `unknown`.
 */
import type { TracingAction, TracingActionState, TracingHit } from './tracing/index.js';

export type IssueStatus = 'open' | 'resolved' | 'ignored';
export type ReproductionStatus = 'queued' | 'running' | 'reproduced' | 'not_reproduced' | 'failed';
export type IssueSort = 'last_seen' | 'first_seen' | 'count';
/** A free note, or the reason recorded with a status change or a triage decision. */
export type IssueNoteKind = 'note' | 'status' | 'triage';
export type VerificationOutcome = 'fixed' | 'still-failing' | 'different-error';

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
  /** Status of the latest reproduction, if one was queued. */
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

export interface IssueNote {
  id: string;
  issueId: string;
  kind: IssueNoteKind;
  text: string;
  /** Who wrote it, as they named themselves: a person, or an agent such as `mcp`. */
  author: string;
  createdAt: string;
}

/** `pending` until a process of the service reports on the action. */
export type TracingActionStatus = 'pending' | TracingActionState;

/** A tracing action as the collector lists it: what the SDK gets, plus where it stands. */
export interface TracingActionView extends TracingAction {
  /** In its service's set: not removed, not expired, its hit limit not reached. */
  live: boolean;
  removedAt: string | null;
  endedAt: string | null;
  status: {
    state: TracingActionStatus;
    reason: string;
    /** The process that reported it, `<hostname>:<pid>`; null when the collector decided. */
    instance: string | null;
    at: string;
  };
  /** Snapshot and log hits stored. */
  hitCount: number;
}

/** A stored hit: what the SDK sent, which process sent it (`host:pid`), and its place in the sequence. */
export type StoredTracingHit = TracingHit & { seq: number; instance: string };

/** A page of an action's hits; `next` is the cursor for the following read. */
export interface TracingHitPage {
  hits: StoredTracingHit[];
  next: number;
}
