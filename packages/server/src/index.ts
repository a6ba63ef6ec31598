export { MAX_HITS_POLL_SECONDS } from './api/tracing-action-routes.js';
export { MAX_ACTION_POLL_SECONDS } from './api/tracing-sdk-routes.js';
export type { AdminStorageOptions } from './app/admin-storage.js';
export { buildApp } from './app/build-app.js';
export type { ErrorReplyBody } from './app/error-handler.js';
export { ERROR_STATUS } from './app/error-status.js';
export {
  type CreatedProject,
  createProject,
  createReadToken,
  type ProjectAdminOptions,
  rotateIngestKey,
} from './app/project-admin.js';
export { type ErrorDetail, isServerError, ServerError, type ServerErrorCode } from './app/server-errors.js';
export {
  addEscalationWebhook,
  addService,
  deleteService,
  deleteWebhook,
  getServices,
  getWebhooks,
} from './app/service-admin.js';
export { ensureUiToken } from './app/ui-token.js';
export { type DatabaseTarget, parseDatabaseTarget } from './config/database-url.js';
export {
  type BuildAppOptions,
  DEFAULT_DATA_DIR,
  DEFAULT_HOST,
  DEFAULT_LIMITS,
  DEFAULT_PORT,
  type IngestLimits,
  type SqliteSynchronous,
} from './config/server-options.js';
export type { IngestReply } from './ingest/ingest-service.js';
export type { RejectedPackage } from './ingest/parse-batch.js';
export type { Tier, TriageContext, TriageOutcome, TriagePackage } from './ingest/triage-contract.js';
export {
  ESCALATED_EVENT,
  type EscalationPayload,
  SIGNATURE_HEADER,
} from './notify/escalation-webhook.js';
export { issueLinks } from './notify/issue-links.js';
export { createReplayWorker, type ReplayWorkerOptions } from './orchestrator/replay-worker.js';
export { REPRO_BUNDLE_FORMAT, type ReproBundle } from './orchestrator/repro-bundle.js';
export { createReproductionQueue } from './queue/create-queue.js';
export { MemoryQueue } from './queue/memory-queue.js';
export { PgBossQueue, REPRODUCTION_QUEUE_NAME } from './queue/pg-boss-queue.js';
export type { EnqueueOptions, ReproductionJob, ReproductionQueue } from './queue/reproduction-queue.js';
export {
  createReproductionJobHandler,
  type ReproductionOutcome,
  type ReproductionRequest,
  type ReproductionWorker,
} from './queue/reproduction-worker.js';
export { type RunningServer, type StartServerOptions, startServer } from './start.js';
export type { Database, IssueStatus, ReproductionStatus } from './storage/database-types.js';
export {
  getIssue,
  type IssueDetail,
  type IssueFilter,
  type IssueSummary,
  listIssues,
} from './storage/issue-store.js';
export { type OpenStorageOptions, openStorage, type Storage } from './storage/open-storage.js';
export {
  countPackages,
  getPackage,
  type PackageSummary,
  type StoredPackage,
} from './storage/package-store.js';
export { listReproductions, type ReproductionRecord } from './storage/reproduction-store.js';
export type { ServiceAppSpec } from './storage/service-store.js';
export {
  findTracingAction,
  insertTracingAction,
  listLiveTracingActions,
  listTracingActions,
  type NewTracingAction,
  readActionSetVersion,
  removeTracingAction,
  type ServiceKey,
  type TracingActionRecord,
} from './storage/tracing-action-store.js';
export {
  listTracingHits,
  type RecordedHits,
  recordTracingHits,
  type StoredTracingHit,
} from './storage/tracing-hit-store.js';
export type { TracingActionStatus } from './storage/tracing-tables.js';
export { addWebhook, listWebhooks, removeWebhook, type WebhookConfig } from './storage/webhook-store.js';
export {
  type PlaceTracingActionRequest,
  parsePlaceRequest,
  TRACING_LIMITS,
} from './tracing/action-request.js';
export { MAX_HITS_PER_BATCH, parseHitBatch, type RejectedHit } from './tracing/hit-batch.js';
export {
  type TracingHitsPage,
  TracingService,
  type TracingServiceOptions,
} from './tracing/tracing-service.js';
export { type Cause, type TriageResult, triagePackage } from './triage/index.js';
