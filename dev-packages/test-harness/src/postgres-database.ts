import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { findPostgresBinDir } from './postgres-binaries.js';
import { runChecked } from './run-command.js';

/**
 * Creates a fresh database on the server behind `serverUrl` and returns its URL,
 * so test files sharing one server never see each other's tables.
 */
export async function createDatabase(
  serverUrl: string,
  name = `test_${randomBytes(6).toString('hex')}`,
): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name))
    throw new Error(`createDatabase: ${JSON.stringify(name)} is not a plain identifier`);
  const url = new URL(serverUrl);
  const args = [
    '-h',
    url.hostname,
    '-p',
    url.port || '5432',
    '-U',
    decodeURIComponent(url.username || 'postgres'),
    name,
  ];
  await runChecked(join(findPostgresBinDir(), 'createdb'), args, {
    env: { ...process.env, ...(url.password ? { PGPASSWORD: decodeURIComponent(url.password) } : {}) },
  });
  url.pathname = `/${name}`;
  return url.toString();
}
