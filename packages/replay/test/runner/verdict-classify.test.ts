import { describe, expect, it } from 'vitest';
import { classify } from '../../src/runner/verdict-classify.js';
import { buildPackage } from './support/package-builder.js';

const original = buildPackage();
const ok = { kind: 'response' as const, status: 200, body: '{}' };
const failed = { kind: 'response' as const, status: 500, body: '{}' };

describe('classify', () => {
  it('is reproduced when a replayed package has the same fingerprint', () => {
    const replayed = buildPackage({ id: '1b6f5c1e-4f7a-4d3b-9a59-3c2c9d7e8f10' });
    const result = classify({ original, replayed, outcome: failed, appExit: undefined });
    expect(result.status).toBe('reproduced');
    expect(result.replayed?.fingerprint).toBe(original.fingerprint);
  });

  it('is a different error, with both errors, for another fingerprint', () => {
    const replayed = buildPackage({
      fingerprint: 'a'.repeat(64),
      error: { type: 'RangeError', message: 'Invalid array length', frames: [] },
    });
    const result = classify({ original, replayed, outcome: failed, appExit: undefined });
    expect(result).toMatchObject({
      status: 'different-error',
      original: { type: 'TypeError', fingerprint: 'f'.repeat(64) },
      replayed: { type: 'RangeError', message: 'Invalid array length', fingerprint: 'a'.repeat(64) },
    });
  });

  it('is not reproduced when nothing was captured, saying what happened instead', () => {
    expect(classify({ original, replayed: undefined, outcome: ok, appExit: undefined })).toMatchObject({
      status: 'not-reproduced',
      summary: 'not reproduced: the request answered 200 and no error was captured',
    });
    const crashed = classify({
      original,
      replayed: undefined,
      outcome: { kind: 'failed', message: 'socket hang up' },
      appExit: { code: 1, signal: null },
    });
    expect(crashed.summary).toBe('not reproduced: the app exited with code 1 without capturing an error');
  });

  it('is not reproduced when the replay failed only after leaving the recorded path', () => {
    const replayed = buildPackage({
      fingerprint: 'b'.repeat(64),
      error: { type: 'HttpError', message: 'payment gateway unavailable', frames: [] },
    });
    const result = classify({
      original,
      replayed,
      outcome: { kind: 'response', status: 503, body: '{}' },
      appExit: undefined,
      departure: 'http http://gateway:8080: POST /v1/charges',
    });
    expect(result.status).toBe('not-reproduced');
    expect(result.summary).toBe(
      'not reproduced: the replay left the recorded path (http http://gateway:8080: POST /v1/charges), then failed with HttpError: payment gateway unavailable',
    );
    expect(result.replayed?.type).toBe('HttpError');
  });
});
