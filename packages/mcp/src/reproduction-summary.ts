/**
 * A reproduction as an agent needs it: the status, the verdict's reasoning and divergences, what
 * the bundle held, and the end of the run log, without the full fixture and log text.
 */
import type { ReproductionRecord } from './collector-types.js';

const LOG_TAIL_LINES = 30;
const FINAL: ReadonlySet<string> = new Set(['reproduced', 'not_reproduced', 'failed']);

export function isFinished(reproduction: ReproductionRecord): boolean {
  return FINAL.has(reproduction.status);
}

interface VerdictFields {
  status?: string;
  summary?: string;
  sandbox?: string;
  original?: unknown;
  replayed?: unknown;
  response?: unknown;
  error?: unknown;
  divergences?: unknown[];
  notes?: unknown[];
  timings?: unknown;
}

interface BundleFields {
  app?: unknown;
  fixture?: {
    databases?: { system?: string; database?: string; tables?: { name?: string; rows?: unknown[] }[] }[];
  };
  fixtureError?: string;
  stubs?: unknown;
  log?: string;
}

export function summarizeReproduction(reproduction: ReproductionRecord) {
  const verdict = (reproduction.verdict ?? undefined) as VerdictFields | undefined;
  const bundle = (reproduction.bundle ?? undefined) as BundleFields | undefined;
  return {
    id: reproduction.id,
    issueId: reproduction.issueId,
    packageId: reproduction.packageId,
    status: reproduction.status,
    createdAt: reproduction.createdAt,
    finishedAt: reproduction.finishedAt,
    ...(reproduction.error ? { error: reproduction.error } : {}),
    ...(verdict
      ? {
          verdict: {
            status: verdict.status,
            summary: verdict.summary,
            sandbox: verdict.sandbox,
            original: verdict.original,
            replayed: verdict.replayed,
            response: verdict.response,
            error: verdict.error,
            divergences: verdict.divergences ?? [],
            notes: verdict.notes ?? [],
            timings: verdict.timings,
          },
        }
      : {}),
    ...(bundle
      ? {
          bundle: {
            app: bundle.app,
            fixture: bundle.fixture
              ? (bundle.fixture.databases ?? []).map((db) => ({
                  system: db.system,
                  database: db.database,
                  tables: (db.tables ?? []).map((t) => `${t.name} (${rowCount(t.rows?.length ?? 0)})`),
                }))
              : (bundle.fixtureError ?? 'none'),
            stubs: bundle.stubs,
            logTail: (bundle.log ?? '').split('\n').slice(-LOG_TAIL_LINES).join('\n'),
          },
        }
      : {}),
  };
}

function rowCount(n: number): string {
  return n === 1 ? '1 row' : `${n} rows`;
}
