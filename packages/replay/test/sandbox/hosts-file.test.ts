import { describe, expect, test } from 'vitest';
import { renderHostsFile } from '../../src/sandbox/hosts-file.js';

describe('renderHostsFile', () => {
  test('maps loopback names, the sandbox host name and every recorded host', () => {
    const text = renderHostsFile(
      { 'payments.example.com': '127.0.0.1', 'db.internal': '127.0.0.1', 'cache_1.svc': '::1' },
      'sbx',
    );
    expect(text).toBe(
      [
        '127.0.0.1\tlocalhost',
        '::1\tlocalhost ip6-localhost ip6-loopback',
        '127.0.1.1\tsbx',
        '127.0.0.1\tpayments.example.com',
        '127.0.0.1\tdb.internal',
        '::1\tcache_1.svc',
        '',
      ].join('\n'),
    );
  });

  test.each([
    [
      'a name with a line break',
      { 'evil.example.com\n10.0.0.1 bank.example.com': '127.0.0.1' },
      /is not a host name/,
    ],
    ['a name with a space', { 'two words': '127.0.0.1' }, /is not a host name/],
    ['an empty name', { '': '127.0.0.1' }, /is not a host name/],
    [
      'an address that is not one',
      { 'db.internal': 'localhost' },
      /"localhost" \(for db.internal\) is not an IP address/,
    ],
    ['an address with a line break', { 'db.internal': '127.0.0.1\n10.0.0.1 x' }, /is not an IP address/],
  ])('rejects %s with FB_SANDBOX_INVALID_SPEC', (_, hosts, message) => {
    expect(() => renderHostsFile(hosts, 'sbx')).toThrow(
      expect.objectContaining({ code: 'FB_SANDBOX_INVALID_SPEC', message: expect.stringMatching(message) }),
    );
  });
});
