/** `flashback export-test <package.json | issue id> --out <file> --app <dir>`: a regression test for the app's runner. */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import type { CliDeps } from '../cli-deps.js';
import type { CommandDefinition, CommandInput } from '../command-types.js';
import { CliError } from '../errors.js';
import { EXIT_OK } from '../exit-codes.js';
import { APP_OPTIONS, appSpecOf, offRecordOf } from './app-spec-options.js';
import { COLLECTOR_OPTIONS } from './collector-client.js';
import { loadFailure } from './failure-source.js';
import { renderTestFile } from './test-file-render.js';
import { detectRunner, readAppManifest, type TestRunner } from './test-runner-detect.js';
import { WorkflowError } from './workflow-errors.js';

export const exportTestCommand: CommandDefinition = {
  name: 'export-test',
  summary:
    "write a regression test for the app's own runner: fails while the bug is there, passes once fixed",
  positionals: [
    {
      name: 'package.json | issue id',
      description: 'an error package, or an issue with a confirmed reproduction',
    },
  ],
  options: {
    out: { kind: 'string', value: '<file>', required: true, description: 'the test file to write' },
    app: {
      kind: 'string',
      value: '<dir>',
      description: 'directory of the app (its package.json names the runner)',
      defaultText: 'the current directory',
    },
    ...APP_OPTIONS,
    'pass-env': {
      kind: 'string',
      value: '<NAME>',
      multiple: true,
      description: 'variable the test takes from its own environment, over the recorded one',
    },
    'expect-status': {
      kind: 'integer',
      value: '<4xx>',
      description: 'the status the fixed app answers, when it refuses the request cleanly',
      defaultText: 'any status below 500',
    },
    runner: {
      kind: 'choice',
      value: '<runner>',
      choices: ['vitest', 'node'],
      description: 'vitest or node (node:test)',
      defaultText: "vitest if the app's package.json has it, else node",
    },
    ...COLLECTOR_OPTIONS,
  },
  exitCodes: '0 written, 2 could not (unknown issue, no confirmed reproduction, the file exists, bad input)',
  run: runExportTest,
};

async function runExportTest({ positionals, options }: CommandInput, deps: CliDeps): Promise<number> {
  const out = resolve(String(options.out));
  if (existsSync(out))
    throw new CliError('FB_CLI_OUTPUT_EXISTS', `${out} exists already; choose another --out`);
  const expectStatus = options['expect-status'];
  if (typeof expectStatus === 'number' && (expectStatus < 400 || expectStatus > 499)) {
    throw new CliError(
      'FB_CLI_USAGE',
      `export-test: --expect-status takes a 4xx status, got ${expectStatus}`,
    );
  }
  const appDir = resolve(typeof options.app === 'string' ? options.app : '.');
  const manifest = await readAppManifest(appDir);
  if (extname(out) === '.js' && manifest.type !== 'module') {
    throw new WorkflowError(
      'FB_CLI_BAD_INPUT',
      `${out}: the test is an ES module and the app's package.json is not "type": "module"; name it .mjs`,
    );
  }
  const failure = await loadFailure(positionals[0] ?? '', options);
  const { pkg } = failure;
  const app = await appSpecOf(appDir, options, pkg);
  const offRecord = await offRecordOf(options);
  const runner = (options.runner as TestRunner | undefined) ?? detectRunner(manifest);
  const { describeEvent, inferFixture } = await import('@flashback/replay');
  const fixture = inferFixture(pkg);

  const dataName = failure.issue?.id ?? pkg.id;
  const dataDir = join(dirname(out), '__flashback__', dataName);
  const source = renderTestFile({
    runner,
    pkg,
    fixture,
    origin: failure.origin,
    dataDir: `./${relative(dirname(out), dataDir).split(sep).join('/')}`,
    appDir: relativeUrl(dirname(out), appDir),
    app,
    passEnv: (options['pass-env'] as string[] | undefined) ?? [],
    offRecord,
    ...(typeof expectStatus === 'number' ? { expectStatus } : {}),
    describeEvent,
  });
  await mkdir(dataDir, { recursive: true });
  await writeFile(join(dataDir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  await writeFile(join(dataDir, 'fixture.json'), `${JSON.stringify(fixture, null, 2)}\n`);
  await writeFile(out, source, { flag: 'wx' });
  deps.stdout(
    [
      `Wrote ${out} (${runner === 'vitest' ? 'Vitest' : 'node:test'})`,
      `  data: ${join(dataDir, 'package.json')}, ${join(dataDir, 'fixture.json')}`,
      `  run:  ${runner === 'vitest' ? `npx vitest run ${relative(appDir, out)}` : `node --test ${relative(appDir, out)}`}`,
      '',
    ].join('\n'),
  );
  return EXIT_OK;
}

/** `..`, `.` or `../app`: the app directory as a URL path relative to the test file. */
function relativeUrl(from: string, to: string): string {
  const path = relative(from, to).split(sep).join('/');
  return path === '' ? '.' : path.startsWith('.') ? path : `./${path}`;
}
