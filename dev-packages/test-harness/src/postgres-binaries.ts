import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const DEBIAN_ROOT = '/usr/lib/postgresql';
const REQUIRED = ['initdb', 'postgres', 'pg_isready', 'createdb'];

/**
 * Finds the directory holding the PostgreSQL server binaries: `FLASHBACK_PG_BIN`
 * if set, otherwise the newest `/usr/lib/postgresql/<version>/bin` (Debian layout).
 */
export function findPostgresBinDir(): string {
  const override = process.env.FLASHBACK_PG_BIN;
  if (override) {
    assertComplete(override);
    return override;
  }
  const versions = existsSync(DEBIAN_ROOT)
    ? readdirSync(DEBIAN_ROOT)
        .filter((name) => /^\d+(\.\d+)?$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const version of versions) {
    const dir = join(DEBIAN_ROOT, version, 'bin');
    if (REQUIRED.every((binary) => existsSync(join(dir, binary)))) return dir;
  }
  throw new Error(
    `PostgreSQL server binaries not found under ${DEBIAN_ROOT}/<version>/bin: install the Debian package postgresql ` +
      '(apt-get install postgresql), or set FLASHBACK_PG_BIN to the directory holding initdb and postgres.',
  );
}

function assertComplete(dir: string): void {
  const missing = REQUIRED.filter((binary) => !existsSync(join(dir, binary)));
  if (missing.length > 0) {
    throw new Error(
      `FLASHBACK_PG_BIN=${dir} lacks ${missing.join(', ')}; point it at a PostgreSQL bin directory.`,
    );
  }
}
