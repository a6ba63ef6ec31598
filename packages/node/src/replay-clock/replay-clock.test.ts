import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { installReplayClock, type ReplayClock } from './replay-clock.js';

const PINNED = Date.parse('2025-06-29T23:59:58.000Z');

describe('installReplayClock', () => {
  let clock: ReplayClock | undefined;
  afterEach(() => clock?.uninstall());

  it('pins Date.now(), new Date() and Date() to the captured time while frozen', () => {
    clock = installReplayClock(PINNED);
    expect(Date.now()).toBe(PINNED);
    expect(new Date().toISOString()).toBe(new Date(PINNED).toISOString());
    expect(Date()).toBe(new Date(PINNED).toString());
  });

  it('leaves dates built from arguments, Date.parse and Date.UTC alone', () => {
    clock = installReplayClock(PINNED);
    expect(new Date(0).toISOString()).toBe('1970-01-01T00:00:00.000Z');
    expect(new Date(2024, 0, 2).getFullYear()).toBe(2024);
    expect(Date.parse('2020-01-01T00:00:00Z')).toBe(1577836800000);
    expect(Date.UTC(2020, 0, 1)).toBe(1577836800000);
  });

  it('keeps instanceof, prototypes and subclasses working', () => {
    clock = installReplayClock(PINNED);
    class Stamp extends Date {}
    const stamp = new Stamp();
    expect(stamp).toBeInstanceOf(Date);
    expect(stamp).toBeInstanceOf(Stamp);
    expect(stamp.getTime()).toBe(PINNED);
    expect(Object.getPrototypeOf(new Date())).toBe(Date.prototype);
  });

  it('advances in real time from the pinned instant once started', async () => {
    clock = installReplayClock(PINNED);
    clock.start();
    const before = performance.now();
    await new Promise<void>((resolve) => {
      const poll = (): void => {
        if (performance.now() - before >= 20) resolve();
        else setImmediate(poll);
      };
      poll();
    });
    const elapsed = Date.now() - PINNED;
    expect(elapsed).toBeGreaterThanOrEqual(19);
    expect(elapsed).toBeLessThan(1000);
  });

  it('puts the real Date back on uninstall', () => {
    const real = Date;
    clock = installReplayClock(PINNED);
    expect(Date).not.toBe(real);
    clock.uninstall();
    expect(Date).toBe(real);
    expect(Math.abs(Date.now() - performance.timeOrigin - performance.now())).toBeLessThan(5_000);
  });
});

describe('FLASHBACK_REPLAY_CLOCK with the preloaded SDK', () => {
  const register = fileURLToPath(new URL('../../dist/register.js', import.meta.url));

  // The app prints its clock at startup, then serves a probe and a real request and prints the
  // clock each saw; the parent reads the lines back.
  const app = `
    import http from 'node:http';
    const at = (label) => process.stdout.write(label + ' ' + new Date().toISOString() + '\\n');
    at('startup');
    const server = http.createServer((req, res) => { at(req.url); res.end(); });
    server.listen(0, '127.0.0.1', async () => {
      const base = 'http://127.0.0.1:' + server.address().port;
      await fetch(base + '/probe', { headers: { 'x-flashback-ready-probe': '1' } });
      await new Promise((r) => setTimeout(r, 30));
      await fetch(base + '/trigger');
      await new Promise((r) => setTimeout(r, 30));
      await fetch(base + '/later');
      server.close();
    });
  `;

  async function runApp(env: Record<string, string>): Promise<Map<string, number>> {
    const child = spawn(process.execPath, ['--import', register, '--input-type=module', '-e', app], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const [code] = await once(child, 'exit');
    expect(code, err).toBe(0);
    return new Map(
      out
        .trim()
        .split('\n')
        .map((line) => {
          const [label = '', iso = ''] = line.split(' ');
          return [label, Date.parse(iso)] as const;
        }),
    );
  }

  it('freezes the clock until the first request that is not a probe, then lets it run', async () => {
    const seen = await runApp({ FLASHBACK_REPLAY_CLOCK: new Date(PINNED).toISOString() });
    expect(seen.get('startup')).toBe(PINNED);
    expect(seen.get('/probe')).toBe(PINNED);
    expect(seen.get('/trigger')).toBe(PINNED);
    const later = seen.get('/later') ?? 0;
    expect(later - PINNED).toBeGreaterThanOrEqual(25);
    expect(later - PINNED).toBeLessThan(5_000);
  });

  it('leaves the clock alone without the variable, and ignores a value that is not a date', async () => {
    for (const env of [{}, { FLASHBACK_REPLAY_CLOCK: 'yesterday' }] as Record<string, string>[]) {
      const seen = await runApp(env);
      expect(Math.abs((seen.get('startup') ?? 0) - Date.now())).toBeLessThan(60_000);
    }
  });
});
