import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileTransport } from '../../src/transport/file-transport.js';
import { makePackage } from './support/make-package.js';
import { tempDir } from './support/temp-dirs.js';

describe('FileTransport', () => {
  it('writes each package as pretty <id>.json, creating the directory', async () => {
    const dir = join(tempDir('out'), 'nested', 'packages');
    const transport = new FileTransport(dir);
    const pkg = makePackage();
    transport.send(pkg);

    expect(await transport.flush(2000)).toBe(true);
    const text = readFileSync(join(dir, `${pkg.id}.json`), 'utf8');
    expect(JSON.parse(text)).toEqual(pkg);
    expect(text).toContain('\n  "id": ');
    // The atomic write leaves no temporary file behind.
    expect(readdirSync(dir)).toEqual([`${pkg.id}.json`]);
  });

  it('writes synchronously in sendSync, including writes still in flight', async () => {
    const dir = tempDir('out');
    const transport = new FileTransport(dir);
    const queued = makePackage();
    const fatal = makePackage();
    transport.send(queued);
    transport.sendSync(fatal);

    // No tick has run: both files exist already.
    expect(existsSync(join(dir, `${fatal.id}.json`))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, `${queued.id}.json`), 'utf8'))).toEqual(queued);
    // Let the asynchronous write end before the directory is removed, or it would recreate it.
    expect(await transport.flush(2000)).toBe(true);
  });

  it('drops packages beyond its pending-write bound and after close, without throwing', async () => {
    const dir = tempDir('out');
    const transport = new FileTransport(dir, { maxPendingWrites: 3 });
    for (let i = 0; i < 10; i++) transport.send(makePackage());
    expect(transport.dropped).toBe(7);
    expect(await transport.close(2000)).toBe(true);
    transport.send(makePackage());
    expect(transport.dropped).toBe(8);
    expect(readdirSync(dir)).toHaveLength(3);
  });

  it('refuses an id that would escape the directory', async () => {
    const dir = tempDir('out');
    const transport = new FileTransport(join(dir, 'packages'));
    transport.send(makePackage({ id: '../escaped' }));
    transport.sendSync(makePackage({ id: '../escaped-sync' }));

    expect(await transport.flush(1000)).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
    expect(transport.dropped).toBe(2);
  });

  it('counts a failed write instead of throwing when the directory cannot be created', async () => {
    const file = join(tempDir('out'), 'not-a-directory');
    writeFileSync(file, 'a file where a directory should be');
    const transport = new FileTransport(join(file, 'packages'));

    expect(() => transport.send(makePackage())).not.toThrow();
    expect(() => transport.sendSync(makePackage())).not.toThrow();
    expect(await transport.flush(1000)).toBe(true);
    expect(transport.dropped).toBe(2);
  });
});
