import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createThrowawayCa } from '../../src/stubs/throwaway-ca.js';

describe('createThrowawayCa', () => {
  it('issues an EC P-256 certificate for the recorded hosts, localhost and loopback, signed by a fresh CA', async () => {
    const made = await createThrowawayCa(['api.payments.example', '10.0.3.7']);
    const ca = new X509Certificate(made.caCertPem);
    const leaf = new X509Certificate(made.certPem);
    expect(ca.ca).toBe(true);
    expect(leaf.ca).toBe(false);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(leaf.checkIssued(ca)).toBe(true);
    expect(leaf.publicKey.asymmetricKeyDetails).toEqual({ namedCurve: 'prime256v1' });
    for (const host of ['api.payments.example', 'localhost']) expect(leaf.checkHost(host)).toBe(host);
    for (const ip of ['10.0.3.7', '127.0.0.1', '::1']) expect(leaf.checkIP(ip)).toBe(ip);
    expect(leaf.checkHost('other.example')).toBeUndefined();
    expect(made.keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });

  it('stays valid for an app whose clock is pinned to a capture time in the past', async () => {
    const leaf = new X509Certificate((await createThrowawayCa([])).certPem);
    expect(new Date(leaf.validFrom).getTime()).toBeLessThanOrEqual(Date.parse('2001-01-01T00:00:00Z'));
    expect(new Date(leaf.validTo).getTime()).toBeGreaterThan(Date.now());
  });

  it('makes a new CA every time', async () => {
    const [a, b] = await Promise.all([createThrowawayCa([]), createThrowawayCa([])]);
    expect(a.caCertPem).not.toBe(b.caCertPem);
  });
});
