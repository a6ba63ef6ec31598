import { randomUUID } from 'node:crypto';
import { fingerprint } from '@flashback/protocol/fingerprint';
import { PACKAGE_FORMAT } from '@flashback/protocol/format';
import type { RedactionConfig, Tokenizer } from '@flashback/protocol/redaction';
import { redactPackage } from '@flashback/protocol/redaction';
import type { DatabaseSchema, ErrorPackage, Mechanism } from '@flashback/protocol/types';
import type { RequestContext } from '../context/request-context.js';
import { SDK_NAME, SDK_VERSION } from '../sdk-info.js';
import type { Environment } from './environment.js';
import { describeError, type LocalsLookup } from './error-info.js';

export interface PackageInput {
  error: unknown;
  mechanism: Mechanism;
  context: RequestContext | undefined;
  environment: Environment;
  schemas: DatabaseSchema[];
  lookupLocals: LocalsLookup;
  redaction: { tokenize: Tokenizer; config: RedactionConfig };
}

/**
 * Assembles one error package: trigger, timeline, error with locals, environment; then redacts
 * it and computes the fingerprint over the redacted content (so the collector, recomputing it
 * from what it stores, gets the same value). Synchronous, so a dying process can use it.
 */
export function buildPackage(input: PackageInput): ErrorPackage {
  const { context, environment } = input;
  const raw: ErrorPackage = {
    format: PACKAGE_FORMAT,
    id: randomUUID(),
    capturedAt: new Date().toISOString(),
    sdk: { name: SDK_NAME, version: SDK_VERSION },
    service: environment.service,
    runtime: environment.runtime,
    mechanism: input.mechanism,
    trigger: context ? structuredClone(context.trigger) : null,
    error: describeError(input.error, environment.runtime.appRoot, input.lookupLocals),
    timeline: context ? context.timeline() : [],
    schemas: input.schemas,
    fingerprint: '',
    redactions: [],
  };
  if (context && context.droppedEvents > 0) raw.dropped = { timelineEvents: context.droppedEvents };
  const redacted = redactPackage(raw, { tokenize: input.redaction.tokenize, config: input.redaction.config });
  redacted.fingerprint = fingerprint(redacted);
  return redacted;
}
