// Time to ready of each sandbox driver, median and spread over repeated runs:
//   node packages/replay/test/sandbox/support/ready-time.mjs [runs=20]
// "to node" is from calling driver.run() until the sandboxed Node process started (its
// performance.timeOrigin), so it includes the driver's own work and Node's exec; "readyMs" is the
// driver's own measure (process: spawn confirmed; namespace: sandbox set up, command about to run).
import { createSandboxDriver, createWorkDir, removeWorkDir } from '../../../dist/sandbox/index.js';

const runs = Number(process.argv[2] ?? 20);
const summary = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return {
    median: +at(0.5).toFixed(1),
    p10: +at(0.1).toFixed(1),
    p90: +at(0.9).toFixed(1),
    max: +at(1).toFixed(1),
  };
};
for (const kind of ['process', 'namespace']) {
  const driver = createSandboxDriver(kind);
  const status = await driver.status();
  if (!status.available) {
    console.log(`${kind}: unavailable (${status.detail})`);
    continue;
  }
  const workDir = await createWorkDir();
  const toNode = [];
  const ready = [];
  const total = [];
  for (let i = 0; i < runs + 1; i++) {
    const calledAt = performance.timeOrigin + performance.now();
    const result = await driver.run({
      command: [process.execPath, '-e', 'console.log(performance.timeOrigin)'],
      cwd: workDir,
      env: { PATH: '/usr/bin:/bin' },
      binds: [],
      workDir,
      hosts: { 'db.internal': '127.0.0.1' },
      timeLimitMs: 10_000,
      memoryLimitMb: 1024,
      maxProcesses: 256,
    });
    if (i === 0) continue; // warm-up: page cache, probe
    toNode.push(Number(result.stdout.trim()) - calledAt);
    ready.push(result.readyMs ?? Number.NaN);
    total.push(result.durationMs);
  }
  await removeWorkDir(workDir);
  console.log(
    kind,
    JSON.stringify({ runs, toNode: summary(toNode), readyMs: summary(ready), durationMs: summary(total) }),
  );
}
