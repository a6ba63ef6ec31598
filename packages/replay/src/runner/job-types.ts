/** The job the orchestrator hands to the runner inside the sandbox, as `job.json` in the work dir. */
import type { ErrorPackage } from '@flashback/protocol/types';
import type { Fixture } from '../fixtures/fixture-types.js';
import type { SandboxKind } from '../sandbox/sandbox-types.js';
import type { OffRecordHttpResponse } from '../stubs/stub-types.js';

export const JOB_FORMAT = 'flashback.repro-job/1';
export const JOB_FILE = 'job.json';
export const VERDICT_FILE = 'verdict.json';

/** How to start the app under reproduction. */
export interface AppSpec {
  /** Absolute directory the start command runs in. */
  dir: string;
  /** Shell command that starts the app (`sh -c`), e.g. `node src/server.js`. */
  start: string;
  /**
   * Port the app listens on (on 127.0.0.1). Default: `PORT` of the recorded configuration. When
   * given and the recorded configuration has a `PORT`, the app gets `PORT` set to it.
   */
  port?: number;
  /** Path polled with GET until it answers below 500; without it, until the port accepts connections. */
  readyPath?: string;
  /** Environment over the recorded configuration; recorded addresses in it are pointed at the stand-ins too. */
  env?: Record<string, string>;
}

/**
 * How calls the recording does not have are answered, for runs against changed code (a fix):
 * Redis commands as an empty server would, HTTP calls with the given answers. Default: refused.
 */
export interface OffRecordPolicy {
  redis?: 'refuse' | 'empty-server';
  http?: OffRecordHttpResponse[];
}

export interface ReproJob {
  format: typeof JOB_FORMAT;
  package: ErrorPackage;
  /** The database state to start from, inferred from the package (and editable as a document). */
  fixture: Fixture;
  app: AppSpec;
  sandbox: SandboxKind;
  /**
   * `recorded`: stubs and fixture servers listen on the recorded addresses (namespace sandbox,
   * where recorded host names resolve to loopback); `ephemeral`: free ports, and the app's
   * configuration is rewritten to point at them.
   */
  bind: 'recorded' | 'ephemeral';
  /** Absolute path of `@flashback/node/register`, preloaded into the app. */
  sdkRegister: string;
  /** Epoch ms when the orchestrator started the sandbox (for the sandbox-ready timing). */
  startedAt: number;
  /** Epoch ms by which the runner must have written its verdict. */
  deadline: number;
  /** How long the app may take to get ready, in ms. */
  readyTimeoutMs: number;
  /** Scale of recorded latencies for the stubs (1 = as recorded). */
  latencyScale?: number;
  /** A pristine PGlite cluster directory to start PostgreSQL fixtures from (see `pglite-template.ts`). */
  pgliteTemplate?: string;
  offRecord?: OffRecordPolicy;
}

/**
 * `runner-main.js --standby [<PGlite template>]`: load, start a database from the template, say so
 * on stderr, then read the job file's path from stdin (a microVM snapshots the runner there).
 */
export const STANDBY_FLAG = '--standby';
