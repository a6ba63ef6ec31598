import { describe, expect, it } from 'vitest';
import {
  encodeResp,
  RespCommandParser,
  RespProtocolError,
  type RespValue,
} from '../../src/stubs/resp-codec.js';

const words = (commands: Buffer[][]) => commands.map((argv) => argv.map((arg) => arg.toString()));

describe('RespCommandParser', () => {
  it('parses pipelined commands sent as arrays of bulk strings', () => {
    const parser = new RespCommandParser();
    const wire = '*2\r\n$3\r\nGET\r\n$6\r\nuser:1\r\n*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$0\r\n\r\n';
    expect(words(parser.push(Buffer.from(wire)))).toEqual([
      ['GET', 'user:1'],
      ['SET', 'k', ''],
    ]);
  });

  it('keeps an incomplete command until the rest arrives, byte by byte', () => {
    const parser = new RespCommandParser();
    const wire = Buffer.from('*2\r\n$4\r\nECHO\r\n$5\r\nhe\r\no\r\n');
    const seen: string[][] = [];
    for (const byte of wire) seen.push(...words(parser.push(Buffer.from([byte]))));
    expect(seen).toEqual([['ECHO', 'he\r\no']]);
  });

  it('keeps binary arguments intact', () => {
    const parser = new RespCommandParser();
    const bytes = Buffer.from([0, 13, 10, 255]);
    const [argv] = parser.push(
      Buffer.concat([Buffer.from('*2\r\n$3\r\nSET\r\n$4\r\n'), bytes, Buffer.from('\r\n')]),
    );
    expect(argv?.[1]).toEqual(bytes);
  });

  it('parses inline commands', () => {
    expect(words(new RespCommandParser().push(Buffer.from('PING\r\nget  k\n\r\n')))).toEqual([
      ['PING'],
      ['get', 'k'],
    ]);
  });

  it('rejects malformed input', () => {
    expect(() => new RespCommandParser().push(Buffer.from('*x\r\n'))).toThrow(RespProtocolError);
    expect(() => new RespCommandParser().push(Buffer.from('*1\r\n:1\r\n'))).toThrow("expected '$'");
  });
});

describe('encodeResp', () => {
  const cases: [string, RespValue, string, string][] = [
    ['simple', { type: 'simple', value: 'OK' }, '+OK\r\n', '+OK\r\n'],
    ['error', { type: 'error', value: 'ERR bad\r\nthing' }, '-ERR bad thing\r\n', '-ERR bad thing\r\n'],
    ['integer', { type: 'integer', value: 42 }, ':42\r\n', ':42\r\n'],
    [
      'bigint',
      { type: 'integer', value: 9007199254740993n },
      ':9007199254740993\r\n',
      ':9007199254740993\r\n',
    ],
    ['bulk', { type: 'bulk', value: 'héllo' }, '$6\r\nhéllo\r\n', '$6\r\nhéllo\r\n'],
    ['null', { type: 'null' }, '$-1\r\n', '_\r\n'],
    ['double', { type: 'double', value: 1.5 }, '$3\r\n1.5\r\n', ',1.5\r\n'],
    ['infinity', { type: 'double', value: Number.POSITIVE_INFINITY }, '$3\r\ninf\r\n', ',inf\r\n'],
    ['boolean', { type: 'boolean', value: true }, ':1\r\n', '#t\r\n'],
    [
      'array',
      { type: 'array', items: [{ type: 'bulk', value: 'a' }, { type: 'null' }] },
      '*2\r\n$1\r\na\r\n$-1\r\n',
      '*2\r\n$1\r\na\r\n_\r\n',
    ],
    ['set', { type: 'set', items: [{ type: 'integer', value: 1 }] }, '*1\r\n:1\r\n', '~1\r\n:1\r\n'],
    [
      'map',
      {
        type: 'map',
        entries: [
          [
            { type: 'bulk', value: 'sku' },
            { type: 'bulk', value: 'A-1' },
          ],
        ],
      },
      '*2\r\n$3\r\nsku\r\n$3\r\nA-1\r\n',
      '%1\r\n$3\r\nsku\r\n$3\r\nA-1\r\n',
    ],
  ];

  it.each(cases)('%s in RESP2 and RESP3', (_name, value, resp2, resp3) => {
    expect(encodeResp(value, 2).toString()).toBe(resp2);
    expect(encodeResp(value, 3).toString()).toBe(resp3);
  });

  it('writes bulk bytes as they are', () => {
    expect(encodeResp({ type: 'bulk', value: Buffer.from([0, 255]) }, 2)).toEqual(
      Buffer.from([0x24, 0x32, 13, 10, 0, 255, 13, 10]),
    );
  });
});
