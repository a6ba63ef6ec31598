import type { HttpEvent, RedisEvent } from '@flashback/protocol/types';
import type { RespValue } from './resp-codec.js';

/**
 * What the stubs will serve, derived from a package alone (pure, see `planStubs`): one HTTP(S)
 * endpoint per recorded origin and one Redis endpoint per recorded server, each with the recorded
 * exchanges in timeline order.
 */
export interface StubPlan {
  http: HttpStubPlan[];
  redis: RedisStubPlan[];
}

/** One recorded HTTP(S) origin and what was exchanged with it. */
export interface HttpStubPlan {
  /** `http://host:port` or `https://host:port` exactly as the app called it. */
  origin: string;
  protocol: 'http' | 'https';
  host: string;
  port: number;
  /** Recorded exchanges with this origin, in timeline order. */
  exchanges: HttpEvent[];
}

/** One database of one recorded Redis server and the commands sent to it. */
export interface RedisStubPlan {
  host: string;
  port: number;
  db: number;
  /** Recorded commands sent to this server, in timeline order. */
  commands: RedisEvent[];
}

/** A replayed call that did not match the recording at that point. */
export interface Divergence {
  kind: 'unexpected-call' | 'mismatch' | 'not-called';
  /** `http` or `redis`, and which endpoint. */
  service: string;
  /** The recorded event expected at this point, if any. */
  expectedSeq?: number;
  /** What the app asked, e.g. `POST /v1/charges` or `GET cart:42`. */
  asked?: string;
  /** What the recording had at that point. */
  expected?: string;
  message: string;
}

/** Where a running stub listens. */
export interface StubEndpoint {
  kind: 'http' | 'https' | 'redis';
  /** The recorded address the stub stands in for. */
  recorded: { host: string; port: number };
  /** Where it actually listens (the same as recorded when bound at recorded addresses). */
  listening: { host: string; port: number };
  /**
   * The socket address itself: 127.0.0.1 for a recorded host name bound at its recorded port
   * (the sandbox resolves the name there), otherwise the same as `listening`.
   */
  bound: { host: string; port: number };
  /**
   * Every recorded call to this origin was refused (ECONNREFUSED, or the name did not resolve):
   * nothing listens at `listening`, so connecting is refused again.
   */
  refusing?: boolean;
}

/** How `startStubs` binds and where it writes the CA. */
export interface StartStubsOptions {
  /**
   * `recorded`: listen on the recorded host ports (inside a namespace sandbox, where the
   * recorded host names resolve to loopback); `ephemeral`: free ports on 127.0.0.1, for the
   * process driver, which redirects the app by configuration instead.
   */
  bind: 'recorded' | 'ephemeral';
  /** Directory for the throwaway CA (HTTPS): `ca.pem` is written there for NODE_EXTRA_CA_CERTS. */
  workDir: string;
  /** Scale recorded latencies (1 = as recorded, 0 = no delay). Default 1. */
  latencyScale?: number;
  /** Answers for calls the recording does not have; without them such calls are refused. */
  offRecord?: OffRecordAnswers;
}

/**
 * An answer for an HTTP call the recording does not have: code that changed since the capture
 * (a fix that retries, refreshes a token, reads a fallback) takes paths nobody recorded, and only
 * the developer can say what the dependency answers there.
 */
export interface OffRecordHttpResponse {
  method: string;
  /** Path without the query, e.g. `/v1/charges`. */
  path: string;
  /**
   * Request headers the call must carry (names in lower case, values exact). An answer with this
   * condition goes before the recording: it describes a request the capture never saw (a fresh
   * token, say), which the recorded exchange of the same shape must not answer.
   */
  requestHeaders?: Record<string, string>;
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * How the stubs answer calls off the recording instead of refusing them. Every such call is still
 * reported as an `unexpected-call` divergence.
 */
export interface OffRecordAnswers {
  /** Matched by method, path and `requestHeaders`, for any origin; served as often as asked. */
  http?: readonly OffRecordHttpResponse[];
  /** The reply to a Redis command the recording lacks, from its words (command name upper-cased). */
  redis?: (words: string[]) => RespValue;
}

/** The started stubs of one replay. */
export interface RunningStubs {
  endpoints: StubEndpoint[];
  /** The CA certificate file apps must trust (NODE_EXTRA_CA_CERTS), when any HTTPS stub runs. */
  caCertFile: string | undefined;
  /** Divergences so far, including recorded calls never made once `close()` ran. */
  divergences(): Divergence[];
  close(): Promise<void>;
}
