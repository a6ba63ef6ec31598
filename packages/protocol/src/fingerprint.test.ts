import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fingerprint, fingerprintError, normalizeMessage } from './fingerprint.js';
import { buildSamplePackage } from './test-fixtures/sample-package.js';
import type { ErrorInfo, Frame } from './types.js';

function frame(fn: string, module: string, overrides: Partial<Frame> = {}): Frame {
  return { function: fn, file: `/srv/app/${module}`, module, line: 10, column: 5, inApp: true, ...overrides };
}

function gatewayError(overrides: Partial<ErrorInfo> = {}): ErrorInfo {
  return {
    type: 'GatewayError',
    message: 'Payment gateway returned 402 for order 1042',
    frames: [
      frame('chargeCard', 'src/payments/gateway.js', { line: 48, column: 11 }),
      frame('checkout', 'src/routes/checkout.js', { line: 71, column: 20 }),
      frame('handle', 'express/lib/router/layer.js', {
        inApp: false,
        file: '/srv/app/node_modules/express/lib/router/layer.js',
      }),
    ],
    ...overrides,
  };
}

function withFrames(error: ErrorInfo, map: (frame: Frame, index: number) => Frame): ErrorInfo {
  return { ...error, frames: error.frames.map(map) };
}

describe('normalizeMessage', () => {
  it.each([
    ['uuids', 'Order 8f14e45f-ceea-467a-9f1d-2c3a0b1c7d10 not found', 'Order <uuid> not found'],
    ['upper-case uuids', 'user 8F14E45F-CEEA-467A-9F1D-2C3A0B1C7D10 gone', 'user <uuid> gone'],
    ['object ids', 'Document 507f1f77bcf86cd799439011 is locked', 'Document <id> is locked'],
    ['short hex ids with a digit', 'commit 9fceb02d broke it', 'commit <id> broke it'],
    ['0x literals', 'bad pointer 0x7ffd5e8c', 'bad pointer <hex>'],
    ['integers', 'Payment gateway returned 402 for order 1042', 'Payment gateway returned <n> for order <n>'],
    ['decimals such as 0.00', 'Cannot charge 0.00 USD (minimum 0.50)', 'Cannot charge <n> USD (minimum <n>)'],
    ['numbers with units', 'Query took 1532ms', 'Query took <n>ms'],
    ['ISO timestamps', 'Token expired at 2026-03-14T09:26:53.589Z', 'Token expired at <timestamp>'],
    ['timestamps with an offset', 'Slot 2026-03-14T09:26:53+01:00 is taken', 'Slot <timestamp> is taken'],
    ['dates', 'No rate for 2026-03-14', 'No rate for <timestamp>'],
    ['emails', 'User ada.lovelace+shop@example.co.uk exists', 'User <email> exists'],
    ['prefixed ids', 'Charge ch_3MmlLrLkdIwHu7ix0snN0B15 failed', 'Charge <id> failed'],
    ['long quoted strings', 'Unknown product "Blue cotton shirt, size M"', 'Unknown product "<str>"'],
    ['quoted strings with spaces', "Invalid promo 'SPRING 100'", "Invalid promo '<str>'"],
    ['whitespace runs', '  too   many\n spaces ', 'too many spaces'],
  ])('replaces %s', (_name, message, expected) => {
    expect(normalizeMessage(message)).toBe(expected);
  });

  it.each([
    ['identifiers with digits', 'ERR_HTTP2_STREAM_ERROR in utf8 decoder v2 (E11000)'],
    ['words made of hex letters', 'deadbeef facade added'],
    ['short quoted identifiers', "Cannot read properties of undefined (reading 'id')"],
    ['quoted table names', 'relation "promo_codes" does not exist'],
    ['apostrophes', "can't apply the user's promo"],
  ])('keeps %s', (_name, message) => {
    expect(normalizeMessage(message)).toBe(message);
  });

  it('keeps different quoted identifiers apart', () => {
    expect(normalizeMessage("reading 'id'")).not.toBe(normalizeMessage("reading 'total'"));
  });
});

describe('fingerprintError', () => {
  it('is 32 lower-case hex characters', () => {
    expect(fingerprintError(gatewayError())).toMatch(/^[0-9a-f]{32}$/);
  });

  it('hashes exactly type, in-app function/module pairs and normalised message (stored issues rely on it)', () => {
    // If this fails on purpose, bump FINGERPRINT_VERSION: every stored issue will regroup.
    const canonical = JSON.stringify([
      'flashback.fingerprint/1',
      'GatewayError',
      [
        ['chargeCard', 'src/payments/gateway.js'],
        ['checkout', 'src/routes/checkout.js'],
      ],
      'Payment gateway returned <n> for order <n>',
    ]);
    const expected = createHash('sha256').update(canonical).digest('hex').slice(0, 32);
    expect(expected).toBe('cf8da6d2e0ad514c3e354359c0796e25');
    expect(fingerprintError(gatewayError())).toBe(expected);
  });

  it('ignores line and column numbers (a deploy that only moved code)', () => {
    const moved = withFrames(gatewayError(), (f, i) => ({
      ...f,
      line: (f.line ?? 0) + 17 * (i + 1),
      column: 1,
    }));
    expect(fingerprintError(moved)).toBe(fingerprintError(gatewayError()));
  });

  it('ignores ids and amounts in the message', () => {
    const other = gatewayError({ message: 'Payment gateway returned 409 for order 88213' });
    expect(fingerprintError(other)).toBe(fingerprintError(gatewayError()));
  });

  it('ignores the absolute file path when the module is the same', () => {
    const elsewhere = withFrames(gatewayError(), (f) => ({
      ...f,
      file: f.file.replace('/srv/app', '/home/ci/build'),
    }));
    expect(fingerprintError(elsewhere)).toBe(fingerprintError(gatewayError()));
  });

  it('ignores frames outside the app when there are in-app frames', () => {
    const otherFramework = withFrames(gatewayError(), (f) =>
      f.inApp ? f : { ...f, function: 'runMiddleware', module: 'fastify/lib/hooks.js' },
    );
    expect(fingerprintError(otherFramework)).toBe(fingerprintError(gatewayError()));
  });

  it('ignores the cause chain', () => {
    const caused = gatewayError({ cause: { type: 'HttpError', message: 'status 402', frames: [] } });
    expect(fingerprintError(caused)).toBe(fingerprintError(gatewayError()));
  });

  it('counts a recursive run of the same frame once', () => {
    const recursive = (depth: number) =>
      gatewayError({
        frames: [
          ...Array.from({ length: depth }, () => frame('walk', 'src/tree.js')),
          frame('main', 'src/main.js'),
        ],
      });
    expect(fingerprintError(recursive(3))).toBe(fingerprintError(recursive(7)));
  });

  it('ignores the member index V8 gives Promise.all callers', () => {
    const at = (index: number) =>
      gatewayError({
        frames: [frame(`Promise.all (index ${index})`, 'src/batch.js'), frame('run', 'src/main.js')],
      });
    expect(fingerprintError(at(0))).toBe(fingerprintError(at(5)));
  });

  it('changes with the exception type', () => {
    expect(fingerprintError(gatewayError({ type: 'TypeError' }))).not.toBe(fingerprintError(gatewayError()));
  });

  it('changes with an in-app function', () => {
    const renamed = withFrames(gatewayError(), (f, i) => (i === 0 ? { ...f, function: 'refundCard' } : f));
    expect(fingerprintError(renamed)).not.toBe(fingerprintError(gatewayError()));
  });

  it('changes with an in-app module', () => {
    const moved = withFrames(gatewayError(), (f, i) =>
      i === 1 ? { ...f, module: 'src/routes/orders.js' } : f,
    );
    expect(fingerprintError(moved)).not.toBe(fingerprintError(gatewayError()));
  });

  it('changes with the words of the message', () => {
    const other = gatewayError({ message: 'Payment gateway timed out for order 1042' });
    expect(fingerprintError(other)).not.toBe(fingerprintError(gatewayError()));
  });

  it('changes when a frame becomes in-app, because the in-app path is what identifies the bug', () => {
    const vendored = withFrames(gatewayError(), (f) => ({ ...f, inApp: true }));
    expect(fingerprintError(vendored)).not.toBe(fingerprintError(gatewayError()));
  });

  describe('without in-app frames', () => {
    const library = (names: string[]) =>
      gatewayError({
        frames: names.map((name, i) =>
          frame(name, `.pnpm/pg@8.16.${i}/node_modules/pg/lib/${name}.js`, { inApp: false }),
        ),
      });

    it('uses the top five frames', () => {
      const base = library(['parse', 'handle', 'emit', 'read', 'tick', 'sixth']);
      expect(fingerprintError(library(['parse', 'handle', 'emit', 'read', 'tick', 'other']))).toBe(
        fingerprintError(base),
      );
      expect(fingerprintError(library(['query', 'handle', 'emit', 'read', 'tick', 'sixth']))).not.toBe(
        fingerprintError(base),
      );
    });

    it('ignores the package-manager directory of a dependency (its version)', () => {
      const upgraded = withFrames(library(['parse', 'handle']), (f) => ({
        ...f,
        module: f.module.replace(/@8\.16\.\d/, '@8.17.0'),
      }));
      expect(fingerprintError(upgraded)).toBe(fingerprintError(library(['parse', 'handle'])));
    });
  });

  it('still fingerprints an error without frames, by type and message', () => {
    const bare = gatewayError({ frames: [] });
    expect(fingerprintError(bare)).toMatch(/^[0-9a-f]{32}$/);
    expect(fingerprintError({ ...bare, type: 'Error' })).not.toBe(fingerprintError(bare));
  });
});

describe('fingerprint', () => {
  it('agrees with fingerprintError for module paths relative to the app root', () => {
    const pkg = buildSamplePackage();
    expect(fingerprint(pkg)).toBe(fingerprintError(pkg.error));
  });

  it('is the same for the same failure on hosts with different app roots', () => {
    const here = buildSamplePackage();
    const there = buildSamplePackage();
    there.runtime.appRoot = '/opt/releases/2026-03-14/checkout';
    there.runtime.hostname = 'checkout-other-pod';
    there.error.frames = there.error.frames.map((f) => ({
      ...f,
      file: f.file.replace('/srv/checkout', '/opt/releases/2026-03-14/checkout'),
      line: (f.line ?? 0) + 3,
    }));
    there.error.message = 'Payment gateway returned 402 for order 2093: amount_too_small';
    expect(fingerprint(there)).toBe(fingerprint(here));
  });

  it('makes module paths that still carry the app root relative before hashing', () => {
    const relative = buildSamplePackage();
    const absolute = buildSamplePackage();
    absolute.runtime.appRoot = '/srv/checkout/';
    absolute.error.frames = absolute.error.frames.map((f) =>
      f.inApp ? { ...f, module: `/srv/checkout/${f.module}` } : f,
    );
    expect(fingerprint(absolute)).toBe(fingerprint(relative));
  });

  it('does not strip a directory that merely starts like the app root', () => {
    const pkg = buildSamplePackage();
    pkg.error.frames = pkg.error.frames.map((f) =>
      f.inApp ? { ...f, module: `/srv/checkout-v2/${f.module}` } : f,
    );
    const relative = buildSamplePackage();
    expect(fingerprint(pkg)).not.toBe(fingerprint(relative));
  });
});
