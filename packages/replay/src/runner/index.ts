export { type AddressMove, type PathMove, rewriteEnv } from './address-rewrite.js';
export { isReproError, ReproError, type ReproErrorCode } from './errors.js';
export type { AppSpec, OffRecordPolicy, ReproJob } from './job-types.js';
export type { ProgressEvent, ProgressStep } from './progress-line.js';
export { type RecordedEndpoints, recordedEndpoints } from './recorded-endpoints.js';
export { describeEvent, firstTimelineDivergence } from './timeline-diff.js';
export type * from './verdict-types.js';
export { VERDICT_FORMAT } from './verdict-types.js';
