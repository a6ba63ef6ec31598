export { fingerprint, fingerprintError, normalizeMessage } from './fingerprint.js';
export {
  createRedactor,
  DEFAULT_REDACTION_RULES,
  type RedactionConfig,
  type Redactor,
  redactPackage,
  type Tokenizer,
} from './redaction/index.js';
export { ErrorPackageSchema, PACKAGE_FORMAT, TimelineEventSchema, TriggerSchema } from './schema.js';
export type * from './types.js';
export { formatJsonPath, type ValidationIssue, type ValidationResult, validatePackage } from './validate.js';
export { DEFAULT_VALUE_LIMITS, decodeValue, encodeValue, isTagged, type ValueLimits } from './values.js';
