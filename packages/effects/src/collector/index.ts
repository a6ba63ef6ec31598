export { buildErrorPackage, type ErrorPackageOptions } from './error-package.js';
export { type IngestRequest, ingestRequest } from './ingest-request.js';
export {
  type CollectorReply,
  type FailureReporter,
  type FailureReporterOptions,
  reportFailures,
  sendErrorPackage,
} from './report-failures.js';
export { timelineOf } from './timeline-events.js';
