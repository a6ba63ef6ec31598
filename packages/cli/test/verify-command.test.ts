/**
 * `flashback verify`: the reproduction of a real checkout failure re-run against the app's current
 * code. From a package file it only prints the verdict; from an issue id it fetches the confirmed
 * reproduction from the collector and records the verification there, which decides whether the
 * issue may be resolved.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CreatedProject, createProject, type RunningServer, startServer } from '@flashback/server';
import { waitFor } from '@flashback-dev/test-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bugRequests, captureCheckoutPackages } from './support/checkout-capture.js';
import { REPO_ROOT, runCli } from './support/run-cli.js';

const CHECKOUT = join(REPO_ROOT, 'examples/checkout');
const RUN_TIMEOUT_MS = 90_000;
// Tier 3 (the cause is not in the timeline): the collector reproduces it on its own.
const unexplained = bugRequests.find((b) => b.id === 'installments-duplicate-payments');
// Tier 2 (a query returned no row): explained, never reproduced.
const explained = bugRequests.find((b) => b.id === 'deleted-customer');

let scratch: string;
let packageFiles: Map<string, string>;
let server: RunningServer;
let project: CreatedProject;
let reproducedIssue: string;
let explainedIssue: string;

beforeAll(async () => {
  if (!unexplained || !explained) throw new Error('the checkout bugs changed');
  scratch = await mkdtemp(join(tmpdir(), 'verify-command-'));
  packageFiles = await captureCheckoutPackages([unexplained, explained], scratch);
  server = await startServer({
    port: 0,
    dataDir: join(scratch, 'collector'),
    replay: {
      configuredServices: {
        checkout: { name: 'checkout', dir: CHECKOUT, start: 'node src/server.js', readyPath: '/health' },
      },
      sandbox: 'process',
    },
  });
  project = await createProject('shop', { storage: server.app.flashbackStorage });
  reproducedIssue = await ingest(unexplained.id);
  explainedIssue = await ingest(explained.id);
  await waitFor(async () => (await issue(reproducedIssue)).reproductions[0]?.status === 'reproduced', {
    timeoutMs: 60_000,
    what: 'the collector to reproduce the tier-3 issue',
  });
}, 150_000);

afterAll(async () => {
  await server?.close();
  await rm(scratch, { recursive: true, force: true });
});

async function ingest(bugId: string): Promise<string> {
  const pkg = JSON.parse(await readFile(packageFiles.get(bugId) as string, 'utf8')) as { id: string };
  const response = await fetch(`${server.url}/api/shop/packages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-flashback-key': project.ingestKey },
    body: JSON.stringify({ packages: [pkg] }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  const stored = await get(`/api/projects/shop/packages/${pkg.id}`);
  return stored.issueId as string;
}

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies of the read API, checked field by field.
async function get(path: string): Promise<any> {
  const response = await fetch(`${server.url}${path}`, {
    headers: { authorization: `Bearer ${project.readToken}` },
  });
  expect(response.status, path).toBe(200);
  return response.json();
}

const issue = (id: string) => get(`/api/projects/shop/issues/${id}`);
const collector = () => ['--server', server.url, '--token', project.readToken];

describe('flashback verify from a package file, without a collector', () => {
  it(
    'says still-failing against the buggy code (exit 1)',
    async () => {
      const run = await runCli([
        'verify',
        packageFiles.get(explained?.id ?? '') as string,
        '--app',
        CHECKOUT,
        '--sandbox',
        'process',
      ]);
      expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(1);
      expect(run.stdout).toMatch(
        /^STILL-FAILING {2}fails as before: TypeError: Cannot read properties of undefined \(reading 'blocked'\)/,
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'says fixed when the fixed variant answers its clean 404 (exit 0)',
    async () => {
      const file = packageFiles.get(explained?.id ?? '') as string;
      const run = await runCli([
        'verify',
        file,
        '--app',
        CHECKOUT,
        '--sandbox',
        'process',
        '--env',
        'CHECKOUT_FIXED=1',
        '--json',
      ]);
      expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
      const result = JSON.parse(run.stdout);
      expect(result).toMatchObject({ outcome: 'fixed', summary: 'no longer fails: answered 404' });
      expect(result.verdict.status).toBe('not-reproduced');
    },
    RUN_TIMEOUT_MS,
  );
});

describe('flashback verify <issue id>, recorded on the collector', () => {
  it(
    'records still-failing, then fixed, and the issue resolves only after the fixed one',
    async () => {
      const refused = await resolve(reproducedIssue);
      expect(refused.status).toBe(409);

      const before = await runCli([
        'verify',
        reproducedIssue,
        '--app',
        CHECKOUT,
        '--sandbox',
        'process',
        ...collector(),
      ]);
      expect(before.code, `${before.stdout}\n${before.stderr}`).toBe(1);
      expect(before.stdout).toContain('STILL-FAILING  fails as before: RangeError: Invalid array length');
      expect(before.stdout).toContain(`recorded on issue ${reproducedIssue} of project shop`);

      const after = await runCli([
        'verify',
        reproducedIssue,
        '--app',
        CHECKOUT,
        '--sandbox',
        'process',
        '--env',
        'CHECKOUT_FIXED=1',
        ...collector(),
      ]);
      expect(after.code, `${after.stdout}\n${after.stderr}`).toBe(0);
      expect(after.stdout).toContain('FIXED  no longer fails: answered 200');

      const detail = await issue(reproducedIssue);
      expect(detail.verifications.map((v: { outcome: string }) => v.outcome)).toEqual([
        'fixed',
        'still-failing',
      ]);
      expect(detail.verifications[0].verdict.status).toBe('not-reproduced');
      expect((await resolve(reproducedIssue)).status).toBe(200);
      expect((await issue(reproducedIssue)).issue.status).toBe('resolved');
    },
    2 * RUN_TIMEOUT_MS,
  );

  it('lets export-test start from the same issue id, naming it in the test and its data files', async () => {
    const out = join(scratch, 'exported', 'installments.test.mjs');
    const run = await runCli([
      'export-test',
      reproducedIssue,
      '--app',
      CHECKOUT,
      '--out',
      out,
      ...collector(),
    ]);
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    const source = await readFile(out, 'utf8');
    expect(source).toContain(`from issue ${reproducedIssue} of project shop (${server.url}), package `);
    expect(source).toContain(`./__flashback__/${reproducedIssue}/`);
    // The checkout declares no test runner: node:test.
    expect(source).toContain("import { test } from 'node:test';");
    const saved = JSON.parse(
      await readFile(join(scratch, 'exported/__flashback__', reproducedIssue, 'package.json'), 'utf8'),
    );
    expect(saved.error.type).toBe('RangeError');
  });

  it('refuses an issue without a confirmed reproduction, saying so, and records nothing', async () => {
    const run = await runCli(['verify', explainedIssue, '--app', CHECKOUT, ...collector()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`issue ${explainedIssue}`);
    expect(run.stderr).toContain('has no confirmed reproduction (none was run)');
    expect((await issue(explainedIssue)).verifications).toEqual([]);
  });

  it('refuses an unknown issue id, and one without a token', async () => {
    const unknown = await runCli(['verify', 'no-such-issue', '--app', CHECKOUT, ...collector()]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      `the collector at ${server.url} has no issue no-such-issue that this token can read`,
    );
    const noToken = await runCli(['verify', reproducedIssue, '--app', CHECKOUT, '--server', server.url]);
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain(
      "give a read token of the issue's project: --token <token> or FLASHBACK_TOKEN",
    );
  });

  it('says where the collector is not reachable', async () => {
    const closed = await closedPort();
    const url = `http://127.0.0.1:${closed}`;
    const run = await runCli(['verify', reproducedIssue, '--app', CHECKOUT, '--server', url, '--token', 'x']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`cannot reach the collector at ${url} (ECONNREFUSED); is it running?`);
  });
});

/** A port nothing listens on: taken, then given back. */
async function closedPort(): Promise<number> {
  const listener = net.createServer();
  await new Promise<void>((done) => listener.listen(0, '127.0.0.1', done));
  const { port } = listener.address() as net.AddressInfo;
  await new Promise<void>((done) => listener.close(() => done()));
  return port;
}

function resolve(issueId: string): Promise<Response> {
  return fetch(`${server.url}/api/projects/shop/issues/${issueId}/resolve`, {
    method: 'POST',
    headers: { authorization: `Bearer ${project.readToken}`, 'content-type': 'application/json' },
    body: '{}',
  });
}
