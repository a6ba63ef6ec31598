/**
 * Sends the error package of every failed execution to a collector. Delivery runs in the
 * background; `flush()` waits for it (before a process exits, or in a test).
 */
import type { ErrorPackage } from '@flashback/protocol/types';
import type { Execution } from '../runtime/execution.js';
import { toTrace } from '../trace/build-trace.js';
import { buildErrorPackage, type ErrorPackageOptions } from './error-package.js';
import { ingestRequest } from './ingest-request.js';

export interface CollectorReply {
  status: number;
  body: string;
}

/** POSTs one package; resolves with the collector's reply, rejects on a network failure. */
export async function sendErrorPackage(dsn: string, pkg: ErrorPackage): Promise<CollectorReply> {
  const request = ingestRequest(dsn, [pkg]);
  const response = await fetch(request.url, {
    method: 'POST',
    headers: request.headers,
    body: request.body,
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, body: await response.text() };
}

export interface FailureReporter {
  /** Pass as `createRuntime({ onExecution })`. */
  onExecution(execution: Execution<unknown>): void;
  /** Waits for the deliveries under way; resolves with the replies. */
  flush(): Promise<CollectorReply[]>;
}

export interface FailureReporterOptions extends ErrorPackageOptions {
  dsn: string;
  /** Told about deliveries that failed; default: ignore (the service must not suffer from them). */
  onError?: (error: unknown) => void;
}

export function reportFailures(options: FailureReporterOptions): FailureReporter {
  let pending: Promise<CollectorReply | undefined>[] = [];
  return {
    onExecution(execution) {
      if (execution.outcome.ok) return;
      const delivery = Promise.resolve()
        .then(() => buildErrorPackage(toTrace(execution), options))
        .then((pkg) => (pkg ? sendErrorPackage(options.dsn, pkg) : undefined))
        .catch((error: unknown) => {
          options.onError?.(error);
          return undefined;
        });
      pending.push(delivery);
    },
    async flush() {
      const current = pending;
      pending = [];
      const replies = await Promise.all(current);
      return replies.filter((reply): reply is CollectorReply => reply !== undefined);
    },
  };
}
