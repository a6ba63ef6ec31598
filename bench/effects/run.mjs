#!/usr/bin/env node
/**
 * @flashback/effects: what the interpreter costs per command, and how fast replay goes.
 *
 *   overhead  an execution of N commands through the runtime (recording on, OpenTelemetry API
 *             present with no SDK, as in a service that has not set one up) minus N direct calls
 *             of the same handler function, per command; for a sync handler and an async one
 *   pipeline  the same with the pipeline builder (named steps, a scope per step), 10 steps per
 *             execution, for information
 *   trace     turning a recorded execution into its trace document (value encoding), per command,
 *             for information: it runs once per execution, after it
 *   replay    replayTrace over a recorded trace of N commands, in commands/s
 *
 *   node bench/effects/run.mjs [--commands 10000] [--rounds 7]
 *
 * Each figure is the median of `rounds` rounds; needs the built package (`npx tsc -b packages/effects`).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const TARGET_US = 2;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({
  options: { commands: { type: 'string', default: '10000' }, rounds: { type: 'string', default: '7' } },
});
const N = Number(values.commands);
const rounds = Number(values.rounds);

const fx = await import(path.join(root, 'packages/effects/dist/index.js'));
const {
  andThen,
  createRuntime,
  defineCommand,
  defineProgram,
  handle,
  parseTrace,
  pipeline,
  replayTrace,
  succeed,
  toTrace,
} = fx;

const add = defineCommand('bench.add');
const addAsync = defineCommand('bench.add-async');
const increment = (n) => n + 1;
const incrementAsync = (n) => Promise.resolve(n + 1);

/** N commands in a row, each continuation asking for the next. */
const loopOf = (command) =>
  defineProgram({ name: `loop-${command.kind}` }, (count) => {
    const step = (i, acc) =>
      i === count ? succeed(acc) : andThen(command(acc), (next) => step(i + 1, next));
    return step(0, 0);
  });
const syncLoop = loopOf(add);
const asyncLoop = loopOf(addAsync);
const tenSteps = defineProgram({ name: 'ten-steps' }, (start) =>
  pipeline({ start })
    .step('a', ({ start }) => add(start))
    .step('b', ({ a }) => add(a))
    .step('c', ({ b }) => add(b))
    .step('d', ({ c }) => add(c))
    .step('e', ({ d }) => add(d))
    .step('f', ({ e }) => add(e))
    .step('g', ({ f }) => add(f))
    .step('h', ({ g }) => add(g))
    .step('i', ({ h }) => add(h))
    .step('j', ({ i }) => add(i))
    .return(({ j }) => j),
);

const runtime = createRuntime({ handlers: [handle(add, increment), handle(addAsync, incrementAsync)] });

const direct = () => {
  let acc = 0;
  for (let i = 0; i < N; i++) acc = increment(acc);
  return acc;
};
const directAsync = async () => {
  let acc = 0;
  for (let i = 0; i < N; i++) acc = await incrementAsync(acc);
  return acc;
};
const directTen = () => {
  let acc = 0;
  for (let k = 0; k < N / 10; k++) {
    let v = k;
    for (let s = 0; s < 10; s++) v = increment(v);
    acc += v;
  }
  return acc;
};
const pipelines = () => {
  let acc = 0;
  for (let k = 0; k < N / 10; k++) {
    const outcome = runtime.runSync(tenSteps, k).outcome;
    acc += outcome.value;
  }
  return acc;
};

const recorded = runtime.runSync(syncLoop, N);
const traceText = JSON.stringify(toTrace(recorded));
const trace = parseTrace(traceText);

log(
  `@flashback/effects, ${N} commands per measurement, median of ${rounds} rounds, Node ${process.versions.node}`,
);
let failed = false;

const sync = await perCommand(() => runtime.runSync(syncLoop, N), direct);
report('overhead sync handler ', sync, true);
const asyncResult = await perCommand(() => runtime.run(asyncLoop, N), directAsync);
report('overhead async handler', asyncResult, true);
report('pipeline, 10 steps    ', await perCommand(pipelines, directTen), false);

const traceUs = await median(async () => timeUs(() => toTrace(recorded)) / N);
log(
  `  trace document        ${traceUs.toFixed(3)} µs per command (once per execution, after it; information)`,
);

const replayUs = await median(async () => timeUs(() => replayTrace(syncLoop, trace)) / N);
const replayCheck = replayTrace(syncLoop, trace);
if (replayCheck.status !== 'reproduced')
  throw new Error(`the benchmark trace did not replay: ${replayCheck.divergence?.message}`);
log(
  `  replay                ${fmt(1e6 / replayUs)} commands/s (${replayUs.toFixed(3)} µs per command, trace of ${(traceText.length / 1024).toFixed(0)} KiB)`,
);
process.exit(failed ? 1 : 0);

async function perCommand(interpreted, baseline) {
  // Warm up both paths so neither is measured while the JIT is still compiling it.
  for (let i = 0; i < 3; i++) {
    await interpreted();
    await baseline();
  }
  const samples = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    await interpreted();
    const t1 = performance.now();
    await baseline();
    const t2 = performance.now();
    samples.push({ interpreted: ((t1 - t0) * 1000) / N, direct: ((t2 - t1) * 1000) / N });
  }
  const mid = (key) => samples.map((s) => s[key]).sort((a, b) => a - b)[Math.floor(samples.length / 2)];
  return { interpreted: mid('interpreted'), direct: mid('direct') };
}

function report(label, { interpreted, direct }, gated) {
  const overhead = interpreted - direct;
  const ratio = overhead / TARGET_US;
  if (gated) failed ||= ratio > 1;
  log(
    `  ${label} ${overhead.toFixed(3)} µs per command over a direct call   ${ratio.toFixed(2)}x target (<= ${TARGET_US} µs)` +
      `   interpreted ${interpreted.toFixed(3)} µs, direct ${direct.toFixed(3)} µs${gated ? '' : '   (information)'}`,
  );
}

async function median(measure) {
  await measure();
  const samples = [];
  for (let r = 0; r < rounds; r++) samples.push(await measure());
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)];
}

function timeUs(fn) {
  const t0 = performance.now();
  fn();
  return (performance.now() - t0) * 1000;
}

function fmt(n) {
  return Math.round(n).toLocaleString('en-US');
}

function log(line) {
  process.stdout.write(`${line}\n`);
}
