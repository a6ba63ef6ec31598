import type { Mechanism } from '@flashback/protocol/types';
import type { SchemaRegistry } from '../capture/schema-registry.js';
import type { RequestContext } from '../context/request-context.js';
import type { ResolvedOptions } from '../options.js';

/** Where integrations hand over what they saw; implemented by the client. */
export interface CaptureSink {
  /** An error worth packaging. `context` defaults to the request the caller runs in. */
  captureError(error: unknown, mechanism: Mechanism, context?: RequestContext): void;
  /** The inbound request finished (or its connection closed) with this status. */
  requestEnded(context: RequestContext, status: number | undefined): void;
}

export interface IntegrationSetup {
  options: ResolvedOptions;
  sink: CaptureSink;
  schemas: SchemaRegistry;
  /** The keyed hash redaction tokens are made with, shared by everything this client redacts. */
  tokenize: (value: string) => string;
}

/** One instrumented library or runtime feature. `setup` must never throw into the host. */
export interface Integration {
  name: string;
  setup(setup: IntegrationSetup): void;
  teardown?(): void;
  /** Told each time the client packages an error (local variables arm themselves on it). */
  errorPackaged?(): void;
  /** For integrations that start asynchronously: resolves when live (or when they gave up). */
  ready?(): Promise<unknown>;
}
