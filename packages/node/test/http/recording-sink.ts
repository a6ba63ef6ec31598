import type { Mechanism } from '@flashback/protocol/types';
import { vi } from 'vitest';
import { getRequestContext, type RequestContext } from '../../src/context/request-context.js';
import type { CaptureSink } from '../../src/integrations/types.js';

export interface CapturedError {
  error: unknown;
  mechanism: Mechanism;
  context: RequestContext | undefined;
}

export interface EndedRequest {
  context: RequestContext;
  status: number | undefined;
}

/** A sink that only records what integrations hand it. */
export class RecordingSink implements CaptureSink {
  readonly errors: CapturedError[] = [];
  readonly ended: EndedRequest[] = [];

  captureError(error: unknown, mechanism: Mechanism, context?: RequestContext): void {
    this.errors.push({ error, mechanism, context: context ?? getRequestContext() });
  }

  requestEnded(context: RequestContext, status: number | undefined): void {
    this.ended.push({ context, status });
  }

  /** The ended inbound requests whose url starts with `url`. */
  endedFor(url: string): EndedRequest[] {
    return this.ended.filter(
      ({ context }) => context.trigger.kind === 'http' && context.trigger.url.startsWith(url),
    );
  }

  /** Waits until the inbound request for `url` ended, and returns it. */
  async waitForEnd(url: string): Promise<EndedRequest> {
    return vi.waitFor(() => {
      const [ended] = this.endedFor(url);
      if (!ended) throw new Error(`no request for ${url} ended yet`);
      return ended;
    });
  }
}
