/**
 * The proof of `flashback export-test`: for every examples/checkout bug, a package captured for
 * real becomes a test file in a copy of the app; the app's real test runner runs it against the
 * buggy code (it fails, showing the original error) and against the fixed variant
 * (CHECKOUT_FIXED=1, taken from the test's environment through --pass-env: it passes).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyCheckoutApp } from './support/checkout-app-copy.js';
import { bugRequests, captureCheckoutPackages } from './support/checkout-capture.js';
import { REPO_ROOT, runCli } from './support/run-cli.js';

// What the healthy dependencies answer to the calls the fixed code makes and the recording lacks
// (a retried charge, a token refresh, the fallback template): only a person can say.
const charge = { charge: { id: 'ch_after_fix', status: 'succeeded', amount: 4900, currency: 'usd' } };
const OFF_RECORD_ANSWERS: Record<string, unknown[]> = {
  'gateway-503': [{ method: 'POST', path: '/v1/charges', status: 200, body: charge }],
  'gateway-timeout': [{ method: 'POST', path: '/v1/charges', status: 200, body: charge }],
  'expired-merchant-token': [
    {
      method: 'POST',
      path: '/v1/oauth/token',
      status: 200,
      body: { access_token: 'tok_fresh', token_type: 'Bearer', expires_in: 3600, expires_at: 4102444800 },
    },
    {
      method: 'POST',
      path: '/v1/charges',
      requestHeaders: { authorization: 'Bearer tok_fresh' },
      status: 200,
      body: charge,
    },
  ],
  'missing-receipt-template': [
    {
      method: 'GET',
      path: '/checkout-receipts/receipts/en.txt',
      status: 200,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: 'Receipt for order {{orderId}}: {{total}}\n',
    },
  ],
};

const VITEST = join(REPO_ROOT, 'node_modules/vitest/vitest.mjs');
// One run of an exported test starts PGlite, the stubs and the app: about 5 s alone.
const RUN_TIMEOUT_MS = 120_000;

let scratch: string;
let vitestApp: string;
let nodeTestApp: string;
let packageFiles: Map<string, string>;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'export-test-checkout-'));
  packageFiles = await captureCheckoutPackages(bugRequests, scratch);
  vitestApp = await copyCheckoutApp(join(scratch, 'vitest-app'), { vitest: '^4.0.0' });
  nodeTestApp = await copyCheckoutApp(join(scratch, 'node-test-app'), {});
  await mkdir(join(scratch, 'answers'));
  for (const [bugId, answers] of Object.entries(OFF_RECORD_ANSWERS)) {
    await writeFile(join(scratch, 'answers', `${bugId}.json`), JSON.stringify(answers));
  }
}, 120_000);

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

type Bug = (typeof bugRequests)[number];

async function exportTest(bug: Bug, appDir: string, out: string): Promise<string> {
  const args = [
    'export-test',
    packageFiles.get(bug.id) as string,
    '--app',
    appDir,
    '--out',
    join(appDir, out),
  ];
  args.push('--pass-env', 'CHECKOUT_FIXED');
  if (bug.fixedStatus >= 400) args.push('--expect-status', String(bug.fixedStatus));
  if (bug.id in OFF_RECORD_ANSWERS) args.push('--respond', join(scratch, 'answers', `${bug.id}.json`));
  const run = await runCli(args);
  expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
  return join(appDir, out);
}

async function runTestFile(
  command: string[],
  cwd: string,
  fixed: boolean,
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, command, {
    cwd,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: scratch,
      LANG: 'C.UTF-8',
      NO_COLOR: '1',
      ...(fixed ? { CHECKOUT_FIXED: '1' } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, output };
}

describe.concurrent('exported Vitest tests of every checkout bug', () => {
  it.each(bugRequests.map((bug) => ({ name: `${bug.bug} ${bug.id}`, bug })))(
    '$name: fails on the buggy code with the original error, passes on the fixed variant',
    async ({ bug }) => {
      const file = await exportTest(bug, vitestApp, `test/${bug.id}.test.js`);
      const vitest = [VITEST, 'run', file];
      const buggy = await runTestFile(vitest, vitestApp, false);
      expect(buggy.code, buggy.output).toBe(1);
      expect(buggy.output).toContain(bug.errorMessage);
      expect(buggy.output).toContain('1 failed');
      const fixed = await runTestFile(vitest, vitestApp, true);
      expect(fixed.code, fixed.output).toBe(0);
      expect(fixed.output).toContain('1 passed');
    },
    RUN_TIMEOUT_MS,
  );
});

describe.concurrent('exported node:test tests, for an app without Vitest', () => {
  const bugs = bugRequests.filter(
    (bug) => bug.id === 'deleted-customer' || bug.id === 'installments-duplicate-payments',
  );
  it.each(bugs.map((bug) => ({ name: `${bug.bug} ${bug.id}`, bug })))(
    '$name: fails on the buggy code, passes on the fixed variant',
    async ({ bug }) => {
      const file = await exportTest(bug, nodeTestApp, `test/${bug.id}.test.js`);
      const nodeTest = ['--test', file];
      const buggy = await runTestFile(nodeTest, nodeTestApp, false);
      expect(buggy.code, buggy.output).toBe(1);
      expect(buggy.output).toContain(bug.errorMessage);
      expect(buggy.output).toMatch(/# fail 1/);
      const fixed = await runTestFile(nodeTest, nodeTestApp, true);
      expect(fixed.code, fixed.output).toBe(0);
      expect(fixed.output).toMatch(/# pass 1/);
    },
    RUN_TIMEOUT_MS,
  );
});
