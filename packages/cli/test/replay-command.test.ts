/**
 * `flashback replay` on the effects checkout's recorded trace, through the built binary: the
 * production code reproduces the failure, the fixed code diverges at the charge, and --step moves
 * forward and back on keys read from stdin.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN } from './support/run-cli.js';

const EXAMPLE = fileURLToPath(new URL('../../../examples/effects-checkout/', import.meta.url));
const TRACE = 'traces/checkout-promo-100.json';

async function replay(
  args: string[],
  stdin = '',
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, 'replay', ...args], {
    cwd: EXAMPLE,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(stdin);
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout, stderr };
}

beforeAll(() => {
  if (!existsSync(`${EXAMPLE}dist/checkout.js`)) throw new Error('build first: npx tsc -b');
});

describe('flashback replay', () => {
  it('prints every step and the reproduced failure, exit 0', async () => {
    const run = await replay([TRACE]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const steps = [...run.stdout.matchAll(/^step (\d+) {2}(\S+)$/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(steps).toEqual(['0 config.read', '1 sql.query', '2 sql.query', '3 sql.query', '4 http.request']);
    expect(run.stdout).toContain('"percent_off":100');
    expect(run.stdout).toContain('"amount":0');
    expect(run.stdout).toMatch(/outcome {2}failure PaymentRejected: .*\$0\.00 \(HTTP 400 amount_too_small\)/);
    expect(run.stdout).toContain('reproduced:');
  });

  it('reports where the fixed code diverges, exit 1', async () => {
    const run = await replay([TRACE, '--app', 'dist/checkout-fixed.js']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'diverged: step 4: the code asked for clock.now, the recording has http.request',
    );
    expect(run.stdout).toMatch(/expected: http\.request .*"amount":0/);
  });

  it('steps forward and back, showing the values in scope', async () => {
    const run = await replay([TRACE, '--step'], 'n\nn\nn\nn\np\nq\n');
    expect(run.code).toBe(0);
    const positions = [...run.stdout.matchAll(/^\[(\d+)\/6\]/gm)].map((m) => Number(m[1]));
    expect(positions).toEqual([1, 2, 3, 4, 5, 4]);
    const charge = run.stdout.slice(run.stdout.indexOf('[5/6]'), run.stdout.lastIndexOf('[4/6]'));
    expect(charge).toMatch(/totalCents +0/);
  });

  it('says which program it could not find, exit 2', async () => {
    const run = await replay([TRACE, '--app', 'dist/pricing.js']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('exports no program named "checkout"');
  });
});
