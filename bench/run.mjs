#!/usr/bin/env node
/** Runs every benchmark in turn (or the ones named: `npm run bench -- capture-overhead`). */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const all = ['capture-overhead', 'repro', 'triage', 'ingest', 'effects', 'tracing', 'sandbox'];
const chosen = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const passThrough = process.argv.slice(2).filter((a) => a.startsWith('-'));

let failed = false;
for (const name of chosen.length ? chosen : all) {
  if (!all.includes(name)) {
    process.stderr.write(`unknown benchmark ${name}; known: ${all.join(', ')}\n`);
    process.exit(2);
  }
  process.stdout.write(`\n== ${name}\n`);
  const run = spawnSync(process.execPath, [path.join(here, name, 'run.mjs'), ...passThrough], {
    stdio: 'inherit',
  });
  failed ||= run.status !== 0;
}
process.exit(failed ? 1 : 0);
