/**
 * `flashback bisect` on a repository the test builds: a small price service whose bug (reading a
 * field the upstream does not send) arrives in commit 3 of 5. A package is captured from the bad
 * commit with the SDK, then bisect reproduces it across the commits in worktrees outside the
 * repository (process sandbox: the worktrees live under a temp HOME that the namespace sandbox's
 * unprivileged user could not read). The repository is left exactly as it was.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '@flashback-dev/test-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from './support/run-cli.js';

const SERVER_GOOD = `import { createServer } from 'node:http';
import { captureException } from '@flashback/node';

const upstream = process.env.UPSTREAM_URL;

createServer(async (req, res) => {
  if (req.url === '/health') return res.end('ok');
  try {
    const sku = req.url.split('/').pop();
    const price = await (await fetch(\`\${upstream}/prices/\${sku}\`)).json();
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ sku, display: formatPrice(price) }));
  } catch (error) {
    captureException(error);
    res.statusCode = 500;
    res.end(String(error));
  }
}).listen(Number(process.env.PORT), '127.0.0.1');

function formatPrice(price) {
  return \`\${(price.amount / 100).toFixed(2)} \${price.currency}\`;
}
`;
// Commit 3: prices are assumed to come nested, which the upstream never does.
const SERVER_BAD = SERVER_GOOD.replace(/price\.(amount|currency)/g, 'price.value.$1');

let scratch: string;
let repo: string;
let home: string;
let upstream: http.Server;
let packageFile: string;
const commits: string[] = [];
const installLog = () => join(scratch, 'installs.log');
// What `--install` stands for in a real project: provides the SDK (a link to the workspace's) and
// logs each run, to show it runs once per lockfile.
const install = () =>
  `echo run >> ${installLog()} && mkdir -p node_modules/@flashback && ln -s ${join(REPO_ROOT, 'packages/node')} node_modules/@flashback/node`;

async function sh(cwd: string, command: string): Promise<string> {
  const child = spawn('/bin/sh', ['-c', command], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'close')) as [number];
  if (code !== 0) throw new Error(`${command} failed (${code}): ${output}`);
  return output.trim();
}

async function commit(files: Record<string, string>, subject: string): Promise<void> {
  for (const [name, text] of Object.entries(files)) await writeFile(join(repo, name), text);
  await sh(repo, `git add -A && git commit -q -m "${subject}"`);
  commits.push(await sh(repo, 'git rev-parse HEAD'));
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'bisect-command-'));
  await chmod(scratch, 0o755);
  repo = join(scratch, 'prices');
  home = join(scratch, 'home');
  await mkdir(repo);
  await mkdir(home);
  await sh(repo, 'git init -q && git config user.email dev@example.com && git config user.name Dev');
  await commit(
    {
      'package.json': JSON.stringify({ name: 'prices', version: '1.0.0', type: 'module' }),
      'package-lock.json': JSON.stringify({ name: 'prices', lockfileVersion: 3, packages: {} }),
      '.gitignore': 'node_modules\n',
      'server.js': SERVER_GOOD,
    },
    'Price service: show a SKU price from the pricing upstream',
  );
  await commit({ 'README.md': '# prices\n' }, 'README');
  await commit({ 'server.js': SERVER_BAD }, 'Read prices from the v2 envelope');
  await commit({ 'CHANGELOG.md': '- v2 envelope\n' }, 'Changelog');
  await commit({ 'README.md': '# prices\n\nGET /price/<sku>\n' }, 'README: the route');

  upstream = http.createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ sku: req.url?.split('/').pop(), amount: 1250, currency: 'usd' }));
  });
  await new Promise<void>((done) => upstream.listen(0, '127.0.0.1', done));
  packageFile = await captureFromHead();
}, 60_000);

afterAll(async () => {
  await new Promise<void>((done) => upstream?.close(() => done()));
  await rm(scratch, { recursive: true, force: true });
});

/** Runs the bad commit (HEAD) with the SDK, fails one request, and keeps the package it wrote. */
async function captureFromHead(): Promise<string> {
  await sh(repo, install());
  const output = join(scratch, 'captured');
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const app = spawn(process.execPath, ['--import', '@flashback/node/register', 'server.js'], {
    cwd: repo,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      PORT: String(port),
      UPSTREAM_URL: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`,
      FLASHBACK_OUTPUT_DIR: output,
      FLASHBACK_ENV_ALLOWLIST: 'UPSTREAM_URL',
    },
    stdio: 'ignore',
  });
  try {
    await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined))?.ok, {
      what: 'the price service to start',
    });
    expect((await fetch(`http://127.0.0.1:${port}/price/MUG-01`)).status).toBe(500);
    const [name] = await waitFor(
      async () => {
        // Complete packages only: the SDK writes `.<id>.json.<pid>.tmp` first, then renames it.
        const files = existsSync(output) ? await readdir(output) : [];
        const packages = files.filter((file) => file.endsWith('.json') && !file.startsWith('.'));
        return packages.length > 0 ? packages : undefined;
      },
      { what: 'the package of the failed request' },
    );
    return join(output, name as string);
  } finally {
    app.kill();
  }
}

async function repoState(): Promise<string> {
  return `${await sh(repo, 'git status --porcelain')}\n${await sh(repo, 'git worktree list --porcelain')}`;
}

function bisect(...extra: string[]) {
  return runCli(
    ['bisect', packageFile, '--app', repo, '--start', 'node server.js', '--sandbox', 'process', ...extra],
    {
      env: { HOME: home },
    },
  );
}

describe('flashback bisect (process sandbox, worktrees under a temp HOME)', () => {
  it('finds the commit that introduced the failure, shows its diff summary, and leaves the repository as it was', async () => {
    const before = await repoState();
    const run = await bisect('--good', commits[0] as string, '--bad', 'HEAD', '--install', install());
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toContain(`first bad commit ${commits[2]} Read prices from the v2 envelope`);
    expect(run.stdout).toMatch(/server\.js \| 2 \+-\n 1 file changed, 1 insertion\(\+\), 1 deletion\(-\)/);
    // Progress per step: the endpoints, then the search.
    expect(run.stderr).toMatch(/\[1\/~\d\] [0-9a-f]{7} README: the route/);
    expect(run.stderr).toContain('→ bad');
    expect(run.stderr).toContain('→ good');
    expect(run.stderr).toContain('install: reused for the same lockfile');
    // Once for the capture in the repository itself, once for the first worktree: the lockfile never changes.
    expect((await readFile(installLog(), 'utf8')).trim().split('\n')).toHaveLength(2);
    expect(await repoState()).toBe(before);
    expect(await readdir(join(home, '.cache/flashback/bisect'))).toHaveLength(1);
  }, 180_000);

  it('refuses a dirty work tree, changing nothing', async () => {
    await writeFile(join(repo, 'notes.txt'), 'wip\n');
    try {
      const before = await repoState();
      const run = await bisect('--good', commits[0] as string, '--bad', 'HEAD');
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        `the work tree of ${repo} has uncommitted changes; commit or stash them first`,
      );
      expect(run.stderr).toContain('?? notes.txt');
      expect(await repoState()).toBe(before);
    } finally {
      await rm(join(repo, 'notes.txt'));
    }
  });

  it('refuses a revision that does not exist, and endpoints in the wrong order', async () => {
    const before = await repoState();
    const unknown = await bisect('--good', 'v9.9.9', '--bad', 'HEAD');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(`--good v9.9.9: there is no such commit in ${repo}`);
    const reversed = await bisect('--good', 'HEAD', '--bad', commits[0] as string);
    expect(reversed.code).toBe(2);
    expect(reversed.stderr).toContain('--good HEAD must be an earlier commit than --bad');
    expect(await repoState()).toBe(before);
  });

  it('refuses a --bad commit where the failure does not reproduce, removing its worktrees', async () => {
    const before = await repoState();
    const run = await bisect(
      '--good',
      commits[0] as string,
      '--bad',
      commits[1] as string,
      '--install',
      install(),
    );
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(2);
    expect(run.stderr).toContain(`the failure does not reproduce at --bad ${commits[1]}: nothing to bisect`);
    expect(await repoState()).toBe(before);
  }, 60_000);
});
