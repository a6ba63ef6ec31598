import { existsSync } from 'node:fs';
import path from 'node:path';
import type { RedactionConfig } from '@flashback/protocol/redaction';
import { debug } from './debug-logger.js';
import type { LocalsMode } from './integrations/local-variables/types.js';

/** Options of `init()`. Every one can also come from the environment (see README). */
export interface FlashbackOptions {
  /** Collector URL with project key: `http://<key>@host:4700/<project>`. Env: FLASHBACK_DSN. */
  dsn?: string;
  /** Write each package as `<id>.json` into this directory. Env: FLASHBACK_OUTPUT_DIR. */
  outputDir?: string;
  /** Where packages wait while the collector is unreachable. Env: FLASHBACK_SPOOL_DIR. */
  spoolDir?: string;
  /** Service name. Env: FLASHBACK_SERVICE; default: package.json name. */
  service?: string;
  /** Env: FLASHBACK_ENVIRONMENT; default: NODE_ENV or `production`. */
  environment?: string;
  /** Env: FLASHBACK_RELEASE; default: package.json version. */
  release?: string;
  /** Env: FLASHBACK_COMMIT; default: the git HEAD of the app, if any. */
  commit?: string;
  /**
   * Directory module paths are relative to and in-app frames live under. Env: FLASHBACK_APP_ROOT.
   * Default: the nearest directory holding a package.json above the entry script, else cwd.
   */
  appRoot?: string;
  /** Fraction of failures packaged, 0..1. Env: FLASHBACK_SAMPLE_RATE. */
  sampleRate?: number;
  /** Bytes kept of each request or response body. Env: FLASHBACK_MAX_BODY_BYTES. */
  maxBodyBytes?: number;
  /** Rows kept of each query result. Env: FLASHBACK_MAX_ROWS. */
  maxRows?: number;
  /** Timeline events kept per request. */
  maxTimelineEvents?: number;
  /**
   * Capture local variables at the throw site: `true`/`'always'` (default), `'after-error'` (from
   * the first packaged error on, for a while: recurrences carry locals, a healthy service pays
   * nothing), `false`/`'off'`. Env: FLASHBACK_LOCALS=always|after-error|0.
   */
  captureLocals?: boolean | LocalsMode;
  /** Redaction settings: extra keys, headers, patterns, allowlist, and the hashing key. */
  redaction?: RedactionConfig & { secret?: string };
  /**
   * Environment variable names included in packages (values are redacted by key and pattern
   * rules). Env: FLASHBACK_ENV_ALLOWLIST=NAME,NAME adds to the defaults. Reproduction starts the
   * app with these, so list the configuration that points at dependencies.
   */
  envAllowlist?: string[];
  /**
   * Integrations left out, by name (`http-server`, `http-client`, `pg`, `better-sqlite3`,
   * `ioredis`, `redis`, `aws-s3`, `express`, `fastify`, `local-variables`, `tracing`): their
   * library runs unobserved. Env: FLASHBACK_DISABLED_INTEGRATIONS=pg,ioredis.
   */
  disabledIntegrations?: string[];
  /** Log what the SDK does to stderr. Env: FLASHBACK_DEBUG=1. */
  debug?: boolean;
}

export interface ResolvedOptions {
  dsn: URL | undefined;
  outputDir: string | undefined;
  spoolDir: string | undefined;
  service: string | undefined;
  environment: string;
  release: string | undefined;
  commit: string | undefined;
  appRoot: string;
  sampleRate: number;
  maxBodyBytes: number;
  maxRows: number;
  maxTimelineEvents: number;
  captureLocals: LocalsMode;
  redaction: RedactionConfig & { secret?: string };
  envAllowlist: string[];
  disabledIntegrations: string[];
  debug: boolean;
}

export const DEFAULT_ENV_ALLOWLIST = [
  'NODE_ENV',
  'NODE_OPTIONS',
  'TZ',
  'LANG',
  'PORT',
  'HOSTNAME',
  'DATABASE_URL',
  'REDIS_URL',
  'AWS_REGION',
];

/**
 * Merges options with the environment. Nonsense values never throw: each is reported through the
 * debug logger, naming the option and what was expected, and the default is used instead.
 */
export function resolveOptions(
  options: FlashbackOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): ResolvedOptions {
  const debugOn = debugRequested(options, env);
  return {
    dsn: parseDsn(options.dsn ?? env.FLASHBACK_DSN),
    outputDir: nonEmpty(options.outputDir ?? env.FLASHBACK_OUTPUT_DIR),
    spoolDir: nonEmpty(options.spoolDir ?? env.FLASHBACK_SPOOL_DIR),
    service: nonEmpty(options.service ?? env.FLASHBACK_SERVICE),
    environment: nonEmpty(options.environment ?? env.FLASHBACK_ENVIRONMENT ?? env.NODE_ENV) ?? 'production',
    release: nonEmpty(options.release ?? env.FLASHBACK_RELEASE),
    commit: nonEmpty(options.commit ?? env.FLASHBACK_COMMIT),
    appRoot: nonEmpty(options.appRoot ?? env.FLASHBACK_APP_ROOT) ?? findAppRoot(),
    sampleRate: number('sampleRate', options.sampleRate ?? env.FLASHBACK_SAMPLE_RATE, 1, 0, 1),
    maxBodyBytes: number(
      'maxBodyBytes',
      options.maxBodyBytes ?? env.FLASHBACK_MAX_BODY_BYTES,
      64 * 1024,
      0,
      16 << 20,
    ),
    maxRows: number('maxRows', options.maxRows ?? env.FLASHBACK_MAX_ROWS, 200, 0, 100_000),
    maxTimelineEvents: number('maxTimelineEvents', options.maxTimelineEvents, 1000, 1, 100_000),
    captureLocals: localsMode(options.captureLocals ?? env.FLASHBACK_LOCALS),
    redaction: options.redaction ?? {},
    envAllowlist: options.envAllowlist ?? [...DEFAULT_ENV_ALLOWLIST, ...list(env.FLASHBACK_ENV_ALLOWLIST)],
    disabledIntegrations: options.disabledIntegrations ?? list(env.FLASHBACK_DISABLED_INTEGRATIONS),
    debug: debugOn,
  };
}

/** Whether debug output is on; known before the other options, so their warnings can be shown. */
export function debugRequested(
  options: FlashbackOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  return options.debug ?? isTruthy(env.FLASHBACK_DEBUG);
}

function parseDsn(value: string | undefined): URL | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new Error('protocol must be http or https');
    if (!url.username) throw new Error('the project key is missing (http://<key>@host:port/<project>)');
    return url;
  } catch (error) {
    debug.warn(
      `ignoring FLASHBACK_DSN ${JSON.stringify(redactDsn(value))}: ${(error as Error).message}; expected http://<key>@host:port/<project>`,
    );
    return undefined;
  }
}

function redactDsn(value: string): string {
  return value.replace(/\/\/[^@/]*@/, '//***@');
}

function number(name: string, raw: unknown, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = typeof raw === 'number' ? raw : Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    debug.warn(
      `ignoring ${name}=${JSON.stringify(raw)}: expected a number from ${min} to ${max}; using ${fallback}`,
    );
    return fallback;
  }
  return value;
}

const LOCALS_MODES: Record<string, LocalsMode> = {
  always: 'always',
  'after-error': 'after-error',
  off: 'off',
  '1': 'always',
  true: 'always',
  yes: 'always',
  on: 'always',
  '0': 'off',
  false: 'off',
  no: 'off',
};

function localsMode(raw: boolean | string | undefined): LocalsMode {
  if (raw === undefined || raw === '') return 'always';
  if (typeof raw === 'boolean') return raw ? 'always' : 'off';
  const mode = LOCALS_MODES[raw.trim().toLowerCase()];
  if (mode) return mode;
  debug.warn(
    `ignoring captureLocals=${JSON.stringify(raw)}: expected always, after-error or 0; using always`,
  );
  return 'always';
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() !== '' ? value : undefined;
}

function isTruthy(value: string | undefined): boolean {
  return value !== undefined && ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());
}

/** The app's own package: the first directory with a package.json above the entry script. */
function findAppRoot(): string {
  const entry = process.argv[1];
  if (entry && path.isAbsolute(entry)) {
    for (let dir = path.dirname(entry); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
      if (dir.split(path.sep).includes('node_modules')) break;
      if (existsSync(path.join(dir, 'package.json'))) return dir;
    }
  }
  return process.cwd();
}
