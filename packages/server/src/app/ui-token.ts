import { readFile, writeFile } from 'node:fs/promises';
import type { Storage } from '../storage/open-storage.js';
import { findTokenByHash } from '../storage/project-store.js';
import { hashSecret } from '../storage/secret-hash.js';
import { createReadToken } from './project-admin.js';

/**
 * The read token `flashback serve` puts in the web UI's address. Kept in a file of the data
 * directory (mode 0600) so the printed address stays the same across restarts; replaced when the
 * database no longer knows it (a new database, or the token was revoked).
 */
export async function ensureUiToken(storage: Storage, file: string): Promise<string> {
  const saved = await readFile(file, 'utf8').then(
    (text) => text.trim(),
    () => '',
  );
  if (saved !== '' && (await findTokenByHash(storage.db, hashSecret(saved)))) return saved;
  const token = await createReadToken({ storage, name: 'web UI' });
  await writeFile(file, `${token}\n`, { mode: 0o600 });
  return token;
}
