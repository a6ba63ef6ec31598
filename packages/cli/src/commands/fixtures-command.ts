/** `flashback fixtures <package.json> [--out db-file] [--json]` */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ErrorPackage } from '@flashback/protocol/types';
import type { FidelityReport, Fixture, FixtureDatabase, FixtureHandle } from '@flashback/replay';
import type { CliDeps } from '../cli-deps.js';
import { type CommandDefinition, type CommandInput, JSON_OPTION } from '../command-types.js';
import { CliError } from '../errors.js';
import { EXIT_NEGATIVE, EXIT_OK } from '../exit-codes.js';
import { formatFidelity, formatFixture } from './fixture-format.js';

export const fixturesCommand: CommandDefinition = {
  name: 'fixtures',
  summary: 'infer the database fixture from a package, materialise it and check its fidelity',
  positionals: [{ name: 'package.json', description: 'an error package' }],
  options: {
    out: {
      kind: 'string',
      value: '<db-file>',
      description: 'write the SQLite fixture database to this new file',
    },
    json: JSON_OPTION,
  },
  exitCodes: '0 every recorded query matches the fixture, 1 some query differs, 2 could not run',
  run: runFixtures,
};

async function runFixtures({ positionals, options }: CommandInput, deps: CliDeps): Promise<number> {
  const packageFile = positionals[0] ?? '';
  const { inferFixture, loadPackage } = await import('@flashback/replay');
  const pkg = await loadPackage(resolve(packageFile));
  const out = typeof options.out === 'string' ? resolve(options.out) : undefined;
  if (out !== undefined && existsSync(out)) {
    throw new CliError('FB_CLI_OUTPUT_EXISTS', `${out} already exists; remove it or choose another --out`);
  }
  const fixture = inferFixture(pkg);
  const scratch = await mkdtemp(join(tmpdir(), 'flashback-fixtures-'));
  const reports: FidelityReport[] = [];
  const notes: string[] = [];
  try {
    let outUsed = false;
    for (const [index, db] of fixture.databases.entries()) {
      const file =
        db.system === 'sqlite' && out !== undefined && !outUsed ? out : join(scratch, `${index}.db`);
      if (file === out) outUsed = true;
      reports.push(await fidelityOf(pkg, only(fixture, db), db, file));
    }
    if (out !== undefined && !outUsed)
      notes.push(`--out: the package has no SQLite database, so ${out} was not written`);
    if (outUsed) notes.push(`SQLite fixture written to ${out}`);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  if (options.json === true) {
    deps.stdout(`${JSON.stringify({ fixture, fidelity: reports, notes }, null, 2)}\n`);
  } else {
    deps.stdout(
      `${formatFixture(fixture)}\n${formatFidelity(reports)}${notes.map((n) => `note: ${n}\n`).join('')}`,
    );
  }
  return reports.every((r) => r.ok) ? EXIT_OK : EXIT_NEGATIVE;
}

async function fidelityOf(
  pkg: ErrorPackage,
  fixture: Fixture,
  db: FixtureDatabase,
  file: string,
): Promise<FidelityReport> {
  const { checkFidelity, materialize } = await import('@flashback/replay');
  const handle: FixtureHandle =
    db.system === 'sqlite'
      ? await materialize(fixture, { kind: 'sqlite', file })
      : await materialize(fixture, { kind: 'pglite' });
  try {
    return await checkFidelity(pkg, handle);
  } finally {
    await handle.close();
  }
}

function only(fixture: Fixture, db: FixtureDatabase): Fixture {
  return { ...fixture, databases: [db] };
}
