/**
 * The replay's stand-ins for HTTP(S), S3 and Redis: the stubs planned from the package, an empty
 * Redis stub for each Redis server known only from the configuration, and a startup front before
 * every Redis stub (see `RedisStartupFront`) that `arm()` switches over to the recording.
 */
import type { ErrorPackage } from '@flashback/protocol/types';
import { planStubs, startStubs } from '../stubs/index.js';
import type {
  Divergence,
  OffRecordAnswers,
  RunningStubs,
  StubEndpoint,
  StubPlan,
} from '../stubs/stub-types.js';
import type { AddressMove } from './address-rewrite.js';
import { ReproError } from './errors.js';
import type { OffRecordPolicy } from './job-types.js';
import type { RecordedEndpoints } from './recorded-endpoints.js';
import { RedisStartupFront } from './redis-startup-front.js';
import { startupReply } from './redis-startup-replies.js';

export interface StubSetup {
  /** Where the app reaches each dependency. */
  endpoints: StubEndpoint[];
  caCertFile: string | undefined;
  /** Dependencies the app reaches somewhere else than at their recorded address. */
  moves: AddressMove[];
  /** Ends the startup phase: from now on the recording answers. */
  arm(): void;
  /** Redis commands answered during startup (never recorded, so not replayed). */
  startupCommands(): string[];
  divergences(): Divergence[];
  close(): Promise<void>;
}

export interface StubSetupOptions {
  bind: 'recorded' | 'ephemeral';
  workDir: string;
  latencyScale?: number;
  offRecord?: OffRecordPolicy;
}

/** @throws ReproError `FB_REPRO_STUBS_FAILED`, with everything started so far closed. */
export async function setUpStubs(
  pkg: ErrorPackage,
  endpoints: RecordedEndpoints,
  options: StubSetupOptions,
): Promise<StubSetup> {
  const running: RunningStubs[] = [];
  const fronts: RedisStartupFront[] = [];
  const close = async (): Promise<void> => {
    await Promise.all([...fronts.map((f) => f.close()), ...running.map((s) => s.close())]);
  };
  try {
    const plan = withConfiguredRedis(planStubs(pkg), endpoints);
    const common = {
      workDir: options.workDir,
      ...(options.latencyScale === undefined ? {} : { latencyScale: options.latencyScale }),
      ...(options.offRecord === undefined ? {} : { offRecord: offRecordAnswers(options.offRecord) }),
    };
    const http = await startStubs({ http: plan.http, redis: [] }, { ...common, bind: options.bind });
    running.push(http);
    // Redis stubs sit behind their fronts, which take the address the app expects.
    const redis = await startStubs({ http: [], redis: plan.redis }, { ...common, bind: 'ephemeral' });
    running.push(redis);
    const redisEndpoints: StubEndpoint[] = [];
    const fronted = new Map<string, RedisStartupFront>();
    for (const stub of redis.endpoints) {
      // One front per server: several recorded databases of one server share its stub.
      const key = `${stub.recorded.host}:${stub.recorded.port}`;
      const existing = fronted.get(key);
      if (existing !== undefined) {
        const listening = options.bind === 'recorded' ? { ...stub.recorded } : existing.address;
        redisEndpoints.push({ ...stub, listening, bound: existing.address });
        continue;
      }
      const at =
        options.bind === 'recorded'
          ? { host: frontHost(stub.recorded.host), port: stub.recorded.port }
          : { host: '127.0.0.1', port: 0 };
      const front = await RedisStartupFront.listen(at, stub.bound);
      fronts.push(front);
      fronted.set(key, front);
      const listening = options.bind === 'recorded' ? { ...stub.recorded } : front.address;
      redisEndpoints.push({ ...stub, listening, bound: front.address });
    }
    const all = [...http.endpoints, ...redisEndpoints];
    return {
      endpoints: all,
      caCertFile: http.caCertFile,
      moves: all
        .filter((e) => e.recorded.host !== e.listening.host || e.recorded.port !== e.listening.port)
        .map((e) => ({ from: e.recorded, to: e.listening })),
      arm: () => {
        for (const front of fronts) front.arm();
      },
      startupCommands: () => fronts.flatMap((f) => f.startupCommands),
      divergences: () => running.flatMap((s) => s.divergences()),
      close,
    };
  } catch (error: unknown) {
    await close().catch(() => undefined);
    const message = error instanceof Error ? error.message : String(error);
    throw new ReproError('FB_REPRO_STUBS_FAILED', `cannot start the stubs: ${message}`, { cause: error });
  }
}

function offRecordAnswers(policy: OffRecordPolicy): OffRecordAnswers {
  return {
    ...(policy.http === undefined ? {} : { http: policy.http }),
    // What an empty server answers is what the app would get from a fresh Redis: no recorded state.
    ...(policy.redis === 'empty-server' ? { redis: startupReply } : {}),
  };
}

function withConfiguredRedis(plan: StubPlan, endpoints: RecordedEndpoints): StubPlan {
  const planned = new Set(plan.redis.map((r) => `${r.host}:${r.port}`));
  const extra = endpoints.redis
    .filter((r) => !planned.has(`${r.host}:${r.port}`))
    .map((r) => ({ host: r.host, port: r.port, db: r.db, commands: [] }));
  return extra.length === 0 ? plan : { ...plan, redis: [...plan.redis, ...extra] };
}

/** A recorded IP is listened on as is; a host name resolves to loopback inside the sandbox. */
function frontHost(host: string): string {
  return /^[\d.]+$/.test(host) || host.includes(':') ? host : '127.0.0.1';
}
