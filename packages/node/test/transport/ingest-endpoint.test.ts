import { describe, expect, it } from 'vitest';
import { ingestEndpoint } from '../../src/transport/ingest-endpoint.js';

describe('ingestEndpoint', () => {
  it('maps a DSN to the ingest URL, key and project', () => {
    const endpoint = ingestEndpoint(new URL('http://s3cret@collector.internal:4700/checkout'));
    expect(endpoint?.url.href).toBe('http://collector.internal:4700/api/checkout/packages');
    expect(endpoint?.key).toBe('s3cret');
    expect(endpoint?.project).toBe('checkout');
  });

  it('keeps https and a path prefix in front of /api', () => {
    const endpoint = ingestEndpoint(new URL('https://k@example.com/flashback/checkout'));
    expect(endpoint?.url.href).toBe('https://example.com/flashback/api/checkout/packages');
  });

  it('decodes a percent-encoded key', () => {
    expect(ingestEndpoint(new URL('http://a%2Fb@localhost:4700/p'))?.key).toBe('a/b');
  });

  it('refuses a DSN without a project or a key', () => {
    expect(ingestEndpoint(new URL('http://key@localhost:4700/'))).toBeUndefined();
    expect(ingestEndpoint(new URL('http://localhost:4700/checkout'))).toBeUndefined();
  });
});
