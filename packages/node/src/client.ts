import { createHmac, randomBytes } from 'node:crypto';
import type { ErrorPackage, Mechanism } from '@flashback/protocol/types';
import { buildPackage } from './capture/build-package.js';
import { type Environment, readEnvironment } from './capture/environment.js';
import type { LocalsLookup } from './capture/error-info.js';
import { SchemaRegistry } from './capture/schema-registry.js';
import { EndedContexts } from './context/ended-contexts.js';
import { getRequestContext, type RequestContext } from './context/request-context.js';
import { debug } from './debug-logger.js';
import { safeExecute } from './instrument/safe-execute.js';
import type { CaptureSink, Integration } from './integrations/types.js';
import type { ResolvedOptions } from './options.js';
import type { Transport } from './transport/types.js';

/** What the throw-site integration (local variables) knows about an error object. */
export interface ThrowSiteLookup {
  locals: LocalsLookup;
  context(error: unknown): RequestContext | undefined;
}

const NO_THROW_SITE: ThrowSiteLookup = { locals: () => undefined, context: () => undefined };

/** Errors captured during a request are packaged when it ends; this bounds the wait. */
const REQUEST_END_GRACE_MS = 10_000;

/** How long a request that ended without an error keeps its timeline (see EndedContexts). */
const ENDED_TIMELINE_KEPT_MS = 1_000;

/**
 * The capture pipeline: integrations report errors and request ends here; the client decides
 * what becomes a package, builds it, and hands it to the transport.
 */
export class FlashbackClient implements CaptureSink {
  readonly schemas = new SchemaRegistry();
  private environment: Environment | undefined;
  private readonly captured = new WeakSet<object>();
  private readonly tokenize: (value: string) => string;
  private readonly inFlight = new Set<Promise<void>>();
  private throwSite: ThrowSiteLookup = NO_THROW_SITE;
  private readonly ended = new EndedContexts(ENDED_TIMELINE_KEPT_MS);
  packagesSent = 0;

  constructor(
    readonly options: ResolvedOptions,
    private readonly transport: Transport | undefined,
    private readonly integrations: Integration[],
  ) {
    // Redaction tokens are keyed hashes; the key stays in this process.
    const key =
      options.redaction.secret ?? process.env.FLASHBACK_REDACTION_KEY ?? randomBytes(32).toString('hex');
    this.tokenize = (value) => createHmac('sha256', key).update(value).digest('hex');
  }

  setup(): void {
    for (const integration of this.integrations) {
      safeExecute(`setting up ${integration.name}`, () =>
        integration.setup({
          options: this.options,
          sink: this,
          schemas: this.schemas,
          tokenize: this.tokenize,
        }),
      );
    }
  }

  /** Waits for integrations that start asynchronously (see `Integration.ready`), at most `timeoutMs`. */
  async ready(timeoutMs: number): Promise<void> {
    const pending = this.integrations.map((i) => i.ready?.()).filter((p) => p !== undefined);
    // A referenced timer: the preload awaits this at top level, before the app has anything on
    // the event loop, and an unreferenced wait would end the process instead.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([Promise.allSettled(pending), timeout]);
    clearTimeout(timer);
  }

  /** Lets the local-variables integration supply locals and the context at the throw site. */
  setThrowSiteLookup(lookup: ThrowSiteLookup): void {
    this.throwSite = lookup;
  }

  captureError(error: unknown, mechanism: Mechanism, context?: RequestContext): void {
    safeExecute('capturing an error', () => {
      if (!this.claim(error)) return;
      const ctx = context ?? getRequestContext() ?? this.throwSite.context(error);
      if (ctx && !ctx.ended) {
        ctx.capturedErrors.push({ error, mechanism });
        // A request that never ends must not keep its error from being reported.
        setTimeout(() => this.flushRequest(ctx), REQUEST_END_GRACE_MS).unref();
        return;
      }
      this.track(this.packageAndSend(error, mechanism, ctx));
    });
  }

  requestEnded(context: RequestContext, status: number | undefined): void {
    safeExecute('finishing a request', () => {
      if (context.ended) return;
      context.ended = true;
      if (context.capturedErrors.length === 0 && status !== undefined && status >= 500) {
        const error = this.claimable(context.lastThrown) ?? serverErrorFor(context, status);
        context.capturedErrors.push({ error, mechanism: { kind: 'http-5xx', handled: true } });
      }
      if (context.capturedErrors.length === 0) this.ended.add(context);
      else this.flushRequest(context);
    });
  }

  /**
   * For a process about to die of an uncaught exception: builds and persists the package
   * synchronously, since no later tick will run.
   */
  captureFatal(error: unknown, mechanism: Mechanism): void {
    safeExecute('capturing a fatal error', () => {
      if (!this.transport || !this.claim(error)) return;
      const ctx = getRequestContext() ?? this.throwSite.context(error);
      const pkg = this.build(error, mechanism, ctx, ctx ? this.schemas.collectReady(ctx.timeline()) : []);
      if (pkg) this.transport.sendSync(pkg);
    });
  }

  async flush(timeoutMs = 2000): Promise<boolean> {
    await Promise.race([Promise.allSettled([...this.inFlight]), delay(timeoutMs)]);
    return this.transport ? this.transport.flush(timeoutMs) : true;
  }

  async close(timeoutMs = 2000): Promise<boolean> {
    const flushed = await this.flush(timeoutMs);
    this.ended.stop();
    for (const integration of this.integrations)
      safeExecute(`removing ${integration.name}`, () => integration.teardown?.());
    if (this.transport) await this.transport.close(timeoutMs);
    return flushed;
  }

  private flushRequest(context: RequestContext): void {
    for (const { error, mechanism } of context.capturedErrors.splice(0)) {
      this.track(this.packageAndSend(error, mechanism, context));
    }
  }

  /** The error, if it was not packaged yet (claiming it). */
  private claimable(error: object | undefined): object | undefined {
    return error && this.claim(error) ? error : undefined;
  }

  /** True the first time an error object is seen: a framework hook and a 5xx must not both report it. */
  private claim(error: unknown): boolean {
    if (this.options.sampleRate < 1 && Math.random() >= this.options.sampleRate) return false;
    if (typeof error !== 'object' || error === null) return true;
    if (this.captured.has(error)) return false;
    this.captured.add(error);
    return true;
  }

  private async packageAndSend(
    error: unknown,
    mechanism: Mechanism,
    context: RequestContext | undefined,
  ): Promise<void> {
    if (!this.transport) return;
    for (const integration of this.integrations)
      safeExecute(`telling ${integration.name} of a packaged error`, () => integration.errorPackaged?.());
    const schemas = context ? await this.schemas.collect(context.timeline()) : [];
    const pkg = this.build(error, mechanism, context, schemas);
    if (!pkg) return;
    this.transport.send(pkg);
    this.packagesSent++;
    debug.log(`captured ${pkg.error.type} as package ${pkg.id}`);
  }

  private build(
    error: unknown,
    mechanism: Mechanism,
    context: RequestContext | undefined,
    schemas: ErrorPackage['schemas'],
  ): ErrorPackage | undefined {
    return safeExecute('building a package', () => {
      this.environment ??= readEnvironment(this.options);
      return buildPackage({
        error,
        mechanism,
        context,
        environment: this.environment,
        schemas,
        lookupLocals: this.throwSite.locals,
        redaction: { tokenize: this.tokenize, config: this.options.redaction },
      });
    });
  }

  private track(promise: Promise<void>): void {
    const tracked = promise
      .catch((e: unknown) => debug.error('packaging failed', e))
      .finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }
}

/** Stands in for the error when a request answered 5xx and no exception was seen. */
export class HttpServerError extends Error {
  override name = 'HttpServerError';
}

/** Stands in for the error of a 5xx answered without any exception seen in the request. */
function serverErrorFor(context: RequestContext, status: number): HttpServerError {
  const trigger = context.trigger;
  const what = trigger.kind === 'http' ? `${trigger.method} ${trigger.route ?? trigger.url}` : trigger.name;
  const error = new HttpServerError(`${what} responded ${status}`);
  error.stack = `${error.name}: ${error.message}`;
  return error;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
