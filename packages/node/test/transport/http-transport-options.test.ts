import { afterEach, describe, expect, it, vi } from 'vitest';
import { setDebug } from '../../src/debug-logger.js';
import { resolveHttpTransportOptions } from '../../src/transport/http-transport-options.js';

afterEach(() => {
  setDebug(false);
  vi.restoreAllMocks();
});

describe('resolveHttpTransportOptions', () => {
  it('fills in defaults and keeps valid values', () => {
    const settings = resolveHttpTransportOptions({ spoolDir: '/tmp/x', maxQueueLength: 7 });
    expect(settings.maxQueueLength).toBe(7);
    expect(settings.batchDelayMs).toBe(1000);
    expect(settings.maxAttempts).toBe(5);
  });

  it('replaces nonsense with the default and says so in debug', () => {
    setDebug(true);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const nonsense = { spoolDir: '/tmp/x', maxQueueLength: -1, retryBaseMs: Number.NaN, maxAttempts: 'many' };

    const settings = resolveHttpTransportOptions(
      nonsense as unknown as Parameters<typeof resolveHttpTransportOptions>[0],
    );

    expect(settings.maxQueueLength).toBe(100);
    expect(settings.retryBaseMs).toBe(500);
    expect(settings.maxAttempts).toBe(5);
    const logged = stderr.mock.calls.map(([line]) => String(line)).join('');
    expect(logged).toContain('ignoring transport option maxQueueLength=-1: expected a positive number');
    expect(logged).toContain('ignoring transport option maxAttempts=many');
  });
});
