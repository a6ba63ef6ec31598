import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from './support/run-cli.js';

const fixture = (name: string) => join(REPO_ROOT, 'packages/server/test/triage/fixtures', `${name}.json`);

interface Triaged {
  file: string;
  tier?: number;
  reason?: string;
  cause?: { kind: string; summary: string; evidence: number[] };
  error?: string;
}

describe('flashback triage', () => {
  it('gives each package its tier and cause, and tier 1 to a repeat of an earlier one', async () => {
    const files = [
      fixture('bug1-zero-amount-charge'),
      fixture('bug7-duplicate-payments'),
      fixture('bug2-deleted-customer'),
      fixture('bug1-zero-amount-charge'),
    ];
    const run = await runCli(['triage', ...files, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const triaged = JSON.parse(run.stdout) as Triaged[];
    expect(triaged.map((t) => t.tier)).toEqual([2, 3, 2, 1]);
    expect(triaged[0]?.cause).toMatchObject({ kind: 'upstream-rejected' });
    expect(triaged[0]?.cause?.summary).toContain('Charge amount must be at least $0.50');
    expect(triaged[2]?.cause?.kind).toBe('missing-row-dereference');
    expect(triaged[3]?.reason).toMatch(/^Known issue/);

    const text = await runCli(['triage', ...files]);
    expect(text.stdout.split('\n')[0]).toMatch(/^PACKAGE\s+TIER\s+WHY$/);
    expect(text.stdout).toMatch(/bug7-duplicate-payments\.json\s+3\s+No rule explains it/);
  });

  it('still triages the good packages when one cannot be read, and exits 2', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'flashback-triage-'));
    try {
      const truncated = join(dir, 'truncated.json');
      await writeFile(truncated, '{"format": "flashback.error-package/1", "id": ');
      const invalid = join(dir, 'invalid.json');
      await writeFile(invalid, JSON.stringify({ format: 'flashback.error-package/1', id: 'x' }));
      const run = await runCli(['triage', truncated, fixture('bug5-expired-token'), invalid, '--json']);
      expect(run.code).toBe(2);
      const triaged = JSON.parse(run.stdout) as Triaged[];
      expect(triaged[0]?.error).toContain('is not valid JSON');
      expect(triaged[1]?.cause?.kind).toBe('upstream-auth');
      expect(triaged[2]?.error).toContain('is not a valid error package');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('needs at least one package', async () => {
    const run = await runCli(['triage']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('triage takes <package.json>...; got nothing');
  });
});
