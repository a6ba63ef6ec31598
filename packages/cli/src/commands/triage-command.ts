/** `flashback triage <package.json>... [--json]`: tiers and causes of packages on disk, no server. */
import { basename, resolve } from 'node:path';
import type { TriageResult } from '@flashback/server';
import type { CliDeps } from '../cli-deps.js';
import { type CommandDefinition, type CommandInput, JSON_OPTION } from '../command-types.js';
import { EXIT_COULD_NOT_RUN, EXIT_OK } from '../exit-codes.js';

export const triageCommand: CommandDefinition = {
  name: 'triage',
  summary: 'triage packages on disk: tier 1 (seen earlier in the list), 2 (a cause explains it) or 3',
  positionals: [
    { name: 'package.json', description: 'error packages, in the order they happened', variadic: true },
  ],
  options: { json: JSON_OPTION },
  exitCodes: '0 every package was triaged, 2 some could not be read (the others are still triaged)',
  run: runTriage,
};

interface TriagedFile {
  file: string;
  packageId?: string;
  error?: string;
  result?: TriageResult;
}

async function runTriage({ positionals, options }: CommandInput, deps: CliDeps): Promise<number> {
  const { loadPackage } = await import('@flashback/replay');
  const { triagePackage } = await import('@flashback/server');
  const known = new Set<string>();
  const triaged: TriagedFile[] = [];
  for (const file of positionals) {
    try {
      const pkg = await loadPackage(resolve(file));
      const result = triagePackage(pkg, { knownFingerprints: known });
      known.add(result.fingerprint);
      triaged.push({ file, packageId: pkg.id, result });
    } catch (error: unknown) {
      triaged.push({ file, error: error instanceof Error ? error.message : String(error) });
    }
  }
  if (options.json === true) {
    const shown = triaged.map(({ result, ...rest }) =>
      result
        ? {
            ...rest,
            tier: result.tier,
            reason: result.reason,
            fingerprint: result.fingerprint,
            ...(result.cause ? { cause: result.cause } : {}),
          }
        : rest,
    );
    deps.stdout(`${JSON.stringify(shown, null, 2)}\n`);
  } else {
    deps.stdout(formatTriage(triaged));
  }
  return triaged.some((t) => t.error !== undefined) ? EXIT_COULD_NOT_RUN : EXIT_OK;
}

function formatTriage(triaged: readonly TriagedFile[]): string {
  const names = triaged.map((t) => basename(t.file));
  const width = Math.max('PACKAGE'.length, ...names.map((n) => n.length));
  const lines = [`${'PACKAGE'.padEnd(width)}  TIER  WHY`];
  triaged.forEach((t, i) => {
    const name = (names[i] ?? '').padEnd(width);
    if (!t.result) {
      lines.push(`${name}  -     could not be read: ${t.error}`);
      return;
    }
    const { tier, cause, reason } = t.result;
    const why = cause
      ? `${cause.kind}: ${cause.summary} (evidence ${cause.evidence.map((s) => `#${s}`).join(', ') || 'the request'}; confidence ${cause.confidence.toFixed(2)})`
      : reason;
    lines.push(`${name}  ${String(tier).padEnd(4)}  ${why}`);
  });
  return `${lines.join('\n')}\n`;
}
