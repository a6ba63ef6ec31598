#!/usr/bin/env node
/**
 * Where the capture overhead goes, integration by integration: `run.mjs` with every integration,
 * then with each one left out (FLASHBACK_DISABLED_INTEGRATIONS), then with all of them left out.
 * An integration's cost is the CPU per request it adds: the SDK's added CPU with it, minus without
 * it. Without `http-server` no request context exists, so the other integrations record nothing
 * either: its cost includes theirs, and the row says so.
 *
 * Each row is its own run, so the runs' spread lands in the differences: on the 2-core CI machine
 * two runs of 8 rounds disagreed by up to ~100 µs/request per integration (one even came out
 * negative). Read a single integration's cost over several runs, or from a CPU profile.
 *
 *   node bench/capture-overhead/breakdown.mjs [--rounds 4] [--seconds 3]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '4' }, seconds: { type: 'string', default: '3' } },
});
const here = path.dirname(fileURLToPath(import.meta.url));
const scratch = mkdtempSync(path.join(tmpdir(), 'capture-breakdown-'));
const INTEGRATIONS = ['local-variables', 'http-server', 'http-client', 'pg', 'better-sqlite3', 'ioredis'];
// Integrations whose library the checkout does not load: always off here, so "all off" is the SDK alone.
const UNUSED = ['redis', 'aws-s3', 'express', 'fastify', 'tracing'];

function measure(label, disabled) {
  const out = path.join(scratch, `${label}.json`);
  process.stdout.write(`measuring: ${label} ...\n`);
  execFileSync(
    process.execPath,
    [
      path.join(here, 'run.mjs'),
      '--rounds',
      values.rounds,
      '--seconds',
      values.seconds,
      '--sdk-env',
      `FLASHBACK_DISABLED_INTEGRATIONS=${disabled.join(',')}`,
      '--json-out',
      out,
      // Throughput and CPU per request only: no floor side, no fixed-rate latency load.
      '--skip-floor',
      '--latency-seconds',
      '0',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return JSON.parse(readFileSync(out, 'utf8'));
}

const all = measure('all', []);
const without = Object.fromEntries(INTEGRATIONS.map((name) => [name, measure(`without ${name}`, [name])]));
const none = measure('none', [...INTEGRATIONS, ...UNUSED]);

const row = (label, result, cost = '') =>
  `  ${label.padEnd(26)} ratio ${result.ratio.toFixed(3)}   added ${result.addedCpu.toFixed(0).padStart(5)} µs/req${cost}`;
process.stdout.write(
  `\ncapture overhead by integration (${values.rounds} rounds of ${values.seconds}s per side)\n`,
);
process.stdout.write(`${row('all integrations', all)}\n`);
for (const name of INTEGRATIONS) {
  const cost = all.addedCpu - without[name].addedCpu;
  const note = name === 'http-server' ? ' (includes what the others record)' : '';
  process.stdout.write(
    `${row(`without ${name}`, without[name], `   its cost ${cost.toFixed(0).padStart(5)} µs/req${note}`)}\n`,
  );
}
process.stdout.write(`${row('SDK alone (none)', none)}\n`);
process.stdout.write('target: ratio >= 0.95 with all integrations\n');
