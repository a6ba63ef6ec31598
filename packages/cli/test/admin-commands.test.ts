import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from './support/run-cli.js';

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'flashback-cli-admin-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const data = () => ['--data', dataDir];

describe('flashback projects create', () => {
  it('creates a project once and prints its DSN and read token', async () => {
    const run = await runCli(['projects', 'create', 'shop', ...data(), '--json']);
    expect(run.code, run.stderr).toBe(0);
    const created = JSON.parse(run.stdout) as { dsn: string; readToken: string; ingestKey: string };
    expect(created.dsn).toBe(`http://${created.ingestKey}@127.0.0.1:4700/shop`);
    expect(created.readToken).toMatch(/^fbt_[0-9a-f]{64}$/);

    const again = await runCli(['projects', 'create', 'shop', ...data()]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('project "shop" exists already');
  });

  it.each([
    [['projects', 'create', 'Bad Name', '--data', '/tmp/x'], 'cannot create project "Bad Name"'],
    [['projects'], 'projects needs a subcommand: create'],
    [['projects', 'drop', 'x'], 'projects has no "drop"; it takes a subcommand: create'],
    [['services', 'add', 'checkout', '--app', '.'], 'services add needs --project <name>'],
  ])('%j is refused with a clear message', async (args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});

describe('flashback services', () => {
  it('adds, replaces, lists and removes an app spec', async () => {
    await runCli(['projects', 'create', 'svc', ...data()]);
    const app = join(REPO_ROOT, 'examples/checkout');
    const add = await runCli([
      'services',
      'add',
      'checkout',
      '--project',
      'svc',
      '--app',
      app,
      '--start',
      'node src/server.js',
      '--ready-path',
      '/health',
      '--env',
      'A=1',
      ...data(),
    ]);
    expect(add.code, add.stderr).toBe(0);
    await runCli([
      'services',
      'add',
      'checkout',
      '--project',
      'svc',
      '--app',
      app,
      '--start',
      'npm start',
      ...data(),
    ]);
    const list = await runCli(['services', 'list', '--project', 'svc', '--json', ...data()]);
    expect(JSON.parse(list.stdout)).toEqual([{ name: 'checkout', dir: app, start: 'npm start' }]);

    expect((await runCli(['services', 'rm', 'checkout', '--project', 'svc', ...data()])).code).toBe(0);
    const empty = await runCli(['services', 'list', '--project', 'svc', ...data()]);
    expect(empty.stdout).toBe('No services registered.\n');
    const gone = await runCli(['services', 'rm', 'checkout', '--project', 'svc', ...data()]);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toContain('project svc has no service "checkout"');
  });

  it('refuses an app directory that does not exist and a project that does not', async () => {
    await runCli(['projects', 'create', 'svc2', ...data()]);
    const missingDir = await runCli([
      'services',
      'add',
      'x',
      '--project',
      'svc2',
      '--app',
      '/nonexistent/app',
      '--start',
      'node .',
      ...data(),
    ]);
    expect(missingDir.code).toBe(2);
    expect(missingDir.stderr).toContain('app directory /nonexistent/app does not exist');
    const noProject = await runCli([
      'services',
      'add',
      'x',
      '--project',
      'nope',
      '--app',
      REPO_ROOT,
      '--start',
      'node .',
      ...data(),
    ]);
    expect(noProject.code).toBe(2);
    expect(noProject.stderr).toContain('there is no project "nope"');
  });
});

describe('flashback webhooks', () => {
  it('adds, lists (without the secret) and removes a webhook; refuses what is not an http URL', async () => {
    await runCli(['projects', 'create', 'hooks', ...data()]);
    const add = await runCli([
      'webhooks',
      'add',
      'https://chat.example.com/hook',
      '--project',
      'hooks',
      '--secret',
      's3cret',
      ...data(),
    ]);
    expect(add.code, add.stderr).toBe(0);
    const list = JSON.parse(
      (await runCli(['webhooks', 'list', '--project', 'hooks', '--json', ...data()])).stdout,
    );
    expect(list).toEqual([
      expect.objectContaining({
        url: 'https://chat.example.com/hook',
        events: ['issue.escalated'],
        signed: true,
      }),
    ]);
    expect(JSON.stringify(list)).not.toContain('s3cret');
    expect((await runCli(['webhooks', 'rm', list[0].id, ...data()])).code).toBe(0);

    for (const [url, message] of [
      ['not a url', '"not a url" is not a URL'],
      ['ftp://files.example.com/x', 'webhook URLs are http or https, got ftp:'],
    ]) {
      const bad = await runCli(['webhooks', 'add', url as string, '--project', 'hooks', ...data()]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain(message);
    }
  });
});

describe('flashback serve', () => {
  it('refuses a configuration file that is not valid, naming the problem', async () => {
    const config = join(dataDir, 'flashback.config.json');
    await writeFile(config, JSON.stringify({ services: { checkout: { app: '.', start: '', port: 'x' } } }));
    const run = await runCli(['serve', '--port', '0', '--config', config, ...data()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is not a valid configuration');
    expect(run.stderr).toContain('services.checkout.start');
    expect(run.stderr).toContain('services.checkout.port');
  });
});
