export { isCardNumber, passesLuhn } from './luhn.js';
export { type RedactPackageOptions, redactPackage } from './redact-package.js';
export { createRedactor } from './redactor.js';
export {
  DEFAULT_REDACTION_RULES,
  type HeaderRule,
  type KeyRule,
  type PatternRule,
  type RedactionRules,
} from './rules.js';
export { createHmacTokenizer, isRedactionToken } from './token.js';
export type { Headers, RedactionConfig, Redactor, Tokenizer } from './types.js';
