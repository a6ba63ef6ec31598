/**
 * The replayed app's environment: the recorded configuration (pointed at the stand-ins), then the
 * app spec's own variables, then what replay mode needs (the SDK preloaded, writing packages
 * into the work dir, the clock pinned to when the recorded request arrived, locals not captured).
 */
import { type AddressMove, type PathMove, rewriteEnv } from './address-rewrite.js';

export interface AppEnvInput {
  /** `runtime.env` of the package. */
  recorded: Record<string, string>;
  /**
   * The app spec's variables, over the recorded ones; addresses in them are rewritten the same
   * way, so a user can pass recorded configuration the package lacks as it was.
   */
  spec?: Record<string, string>;
  /** From the runner's own environment: PATH, HOME and the like, lowest precedence. */
  base: Record<string, string>;
  moves: readonly AddressMove[];
  paths: readonly PathMove[];
  /** The port the app is to listen on: replaces a recorded `PORT` unless the spec sets `PORT` itself. */
  port?: number;
  outputDir: string;
  sdkRegister: string;
  /** `trigger.startedAt`. */
  clock: string;
  /** The stubs' CA, when HTTPS stubs run. */
  caCertFile?: string;
}

export interface AppEnv {
  env: Record<string, string>;
  /** Recorded variables pointed at a stand-in. */
  rewritten: string[];
}

// The replayed app must never report to the production collector or spool for it.
const DROPPED = new Set(['FLASHBACK_DSN', 'FLASHBACK_SPOOL_DIR']);

/** Pure. */
export function buildAppEnv(input: AppEnvInput): AppEnv {
  const recorded = Object.fromEntries(Object.entries(input.recorded).filter(([name]) => !DROPPED.has(name)));
  const pointed = rewriteEnv(recorded, input.moves, input.paths);
  const spec = rewriteEnv(input.spec ?? {}, input.moves, input.paths);
  const env: Record<string, string> = { ...input.base, ...pointed.env };
  if (input.port !== undefined && 'PORT' in env) env.PORT = String(input.port);
  Object.assign(env, spec.env);
  env.NODE_OPTIONS = [`--import ${input.sdkRegister}`, withoutSdkPreload(env.NODE_OPTIONS ?? '')]
    .filter((part) => part !== '')
    .join(' ');
  env.FLASHBACK_OUTPUT_DIR = input.outputDir;
  env.FLASHBACK_REPLAY_CLOCK = input.clock;
  // A verdict compares fingerprints and timelines, never locals; their capture would only slow
  // the replayed app (with the debugger on, every await takes V8's slow path).
  env.FLASHBACK_LOCALS = '0';
  if (input.caCertFile !== undefined) env.NODE_EXTRA_CA_CERTS = input.caCertFile;
  return { env, rewritten: [...new Set([...pointed.changed, ...spec.changed])] };
}

/** Recorded NODE_OPTIONS may preload the SDK by package name; the replay preloads it by path. */
function withoutSdkPreload(options: string): string {
  return options
    .replace(/--(?:import|require|r)(?:=|\s+)\S*@flashback\/node\S*/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
