#!/usr/bin/env node
/**
 * Tier-1/2 triage throughput, in process: how many error packages per second `triagePackage` decides
 * over the demo packages (the checkout example's real bugs). Three mixes:
 *   new      no fingerprint is known: every package runs the tier-2 rules (worst case)
 *   known    every fingerprint is known: tier 1 only (dedup of a recurring bug)
 *   mixed    half the packages recur (tier 1), half run the rules
 *   new+fp   as `new`, recomputing every fingerprint server-side (`recomputeFingerprint`); for
 *            information, the default uses the SDK's fingerprint
 * Each timed package is a fresh object (parsed before the clock starts), as an ingested package
 * would be, so per-package caches never carry over between iterations; the garbage of parsing is
 * collected before each timed batch so it is not billed to triage.
 *
 *   node bench/triage/run.mjs [--seconds 3] [--rounds 5] [--batch 2000]
 *
 * Each mix is measured in `rounds` rounds sharing `seconds` of timed work; the median is printed,
 * as wall-clock packages/s (what the target is about) and per CPU-second of this process (what to
 * compare across runs when other work shares the machine's cores).
 *
 * Needs the compiled server (`npx tsc -b packages/server`) and, preferably, the demo packages
 * (`node scripts/demo.mjs`); without them it uses the copies in packages/server/test/triage/fixtures.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import vm from 'node:vm';

const TARGET = 20_000;
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '5' },
    batch: { type: 'string', default: '2000' },
  },
});
const rounds = Number(values.rounds);
const seconds = Number(values.seconds);
const batch = Number(values.batch);

const { triagePackage } = await import(path.join(root, 'packages/server/dist/triage/index.js'));
const { dir, texts } = loadPackages();
log(`triage throughput over ${texts.length} packages from ${path.relative(root, dir)}`);

const fingerprints = texts.map((text) => triagePackage(JSON.parse(text)).fingerprint);
const mixes = [
  { name: 'new', options: { knownFingerprints: new Set() } },
  { name: 'known', options: { knownFingerprints: new Set(fingerprints) } },
  { name: 'mixed', options: { knownFingerprints: new Set(fingerprints.filter((_, i) => i % 2 === 0)) } },
  { name: 'new+fp', options: { knownFingerprints: new Set(), recomputeFingerprint: true }, info: true },
];

let failed = false;
for (const { name, options, info } of mixes) {
  measure(options, 0.5); // warm-up: JIT, regex compilation
  // The median of several rounds: on a shared 2-core machine one round can lose half its time to a
  // neighbour.
  const runs = Array.from({ length: rounds }, () => measure(options, seconds / rounds));
  runs.sort((a, b) => a.rate - b.rate);
  const { rate, cpuRate, tiers } = runs[Math.floor(runs.length / 2)];
  const ratio = rate / TARGET;
  if (!info) failed ||= ratio < 1;
  log(
    `  ${name.padEnd(6)} ${fmt(rate)} packages/s   ${ratio.toFixed(2)}x target (>= ${TARGET})   ` +
      `per CPU-second ${fmt(cpuRate)} (${(cpuRate / TARGET).toFixed(2)}x)   tiers ${tiers}${info ? '   (information)' : ''}`,
  );
}
process.exit(failed ? 1 : 0);

function measure(options, forSeconds) {
  let elapsed = 0;
  let cpu = 0;
  let count = 0;
  const tiers = { 1: 0, 2: 0, 3: 0 };
  // Tier 1 takes well under a microsecond while parsing a batch takes milliseconds: bound the wall
  // clock too, or the known mix would parse for minutes to accumulate its timed seconds.
  const deadline = performance.now() + forSeconds * 1000 * 4;
  while (elapsed < forSeconds * 1000 && performance.now() < deadline) {
    const packages = Array.from({ length: batch }, (_, i) => JSON.parse(texts[i % texts.length]));
    gc();
    const cpuStarted = process.cpuUsage();
    const started = performance.now();
    for (const pkg of packages) tiers[triagePackage(pkg, options).tier]++;
    elapsed += performance.now() - started;
    const cpuUsed = process.cpuUsage(cpuStarted);
    cpu += (cpuUsed.user + cpuUsed.system) / 1000;
    count += packages.length;
  }
  const total = count || 1;
  const share = (tier) => `${Math.round((tiers[tier] / total) * 100)}%`;
  return {
    rate: count / (elapsed / 1000),
    cpuRate: count / (Math.max(cpu, 0.001) / 1000),
    tiers: `1:${share(1)} 2:${share(2)} 3:${share(3)}`,
  };
}

function loadPackages() {
  const demo = path.join(root, '.flashback/demo/packages');
  const fixtures = path.join(root, 'packages/server/test/triage/fixtures');
  const dir = existsSync(demo) && readdirSync(demo).some((f) => f.endsWith('.json')) ? demo : fixtures;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  return { dir, texts: files.map((f) => readFileSync(path.join(dir, f), 'utf8')) };
}

function fmt(n) {
  return n.toFixed(0).padStart(7);
}

function log(line) {
  process.stdout.write(`${line}\n`);
}
