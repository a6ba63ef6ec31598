import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../src/args-parse.js';
import { reproCommand } from '../src/commands/repro-command.js';
import { parseDuration } from '../src/duration-parse.js';
import { commandUsage, generalUsage } from '../src/usage-text.js';

describe('parseCommandLine', () => {
  it('parses repro with every option', () => {
    const line = parseCommandLine([
      'repro',
      'pkg.json',
      '--app',
      'examples/checkout',
      '--start=node src/server.js',
      '--port',
      '3000',
      '--ready-path',
      '/health',
      '--env',
      'A=1',
      '--env',
      'B=x=y',
      '--sandbox',
      'process',
      '--timeout',
      '90s',
      '--json',
    ]);
    expect(line).toMatchObject({
      kind: 'command',
      command: { name: 'repro' },
      positionals: ['pkg.json'],
      options: {
        app: 'examples/checkout',
        start: 'node src/server.js',
        port: 3000,
        'ready-path': '/health',
        env: { A: '1', B: 'x=y' },
        sandbox: 'process',
        timeout: 90_000,
        json: true,
      },
    });
  });

  it.each([
    [['nope'], 'unknown command "nope"'],
    [['repro', 'p.json', '--start', 'x'], 'repro needs --app <dir>'],
    [['repro', '--app', '.', '--start', 'x'], 'repro takes <package.json>; got nothing'],
    [['repro', 'a.json', 'b.json', '--app', '.', '--start', 'x'], 'got a.json b.json'],
    [['repro', 'p.json', '--app', '.', '--start', 'x', '--port', '70000'], '--port expects a TCP port'],
    [
      ['repro', 'p.json', '--app', '.', '--start', 'x', '--sandbox', 'vm'],
      '--sandbox expects one of process, namespace',
    ],
    [['repro', 'p.json', '--app', '.', '--start', 'x', '--timeout', 'soon'], '--timeout expects a time'],
    [['repro', 'p.json', '--app', '.', '--start', 'x', '--env', 'NOVALUE'], '--env expects NAME=VALUE'],
    [['fixtures', 'p.json', '--bogus'], "Unknown option '--bogus'"],
  ])('rejects %j with a usage error naming the problem', (argv, message) => {
    expect(() => parseCommandLine(argv)).toThrow(
      expect.objectContaining({ code: 'FB_CLI_USAGE', message: expect.stringContaining(message) }),
    );
  });

  it('answers help and version', () => {
    expect(parseCommandLine([])).toEqual({ kind: 'help' });
    expect(parseCommandLine(['repro', '--help'])).toMatchObject({ kind: 'help', command: { name: 'repro' } });
    expect(parseCommandLine(['help', 'stubs'])).toMatchObject({ kind: 'help', command: { name: 'stubs' } });
    expect(parseCommandLine(['--version'])).toEqual({ kind: 'version' });
  });
});

describe('help text', () => {
  it('lists every command, and every option of a command with its default', () => {
    const general = generalUsage();
    for (const command of [
      'serve',
      'projects create',
      'services add',
      'webhooks add',
      'triage',
      'repro',
      'fixtures',
      'stubs',
    ]) {
      expect(general).toContain(`  ${command} `);
    }
    const repro = commandUsage(reproCommand);
    for (const option of [
      '--app <dir>',
      '--start <command>',
      '--port <n>',
      '--ready-path <path>',
      '--env <K=V>',
      '--sandbox <kind>',
      '--timeout <time>',
      '--json',
    ]) {
      expect(repro).toContain(option);
    }
    expect(repro).toContain(
      'Exit codes: 0 reproduced, 1 not reproduced or a different error, 2 could not run.',
    );
  });
});

describe('parseDuration', () => {
  it.each([
    ['60s', 60_000],
    ['2m', 120_000],
    ['500ms', 500],
    ['1.5s', 1500],
    ['45', 45_000],
  ])('%s is %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', '0', '-1s', '1h', 'ten'])('rejects %j', (text) => expect(parseDuration(text)).toBeUndefined());
});
