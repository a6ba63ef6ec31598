/** A verdict for people. */
import type { Verdict, VerdictDivergence, VerdictTimings } from '@flashback/replay';

const HEADLINES: Record<Verdict['status'], string> = {
  reproduced: 'REPRODUCED',
  'different-error': 'DIFFERENT ERROR',
  'not-reproduced': 'NOT REPRODUCED',
  error: 'COULD NOT RUN',
};

export function formatVerdict(verdict: Verdict): string {
  const lines = [`${HEADLINES[verdict.status]}  ${verdict.summary}`];
  const row = (label: string, value: string): void => {
    lines.push(`  ${label.padEnd(12)} ${value}`);
  };
  if (verdict.error) row('why', `${verdict.error.code}: ${verdict.error.message}`);
  if (verdict.original)
    row(
      'recorded',
      `${verdict.original.type}: ${verdict.original.message} [${verdict.original.fingerprint.slice(0, 12)}]`,
    );
  if (verdict.replayed)
    row(
      'replayed',
      `${verdict.replayed.type}: ${verdict.replayed.message} [${verdict.replayed.fingerprint.slice(0, 12)}]`,
    );
  if (verdict.response) row('response', String(verdict.response.status));
  if (verdict.sandbox) row('sandbox', verdict.sandbox);
  row('timings', formatTimings(verdict.timings));
  row('divergences', verdict.divergences.length === 0 ? 'none' : '');
  for (const d of verdict.divergences) lines.push(`    - ${formatDivergence(d)}`);
  for (const note of verdict.notes ?? []) lines.push(`  note: ${note}`);
  const detail = verdict.error?.detail ?? (verdict.status === 'reproduced' ? undefined : verdict.appLog);
  if (detail) {
    lines.push('  app output (last lines):');
    for (const line of detail.trimEnd().split('\n').slice(-30)) lines.push(`    ${line}`);
  }
  return `${lines.join('\n')}\n`;
}

function formatTimings(t: VerdictTimings): string {
  const parts: [string, number | undefined][] = [
    ['fixture', t.fixtureMs],
    ['sandbox ready', t.sandboxReadyMs],
    ['app ready', t.appReadyMs],
    ['trigger', t.triggerMs],
    ['total', t.totalMs],
  ];
  return parts
    .filter((p): p is [string, number] => p[1] !== undefined)
    .map(([label, ms]) => `${label} ${ms} ms`)
    .join(' · ');
}

function formatDivergence(d: VerdictDivergence): string {
  return d.source === 'timeline' ? `timeline: ${d.message}` : `${d.service}: ${d.message}`;
}
