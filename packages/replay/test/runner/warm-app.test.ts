import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseNodeStart, preloadsOf, type WarmAppSpec, warmStartBlocker } from '../../src/runner/warm-app.js';

// The warm process runs the compiled warm-app-main.js beside the compiled warm-app.js.
const { spawnWarmApp } = (await import(
  new URL('../../dist/runner/warm-app.js', import.meta.url).href
)) as typeof import('../../src/runner/warm-app.js');

describe('parseNodeStart', () => {
  it.each([
    ['node src/server.js', { nodeArgs: [], entry: 'src/server.js', args: [] }],
    [
      'exec node --enable-source-maps app.js --port=3000',
      { nodeArgs: ['--enable-source-maps'], entry: 'app.js', args: ['--port=3000'] },
    ],
    [
      'node --max-old-space-size=512 dist/main.cjs serve',
      { nodeArgs: ['--max-old-space-size=512'], entry: 'dist/main.cjs', args: ['serve'] },
    ],
  ])('%s', (start, parsed) => {
    expect(parseNodeStart(start)).toEqual(parsed);
  });

  it.each([
    'npm start',
    'node',
    'node --import ./otel.js app.js', // a preload flag's value is the next word
    'node -r ts-node/register app.ts',
    'node app.js > log.txt',
    'NODE_ENV=production node app.js',
    'node "$ENTRY"',
  ])('refuses %s', (start) => {
    expect(parseNodeStart(start)).toBeUndefined();
  });
});

describe('preloadsOf and warmStartBlocker', () => {
  const warm: WarmAppSpec = { dir: '/app', start: 'node server.js', sdkRegister: '/sdk/dist/register.js' };

  it('reads the preloads of NODE_OPTIONS in order, and nothing else', () => {
    expect(preloadsOf(undefined)).toEqual([]);
    expect(preloadsOf('--import /sdk/register.js --require=/a.cjs -r /b.cjs')).toEqual([
      '/sdk/register.js',
      '/a.cjs',
      '/b.cjs',
    ]);
    expect(preloadsOf('--import /sdk/register.js --max-old-space-size=512')).toBeUndefined();
    expect(preloadsOf('--import')).toBeUndefined();
  });

  it('serves the job of the app it loaded, with an environment a running Node can take', () => {
    const env = { NODE_OPTIONS: '--import /sdk/dist/register.js', PORT: '3000' };
    expect(warmStartBlocker(warm, warm, env)).toBeUndefined();
    expect(warmStartBlocker(warm, { ...warm, start: 'node other.js' }, env)).toMatch(/another app/);
    expect(
      warmStartBlocker(warm, warm, { NODE_OPTIONS: '--import /sdk/dist/register.js --inspect' }),
    ).toMatch(/flags only a starting Node takes/);
    expect(warmStartBlocker(warm, warm, { NODE_OPTIONS: '--import dd-trace/register' })).toMatch(
      /a package by name/,
    );
    expect(warmStartBlocker(warm, warm, { ...env, NODE_EXTRA_CA_CERTS: '/work/ca.pem' })).toMatch(
      /certificate authority/,
    );
  });
});

describe('spawnWarmApp', () => {
  let root: string;
  let spec: WarmAppSpec;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'warm-app-'));
    const app = join(root, 'app');
    const sdk = join(root, 'sdk');
    await mkdir(join(app, 'node_modules/slow-dep'), { recursive: true });
    await mkdir(sdk, { recursive: true });
    await writeFile(
      join(app, 'package.json'),
      JSON.stringify({ name: 'app', dependencies: { 'slow-dep': '1.0.0' } }),
    );
    // Notes the environment it was loaded in: loaded ahead, the run's variables are not there yet.
    await writeFile(
      join(app, 'node_modules/slow-dep/index.js'),
      'module.exports = { loadedWith: process.env.RUN_MARK ?? "nothing yet", pid: process.pid };',
    );
    await writeFile(
      join(app, 'node_modules/slow-dep/package.json'),
      JSON.stringify({ name: 'slow-dep', main: 'index.js' }),
    );
    await writeFile(
      join(app, 'server.cjs'),
      `const dep = require('slow-dep');
      if (require.main === module) {
        process.stdout.write(JSON.stringify({
          dep: dep.loadedWith, mark: process.env.RUN_MARK, argv: process.argv.slice(1), cwd: process.cwd(),
          sdkModulesEarly: globalThis.sdkModulesLoadedWith, sdkStartedWith: globalThis.sdkStartedWith,
        }) + '\\n');
      }`,
    );
    // A stand-in SDK: its module graph (sdk.js) loads ahead; register.js starts it with the run's environment.
    await writeFile(
      join(sdk, 'sdk.js'),
      'globalThis.sdkModulesLoadedWith = process.env.RUN_MARK ?? "nothing yet";',
    );
    await writeFile(join(sdk, 'register.js'), 'globalThis.sdkStartedWith = process.env.RUN_MARK;');
    spec = { dir: app, start: 'node server.cjs --flag', sdkRegister: join(sdk, 'register.js') };
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('loads ahead, then runs the entry as the main module with the run environment and the SDK preload', async () => {
    const warm = spawnWarmApp(spec, { PATH: process.env.PATH ?? '' });
    if (!warm) throw new Error('the start command should be loadable ahead');
    await warm.loaded;
    const app = warm.start({
      env: { RUN_MARK: 'run 1', NODE_OPTIONS: `--import ${spec.sdkRegister}`, PATH: process.env.PATH ?? '' },
      cwd: spec.dir,
    });
    const exit = await app.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    const line = app.log().trim().split('\n').at(-1) ?? '';
    expect(JSON.parse(line)).toEqual({
      dep: 'nothing yet',
      mark: 'run 1',
      argv: [join(spec.dir, 'server.cjs'), '--flag'],
      cwd: spec.dir,
      sdkModulesEarly: 'nothing yet',
      sdkStartedWith: 'run 1',
    });
  });

  it('ends quietly when discarded before a run', async () => {
    const warm = spawnWarmApp(spec, { PATH: process.env.PATH ?? '' });
    if (!warm) throw new Error('the start command should be loadable ahead');
    await warm.loaded;
    warm.discard();
    await expect(warm.loaded).resolves.toBeUndefined();
  });
});
