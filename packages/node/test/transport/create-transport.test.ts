import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setDebug } from '../../src/debug-logger.js';
import { createTransport, defaultSpoolDir } from '../../src/transport/create-transport.js';
import { FileTransport } from '../../src/transport/file-transport.js';
import { HttpTransport } from '../../src/transport/http-transport.js';
import { MultiTransport } from '../../src/transport/multi-transport.js';
import type { Transport } from '../../src/transport/types.js';
import { tempDir } from './support/temp-dirs.js';

const created: Transport[] = [];

afterEach(async () => {
  setDebug(false);
  vi.restoreAllMocks();
  await Promise.all(created.splice(0).map((transport) => transport.close(500)));
});

function make(options: Parameters<typeof createTransport>[0]): Transport | undefined {
  const transport = createTransport(options);
  if (transport) created.push(transport);
  return transport;
}

const none = { dsn: undefined, outputDir: undefined, spoolDir: undefined, service: undefined };

describe('createTransport', () => {
  it('returns undefined and says why in debug when no output is configured', () => {
    setDebug(true);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);

    expect(make(none)).toBeUndefined();
    expect(stderr.mock.calls.map(([line]) => String(line)).join('')).toMatch(
      /warn: no FLASHBACK_DSN and no FLASHBACK_OUTPUT_DIR/,
    );
  });

  it('builds the file output alone, the collector alone, or both', () => {
    const outputDir = tempDir('out');
    const spoolDir = tempDir('spool');
    const dsn = new URL('http://key@127.0.0.1:9/checkout');

    expect(make({ ...none, outputDir })).toBeInstanceOf(FileTransport);
    expect(make({ ...none, dsn, spoolDir })).toBeInstanceOf(HttpTransport);
    expect(make({ ...none, dsn, spoolDir, outputDir })).toBeInstanceOf(MultiTransport);
  });

  it('ignores a DSN without a project, keeping the file output', () => {
    const outputDir = tempDir('out');
    expect(make({ ...none, outputDir, dsn: new URL('http://key@127.0.0.1:9/') })).toBeInstanceOf(
      FileTransport,
    );
  });
});

describe('defaultSpoolDir', () => {
  it('is per service under the temp directory, with a name safe for a path', () => {
    expect(defaultSpoolDir('checkout')).toBe(join(tmpdir(), 'flashback-spool', 'checkout'));
    expect(defaultSpoolDir('@acme/../checkout')).toBe(join(tmpdir(), 'flashback-spool', 'acme_.._checkout'));
    expect(defaultSpoolDir(undefined)).toBe(join(tmpdir(), 'flashback-spool', 'default'));
    expect(defaultSpoolDir('..')).toBe(join(tmpdir(), 'flashback-spool', 'default'));
  });
});
