/**
 * The tier-3 worker: reproduces a package with the replay engine, using the app spec registered
 * for its service, and turns the engine's verdict into what the issue records. No app spec means
 * no reproduction: the issue is escalated with a reason saying how to register one.
 */
import { reproduce as reproduceWithEngine, type SandboxKind, type Verdict } from '@flashback/replay';
import type {
  ReproductionOutcome,
  ReproductionRequest,
  ReproductionWorker,
} from '../queue/reproduction-worker.js';
import type { Storage } from '../storage/open-storage.js';
import { findService, type ServiceAppSpec } from '../storage/service-store.js';
import { buildReproBundle } from './repro-bundle.js';

export interface ReplayWorkerOptions {
  storage: Storage;
  /** App specs from the configuration file, by service name; a `services add` entry wins. */
  configuredServices?: Readonly<Record<string, ServiceAppSpec>>;
  /** Default `auto`: the namespace sandbox where bubblewrap works, else a plain process. */
  sandbox?: SandboxKind | 'auto';
  /** Wall-clock limit of one reproduction. Default 60 s. */
  timeLimitMs?: number;
  /** Each progress line of a running reproduction, e.g. for the collector's log. */
  onProgress?: (request: ReproductionRequest, line: string) => void;
  /** The engine; replaced in tests that only check what the worker does with a verdict. */
  reproduce?: typeof reproduceWithEngine;
}

export function createReplayWorker(options: ReplayWorkerOptions): ReproductionWorker {
  const reproduce = options.reproduce ?? reproduceWithEngine;
  return {
    async reproduce(request): Promise<ReproductionOutcome> {
      const pkg = request.package;
      const service = pkg.service.name;
      const app =
        (await findService(options.storage.db, request.projectId, service)) ??
        options.configuredServices?.[service];
      if (!app) {
        return {
          status: 'failed',
          escalation: 'no-app-spec',
          error: `service ${service} has no app spec`,
          reason: `register one with: flashback services add ${service} --project <project> --app <dir> --start "<command>"`,
          bundle: buildReproBundle(pkg, undefined, []),
        };
      }
      const progress: string[] = [];
      const verdict = await reproduce(
        pkg,
        {
          dir: app.dir,
          start: app.start,
          ...(app.port === undefined ? {} : { port: app.port }),
          ...(app.readyPath === undefined ? {} : { readyPath: app.readyPath }),
          ...(app.env === undefined ? {} : { env: app.env }),
        },
        {
          sandbox: options.sandbox ?? 'auto',
          ...(options.timeLimitMs === undefined ? {} : { timeLimitMs: options.timeLimitMs }),
          onProgress: (event) => {
            const line = `[${(event.elapsedMs / 1000).toFixed(1)}s] ${event.step}: ${event.message}`;
            progress.push(line);
            options.onProgress?.(request, line);
          },
        },
      );
      return outcomeOf(verdict, buildReproBundle(pkg, app, progress, verdict));
    },
  };
}

function outcomeOf(verdict: Verdict, bundle: unknown): ReproductionOutcome {
  const seconds = `${((verdict.timings.totalMs ?? 0) / 1000).toFixed(1)} s`;
  switch (verdict.status) {
    case 'reproduced':
      return {
        status: 'reproduced',
        verdict,
        bundle,
        reason: `Reproduced in the ${verdict.sandbox ?? ''} sandbox in ${seconds}: ${verdict.summary}`,
      };
    case 'not-reproduced':
    case 'different-error':
      return { status: 'not_reproduced', verdict, bundle, reason: verdict.summary };
    case 'error':
      return {
        status: 'failed',
        verdict,
        bundle,
        error: verdict.error?.message ?? verdict.summary,
        reason: verdict.summary,
      };
  }
}
