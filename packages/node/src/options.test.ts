import { afterEach, describe, expect, it, vi } from 'vitest';
import { setDebug } from './debug-logger.js';
import { resolveOptions } from './options.js';

describe('captureLocals', () => {
  afterEach(() => {
    setDebug(false);
    vi.restoreAllMocks();
  });

  it.each([
    [undefined, 'always'],
    ['', 'always'],
    ['1', 'always'],
    ['always', 'always'],
    ['After-Error', 'after-error'],
    ['0', 'off'],
    ['off', 'off'],
    ['false', 'off'],
  ])('FLASHBACK_LOCALS=%j is %s', (value, mode) => {
    expect(resolveOptions({}, { FLASHBACK_LOCALS: value }).captureLocals).toBe(mode);
  });

  it('takes a boolean or a mode from init, over the environment', () => {
    expect(resolveOptions({ captureLocals: false }, { FLASHBACK_LOCALS: '1' }).captureLocals).toBe('off');
    expect(resolveOptions({ captureLocals: true }, { FLASHBACK_LOCALS: '0' }).captureLocals).toBe('always');
    expect(resolveOptions({ captureLocals: 'after-error' }, {}).captureLocals).toBe('after-error');
  });

  it('falls back to always on an unknown value, saying what was expected', () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    setDebug(true);
    const resolved = resolveOptions({}, { FLASHBACK_LOCALS: 'sometimes' });
    expect(resolved.captureLocals).toBe('always');
    const written = stderr.mock.calls.map(([chunk]) => String(chunk)).join('');
    expect(written).toContain('ignoring captureLocals="sometimes": expected always, after-error or 0');
  });
});
