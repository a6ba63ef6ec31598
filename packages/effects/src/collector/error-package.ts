/**
 * The error package of a failed execution: a `job` trigger carrying the program's input, the
 * effect trace as the timeline, and the failure as the error. Redacted with the protocol's rules,
 * then fingerprinted, like a package from the capture SDK, so triage treats it the same way.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { fingerprint } from '@flashback/protocol/fingerprint';
import { PACKAGE_FORMAT } from '@flashback/protocol/format';
import { type RedactionConfig, redactPackage } from '@flashback/protocol/redaction';
import type { ErrorInfo, ErrorPackage } from '@flashback/protocol/types';
import type { EffectTrace, TraceError } from '../trace/trace-format.js';
import { parseStack } from './stack-frames.js';
import { timelineOf } from './timeline-events.js';

export interface ErrorPackageOptions {
  /** HMAC key for redaction tokens; equal secrets get equal tokens under one key. Default: random. */
  redactionKey?: string;
  redaction?: RedactionConfig;
  /** Environment variables to include (already safe to share). */
  env?: Record<string, string>;
}

/** Returns undefined for a trace whose execution succeeded: there is no error to package. */
export function buildErrorPackage(
  trace: EffectTrace,
  options: ErrorPackageOptions = {},
): ErrorPackage | undefined {
  if (trace.outcome.status !== 'failure') return undefined;
  const { runtime } = trace;
  const raw: ErrorPackage = {
    format: PACKAGE_FORMAT,
    id: trace.id,
    capturedAt: new Date(Date.parse(trace.startedAt) + trace.durationMs).toISOString(),
    sdk: { name: trace.recordedBy.name, version: trace.recordedBy.version },
    service: trace.service ?? { name: trace.program.name },
    runtime: {
      nodeVersion: runtime.nodeVersion,
      platform: runtime.platform,
      arch: runtime.arch,
      hostname: runtime.hostname,
      pid: runtime.pid,
      appRoot: runtime.appRoot,
      env: options.env ?? {},
      dependencies: {},
    },
    mechanism: { kind: 'captureException', handled: true, framework: '@flashback/effects' },
    trigger: { kind: 'job', name: trace.program.name, payload: trace.input, startedAt: trace.startedAt },
    error: errorInfo(trace.outcome.error, runtime.appRoot),
    timeline: timelineOf(trace),
    schemas: [],
    fingerprint: '',
    redactions: [],
  };
  const key = options.redactionKey ?? randomBytes(32).toString('hex');
  const redacted = redactPackage(raw, {
    tokenize: (secret) => createHmac('sha256', key).update(secret).digest('hex'),
    ...(options.redaction ? { config: options.redaction } : {}),
  });
  redacted.fingerprint = fingerprint(redacted);
  return redacted;
}

function errorInfo(error: TraceError, appRoot: string): ErrorInfo {
  const info: ErrorInfo = {
    type: error.type,
    message: error.message,
    stack: error.stack,
    frames: parseStack(error.stack, appRoot),
  };
  if (error.code !== undefined) info.code = error.code;
  if (error.stack === undefined) delete info.stack;
  return info;
}
