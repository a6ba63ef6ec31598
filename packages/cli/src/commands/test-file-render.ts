/**
 * The regression test `flashback export-test` writes: readable code for the app's own runner,
 * saying where each piece of state comes from. Pure.
 */
import type { ErrorPackage, TimelineEvent } from '@flashback/protocol/types';
import type { AppSpec, Fixture, OffRecordPolicy } from '@flashback/replay';
import type { TestRunner } from './test-runner-detect.js';

export interface TestFileInput {
  runner: TestRunner;
  pkg: ErrorPackage;
  fixture: Fixture;
  /** Where the failure came from, e.g. `issue 42 of project checkout`. */
  origin: string;
  /** Data directory relative to the test file, e.g. `./__flashback__/<id>`. */
  dataDir: string;
  /** App directory relative to the test file, e.g. `..`. */
  appDir: string;
  app: AppSpec;
  /** Variables taken from the test's own environment over the recorded configuration. */
  passEnv: readonly string[];
  offRecord: OffRecordPolicy;
  /** A 4xx the fixed app answers; otherwise any status below 500 passes. */
  expectStatus?: number;
  /** One line per recorded IO event, e.g. `db SELECT ... FROM customers`. */
  describeEvent: (event: TimelineEvent) => string;
}

export function renderTestFile(input: TestFileInput): string {
  const { pkg, runner } = input;
  const trigger = pkg.trigger?.kind === 'http' ? `${pkg.trigger.method} ${pkg.trigger.url}` : 'the trigger';
  const failure = `${pkg.error.type}: ${firstLine(pkg.error.message)}`;
  const expectation =
    input.expectStatus === undefined ? 'answers below 500' : `answers ${input.expectStatus}`;
  const lines = [
    '/**',
    ` * Regression test: ${trigger} must no longer fail with`,
    ` *   ${failure}`,
    ' *',
    ` * Exported by \`flashback export-test\` from ${input.origin}.`,
    ` * Captured by @flashback/node in ${pkg.service.name} ${pkg.service.version ?? ''} (${pkg.service.environment ?? 'unknown environment'}${pkg.service.commit ? `, commit ${pkg.service.commit.slice(0, 12)}` : ''}) at ${pkg.capturedAt}.`,
    ' *',
    ' * The test puts the app back into the state it was in when the request failed, sends the',
    ` * request again and checks that the app ${expectation}. It fails while the bug is there and`,
    ' * passes once it is fixed.',
    ' */',
    "import { fileURLToPath } from 'node:url';",
    "import { startReplayEnvironment } from '@flashback/replay';",
    ...(runner === 'vitest'
      ? ["import { expect, test } from 'vitest';"]
      : ["import assert from 'node:assert/strict';", "import { test } from 'node:test';"]),
    '',
    `const data = (name) => fileURLToPath(new URL(\`${input.dataDir}/\${name}\`, import.meta.url));`,
    '',
    ...packageComment(input),
    "const failedPackage = data('package.json');",
    '',
    ...fixtureComment(input.fixture),
    "const fixture = data('fixture.json');",
    '',
    ...appBlock(input),
    '',
    ...offRecordBlock(input.offRecord),
    '',
    ...testBlock(input, trigger, failure),
    '',
  ];
  return lines.join('\n');
}

function packageComment(input: TestFileInput): string[] {
  const io = input.pkg.timeline.filter((e) => e.type === 'db' || e.type === 'http' || e.type === 'redis');
  return [
    '// package.json: the error package captured when the request failed: the request itself, the',
    '// configuration the app ran with (addresses are pointed at the stand-ins below) and every IO',
    "// call it made. Stubs replay what the dependencies answered, in order; the app's clock reads",
    `// ${input.pkg.trigger?.startedAt ?? input.pkg.capturedAt}, when the request arrived. Recorded IO:`,
    ...io.map((e) => `//   #${e.seq} ${oneLine(input.describeEvent(e))} → ${recordedOutcome(e)}`),
    ...(io.length === 0 ? ['//   (none)'] : []),
  ];
}

function fixtureComment(fixture: Fixture): string[] {
  const tables = fixture.databases.flatMap((db) =>
    db.tables.map((t) => {
      const from = [...new Set(t.rows.flatMap((r) => r.from))].sort((a, b) => a - b);
      return `//   ${db.database} ${t.name}: ${t.rows.length} row(s)${from.length > 0 ? ` from the results of #${from.join(', #')}` : ''}`;
    }),
  );
  return [
    '// fixture.json: the database rows the request read, inferred from what its recorded queries',
    '// returned; edit it to change the state. Loaded into fresh databases for the test:',
    ...(tables.length === 0 ? ['//   (no database state)'] : tables),
  ];
}

function appBlock(input: TestFileInput): string[] {
  const { app } = input;
  const env = Object.entries(app.env ?? {});
  const lines = [
    '// How to start the app (flashback export-test --start, --ready-path, --env, --pass-env).',
    'const app = {',
    `  dir: fileURLToPath(new URL(${JSON.stringify(`${input.appDir}/`)}, import.meta.url)),`,
    `  start: ${JSON.stringify(app.start)},`,
    ...(app.port === undefined ? [] : [`  port: ${app.port},`]),
    ...(app.readyPath === undefined ? [] : [`  readyPath: ${JSON.stringify(app.readyPath)},`]),
  ];
  if (env.length > 0 || input.passEnv.length > 0) {
    lines.push('  // Over the recorded configuration.');
    lines.push('  env: {');
    for (const [name, value] of env) lines.push(`    ${JSON.stringify(name)}: ${JSON.stringify(value)},`);
    if (input.passEnv.length > 0) {
      lines.push("    // Taken from this test's own environment when set there.");
      lines.push(`    ...fromEnvironment(${JSON.stringify(input.passEnv)}),`);
    }
    lines.push('  },');
  }
  lines.push('};');
  if (input.passEnv.length > 0) {
    lines.push(
      '',
      'function fromEnvironment(names) {',
      '  return Object.fromEntries(names.filter((n) => process.env[n] !== undefined).map((n) => [n, process.env[n]]));',
      '}',
    );
  }
  return lines;
}

function offRecordBlock(policy: OffRecordPolicy): string[] {
  const http = policy.http ?? [];
  return [
    '// Calls the recording does not have (fixed code may retry, refresh a token, read a fallback):',
    '// Redis commands are answered as an empty server would; HTTP calls with these answers',
    '// (flashback export-test --respond), anything else is refused with status 599.',
    `const offRecord = ${JSON.stringify({ redis: policy.redis ?? 'refuse', http }, null, 2)};`,
  ];
}

function testBlock(input: TestFileInput, trigger: string, failure: string): string[] {
  const name = `${trigger} no longer fails with ${failure}`;
  const check =
    input.runner === 'vitest'
      ? input.expectStatus === undefined
        ? '    expect(response.status, await started.explain(response)).toBeLessThan(500);'
        : `    expect(response.status, await started.explain(response)).toBe(${input.expectStatus});`
      : input.expectStatus === undefined
        ? '    assert.ok(response.status < 500, await started.explain(response));'
        : `    assert.equal(response.status, ${input.expectStatus}, await started.explain(response));`;
  const body = [
    '  const replay = await startReplayEnvironment({ package: failedPackage, fixture, offRecord });',
    '  try {',
    '    const started = await replay.startApp(app);',
    `    // The recorded request, as it arrived: ${trigger}, same headers and body.`,
    '    const response = await started.fireTrigger();',
    check,
    '  } finally {',
    '    await replay.close();',
    '  }',
  ];
  return input.runner === 'vitest'
    ? [`test(${JSON.stringify(name)}, async () => {`, ...body, '}, 90_000);']
    : [`test(${JSON.stringify(name)}, { timeout: 90_000 }, async () => {`, ...body, '});'];
}

/** What the dependency answered, as the stubs and the fixture will answer again. */
function recordedOutcome(event: TimelineEvent): string {
  if (event.outcome === 'timeout') return 'timed out';
  if (event.outcome === 'error')
    return `failed: ${oneLine(event.error?.code ?? event.error?.message ?? 'error')}`;
  if (event.type === 'http' && event.status !== undefined) return String(event.status);
  if (event.type === 'db' && typeof event.rowCount === 'number') return `${event.rowCount} row(s)`;
  return event.outcome;
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 110 ? `${flat.slice(0, 109)}…` : flat;
}
