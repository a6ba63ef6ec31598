/** A tier-2 cause as stored with the triage (see `packages/server/src/triage/types.ts`). */
export interface CauseView {
  kind: string;
  summary: string;
  evidence: number[];
  confidence: number | undefined;
}

const KIND_LABELS: Readonly<Record<string, string>> = {
  'dependency-timeout': 'Dependency timeout',
  'dependency-connection-error': 'Dependency connection error',
  'dependency-5xx': 'Dependency 5xx',
  'missing-row-dereference': 'Missing row, then a null dereference',
  'upstream-auth': 'Upstream refused the credentials',
  'malformed-input': 'Malformed input',
  'upstream-rejected': 'Upstream rejected the request',
  'missing-object': 'Missing object',
};

/** The cause if `value` has the shape of one, whatever else it carries. */
export function readCause(value: unknown): CauseView | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.summary !== 'string') return undefined;
  return {
    kind: typeof record.kind === 'string' ? record.kind : 'unknown',
    summary: record.summary,
    evidence: Array.isArray(record.evidence)
      ? record.evidence.filter((seq): seq is number => typeof seq === 'number')
      : [],
    confidence: typeof record.confidence === 'number' ? record.confidence : undefined,
  };
}

export function causeKindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind;
}

/**
 * The tier reason without the cause summary it often ends with ("Rule x explains it: <summary>"),
 * so the summary is not read twice.
 */
export function reasonBesideSummary(reason: string, summary: string | undefined): string {
  if (!summary || !reason.endsWith(summary)) return reason;
  return reason
    .slice(0, -summary.length)
    .replace(/[:\s]+$/, '')
    .trim();
}
