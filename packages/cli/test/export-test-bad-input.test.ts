/**
 * Input `flashback export-test` cannot work with: each ends with a message saying what was wrong,
 * exit code 2, and nothing written into the app's directory.
 */
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CreatedProject, createProject, type RunningServer, startServer } from '@flashback/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackage } from '../../replay/test/runner/support/package-builder.js';
import { type CliRun, runCli } from './support/run-cli.js';

let scratch: string;
let appDir: string;
let packageFile: string;
let server: RunningServer;
let project: CreatedProject;
let queuedIssue: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'export-test-bad-input-'));
  appDir = join(scratch, 'app');
  await mkdir(appDir);
  await writeFile(join(appDir, 'package.json'), JSON.stringify({ name: 'shop', type: 'module' }));
  const pkg = buildPackage();
  packageFile = join(scratch, 'package.json');
  await writeFile(packageFile, JSON.stringify(pkg));
  // No reproduction worker: the issue's reproduction stays queued, never confirmed.
  server = await startServer({ port: 0, dataDir: join(scratch, 'collector') });
  project = await createProject('shop', { storage: server.app.flashbackStorage });
  const ingested = await fetch(`${server.url}/api/shop/packages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-flashback-key': project.ingestKey },
    body: JSON.stringify({ packages: [pkg] }),
  });
  expect(ingested.status).toBe(200);
  const stored = await fetch(`${server.url}/api/projects/shop/packages/${pkg.id}`, {
    headers: { authorization: `Bearer ${project.readToken}` },
  });
  queuedIssue = ((await stored.json()) as { issueId: string }).issueId;
});

afterAll(async () => {
  await server?.close();
  await rm(scratch, { recursive: true, force: true });
});

async function exportTest(input: string, ...options: string[]): Promise<CliRun> {
  const run = await runCli(['export-test', input, '--app', appDir, '--start', 'node server.js', ...options]);
  expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(2);
  expect(await readdir(appDir), 'files written into the app').toEqual(['package.json']);
  return run;
}

const collector = () => ['--server', server.url, '--token', project.readToken];

describe('flashback export-test refuses', () => {
  it('an unknown issue id', async () => {
    const run = await exportTest('no-such-issue', '--out', join(appDir, 'a.test.js'), ...collector());
    expect(run.stderr).toContain(
      `the collector at ${server.url} has no issue no-such-issue that this token can read`,
    );
  });

  it('an issue without a confirmed reproduction', async () => {
    const run = await exportTest(queuedIssue, '--out', join(appDir, 'b.test.js'), ...collector());
    expect(run.stderr).toContain(`issue ${queuedIssue}`);
    expect(run.stderr).toContain('has no confirmed reproduction (reproductions: queued)');
  });

  it('an output file that exists', async () => {
    const out = join(scratch, 'existing.test.js');
    await writeFile(out, '// mine\n');
    const run = await exportTest(packageFile, '--out', out);
    expect(run.stderr).toContain(`${out} exists already; choose another --out`);
  });

  it('a .js file in an app that is not an ES module package', async () => {
    const commonJs = join(scratch, 'cjs-app');
    await mkdir(commonJs);
    await writeFile(join(commonJs, 'package.json'), JSON.stringify({ name: 'legacy' }));
    const run = await runCli([
      'export-test',
      packageFile,
      '--app',
      commonJs,
      '--start',
      'node s.js',
      '--out',
      join(commonJs, 'r.test.js'),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is not "type": "module"; name it .mjs');
    expect(await readdir(commonJs)).toEqual(['package.json']);
  });

  it('a status that is not a 4xx, and answers that are not a list of answers', async () => {
    const status = await exportTest(
      packageFile,
      '--out',
      join(appDir, 'c.test.js'),
      '--expect-status',
      '302',
    );
    expect(status.stderr).toContain('--expect-status takes a 4xx status, got 302');
    const answers = join(scratch, 'answers.json');
    await writeFile(answers, JSON.stringify([{ method: 'POST', path: 'v1/charges', status: 200 }]));
    const respond = await exportTest(packageFile, '--out', join(appDir, 'd.test.js'), '--respond', answers);
    expect(respond.stderr).toContain(`${answers} is not a list of answers: 0.path:`);
  });
});
