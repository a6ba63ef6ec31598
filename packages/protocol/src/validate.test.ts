import { describe, expect, it } from 'vitest';
import { buildSamplePackage } from './test-fixtures/sample-package.js';
import type { ErrorPackage } from './types.js';
import { formatJsonPath, validatePackage } from './validate.js';
import { encodeValue } from './values.js';

/** A fresh sample package with values replaced at the given paths, as hand-edited JSON would be. */
function invalidPackage(...changes: [path: (string | number)[], value: unknown][]): unknown {
  const pkg: unknown = buildSamplePackage();
  for (const [path, value] of changes) {
    let target = pkg as Record<string | number, unknown>;
    for (const segment of path.slice(0, -1)) target = target[segment] as Record<string | number, unknown>;
    target[path[path.length - 1] as string | number] = value;
  }
  return pkg;
}

function errorsOf(json: unknown) {
  const result = validatePackage(json);
  if (result.ok) throw new Error('expected the package to be rejected');
  return result.errors;
}

describe('validatePackage', () => {
  it('accepts the full sample package and returns it', () => {
    const pkg = buildSamplePackage();
    const result = validatePackage(pkg);
    expect(result.ok, JSON.stringify(result.ok ? [] : result.errors)).toBe(true);
    if (result.ok) expect(result.package).toEqual(pkg);
  });

  it('accepts the package after a JSON round trip', () => {
    expect(validatePackage(JSON.parse(JSON.stringify(buildSamplePackage()))).ok).toBe(true);
  });

  it('accepts a job trigger and an error outside any trigger', () => {
    const job: ErrorPackage['trigger'] = {
      kind: 'job',
      name: 'nightly-invoices',
      payload: { batch: 3 },
      startedAt: '2026-03-14T02:00:00.000Z',
    };
    expect(validatePackage(buildSamplePackage({ trigger: job })).ok).toBe(true);
    expect(validatePackage(buildSamplePackage({ trigger: null })).ok).toBe(true);
  });

  it('accepts locals produced by encodeValue', () => {
    const pkg = buildSamplePackage();
    const cyclic: Record<string, unknown> = { big: 10n ** 30n, at: new Date(0), bytes: new Uint8Array(3) };
    cyclic.self = cyclic;
    const frame = pkg.error.frames[0];
    if (!frame) throw new Error('sample has frames');
    frame.locals = { cyclic: encodeValue(cyclic), tags: encodeValue(new Set(['a'])) };
    expect(validatePackage(pkg).ok).toBe(true);
  });

  it('names the timeline path and the expectation for a negative seq', () => {
    const errors = errorsOf(invalidPackage([['timeline', 1, 'seq'], -1]));
    expect(errors).toEqual([{ path: 'timeline[1].seq', message: expect.stringContaining('>=0') }]);
  });

  it('says a number was expected where a string seq was given', () => {
    const errors = errorsOf(invalidPackage([['timeline', 1, 'seq'], '1']));
    expect(errors).toEqual([
      { path: 'timeline[1].seq', message: expect.stringMatching(/expected number.*string/) },
    ]);
  });

  it('lists the known event types for an unknown one', () => {
    const errors = errorsOf(invalidPackage([['timeline', 0, 'type'], 'kafka']));
    expect(errors).toHaveLength(1);
    expect(errors[0]?.path).toBe('timeline[0].type');
    expect(errors[0]?.message).toContain("'redis'");
  });

  it('rejects another format version', () => {
    const errors = errorsOf(invalidPackage([['format'], 'flashback.error-package/2']));
    expect(errors).toEqual([
      { path: 'format', message: expect.stringContaining('flashback.error-package/1') },
    ]);
  });

  it('rejects a package id that is not a uuid and a capture time that is not ISO', () => {
    const errors = errorsOf(invalidPackage([['id'], 'pkg-1'], [['capturedAt'], '2026-03-14 09:26']));
    expect(errors.map((error) => error.path)).toEqual(['id', 'capturedAt']);
    expect(errors[0]?.message).toMatch(/uuid/i);
    expect(errors[1]?.message).toMatch(/datetime/i);
  });

  it('quotes header names that are not identifiers in the path', () => {
    const errors = errorsOf(invalidPackage([['trigger', 'headers', 'x-api-key'], 5]));
    expect(errors.map((error) => error.path)).toEqual(['trigger.headers["x-api-key"]']);
  });

  it('validates the cause chain recursively', () => {
    const frameWithoutInApp = { function: 'f', file: 'a.js', module: 'a.js' };
    const errors = errorsOf(invalidPackage([['error', 'cause', 'frames'], [frameWithoutInApp]]));
    expect(errors).toEqual([
      { path: 'error.cause.frames[0].inApp', message: expect.stringMatching(/expected boolean/) },
    ]);
  });

  it('reports every problem, not only the first', () => {
    const errors = errorsOf(invalidPackage([['fingerprint'], 7], [['timeline', 2, 'durationMs'], -3]));
    expect(errors.map((error) => error.path).sort()).toEqual(['fingerprint', 'timeline[2].durationMs']);
  });

  it('reports the document itself with an empty path', () => {
    expect(errorsOf(null)).toEqual([{ path: '', message: expect.stringContaining('expected object') }]);
  });
});

describe('formatJsonPath', () => {
  it.each([
    [[], ''],
    [['timeline', 3, 'seq'], 'timeline[3].seq'],
    [['trigger', 'headers', 'x-api-key'], 'trigger.headers["x-api-key"]'],
    [[0, 'a'], '[0].a'],
    [['runtime', 'env', 'A B'], 'runtime.env["A B"]'],
  ])('formats %j as %j', (segments, expected) => {
    expect(formatJsonPath(segments)).toBe(expected);
  });
});
