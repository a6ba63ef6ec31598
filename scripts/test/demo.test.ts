/** The README's first command, end to end: `node scripts/demo.mjs` as a user runs it. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface DemoRow {
  bug: string;
  fired: number;
  occurrences?: number;
  tier?: number;
  finding?: string;
  timeToVerdictMs?: number;
}

it('captures, triages and reproduces every checkout bug through the collector', async () => {
  const scratch = await mkdtemp(join(tmpdir(), 'flashback-demo-test-'));
  try {
    const out = join(scratch, 'summary.json');
    const child = spawn(process.execPath, [join(ROOT, 'scripts/demo.mjs'), '--json-out', out], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const [code] = (await once(child, 'close')) as [number | null];
    expect(code, output).toBe(0);

    const { ui, rows } = JSON.parse(await readFile(out, 'utf8')) as { ui: string; rows: DemoRow[] };
    expect(ui).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=fbt_[0-9a-f]{64}$/);
    expect(rows).toHaveLength(9);
    for (const row of rows) {
      // Every package fired arrived and was counted on its issue (repeats deduplicated, tier 1).
      expect(row.occurrences, row.bug).toBe(row.fired);
      expect(row.tier, row.bug).toBeGreaterThanOrEqual(2);
    }
    const byBug = new Map(rows.map((r) => [r.bug, r]));
    const promo = byBug.get('1 free-order-charge-rejected');
    expect(promo).toMatchObject({ fired: 3, tier: 2 });
    expect(promo?.finding).toContain('The payment gateway rejected the charge of $0.00');
    expect(promo?.finding).toContain('Charge amount must be at least $0.50');
    const novel = byBug.get('7 installments-duplicate-payments');
    expect(novel?.tier).toBe(3);
    expect(novel?.finding).toMatch(/^reproduced: RangeError/);
    expect(novel?.timeToVerdictMs).toBeGreaterThan(0);

    // Progress is shown while it runs, and the table at the end.
    expect(output).toContain('starting the collector: flashback serve');
    expect(output).toMatch(/repro \w{8} \[\d+\.\ds\] verdict: reproduced/);
    expect(output).toMatch(/bug\s+occurrences\s+tier\s+cause or verdict\s+time to verdict/);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}, 180_000);
