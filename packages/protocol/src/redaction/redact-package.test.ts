import { describe, expect, it } from 'vitest';
import { eventAt, JWT, redactWithTestKey as redact, tokenOf } from '../test-fixtures/redaction.js';
import { buildSamplePackage, SAMPLE_SECRETS } from '../test-fixtures/sample-package.js';
import { validatePackage } from '../validate.js';

const base = { startOffsetMs: 1, durationMs: 1, outcome: 'ok' as const };

describe('redactPackage on the sample package', () => {
  const input = buildSamplePackage();
  const output = redact(input);
  const serialized = JSON.stringify(output);

  it.each(Object.entries(SAMPLE_SECRETS))('leaves no trace of the %s anywhere', (_name, secret) => {
    expect(serialized).not.toContain(secret);
  });

  it('still produces a valid package', () => {
    const result = validatePackage(JSON.parse(serialized));
    expect(result.ok, JSON.stringify(result.ok ? [] : result.errors)).toBe(true);
  });

  it('does not modify its input', () => {
    expect(input).toEqual(buildSamplePackage());
  });

  it('lists every masked value by path and rule', () => {
    expect(output.redactions).toEqual([
      { path: 'runtime.env.DATABASE_URL', rule: 'pattern:url-password' },
      { path: 'runtime.env.STRIPE_SECRET_KEY', rule: 'key:secret' },
      { path: 'trigger.headers.authorization', rule: 'header:authorization' },
      { path: 'trigger.headers.cookie', rule: 'header:cookie' },
      { path: 'trigger.body.data.payment.cardNumber', rule: 'key:cardnumber' },
      { path: 'trigger.body.data.payment.cvc', rule: 'key:cvc' },
      { path: 'error.frames[0].locals.apiKey', rule: 'key:apikey' },
      { path: 'error.frames[1].locals.user.password_hash', rule: 'key:password' },
      { path: 'timeline[0].reply.csrfToken', rule: 'key:token' },
      { path: 'timeline[1].rows[0][2]', rule: 'key:password' },
      { path: 'timeline[4].requestHeaders.authorization', rule: 'header:authorization' },
      // The session id, found in the cookie, is also part of a Redis key.
      { path: 'timeline[0].args[0]', rule: 'header:cookie' },
    ]);
  });

  it('gives the same secret the same token wherever it appears', () => {
    const token = tokenOf(SAMPLE_SECRETS.stripeKey);
    expect(output.runtime.env.STRIPE_SECRET_KEY).toBe(token);
    expect(output.error.frames[0]?.locals?.apiKey).toBe(token);
    expect(eventAt(output, 4, 'http').requestHeaders.authorization).toBe(`Bearer ${token}`);
    expect(eventAt(output, 0, 'redis').args[0]).toBe(`session:${tokenOf(SAMPLE_SECRETS.sessionId)}`);
  });

  it('leaves identifiers, timings, statements and code locations alone', () => {
    const { redactions: _r, trigger: _t, runtime, error, timeline, ...rest } = output;
    const {
      redactions: _ir,
      trigger: _it,
      runtime: inRuntime,
      error: inError,
      timeline: inTimeline,
      ...inRest
    } = input;
    expect(rest).toEqual(inRest);
    expect({ ...runtime, env: {} }).toEqual({ ...inRuntime, env: {} });
    expect(error.frames.map(({ locals: _l, ...f }) => f)).toEqual(
      inError.frames.map(({ locals: _l, ...f }) => f),
    );
    expect(
      timeline.map(({ seq, startOffsetMs, durationMs, outcome, type }) => [
        seq,
        startOffsetMs,
        durationMs,
        outcome,
        type,
      ]),
    ).toEqual(
      inTimeline.map(({ seq, startOffsetMs, durationMs, outcome, type }) => [
        seq,
        startOffsetMs,
        durationMs,
        outcome,
        type,
      ]),
    );
    expect(eventAt(output, 1, 'db').statement).toBe(eventAt(input, 1, 'db').statement);
    expect(eventAt(output, 3, 'clock')).toEqual(eventAt(input, 3, 'clock'));
    expect(eventAt(output, 4, 'http').responseBody).toEqual(eventAt(input, 4, 'http').responseBody);
  });

  it('is deterministic and changes nothing when run again', () => {
    expect(redact(buildSamplePackage())).toEqual(output);
    expect(redact(output)).toEqual(output);
  });
});

describe('redactPackage', () => {
  it('finds a secret that a key rule masked wherever else it is echoed', () => {
    const pkg = buildSamplePackage();
    if (pkg.trigger?.kind !== 'http' || !pkg.trigger.body) throw new Error('sample has an http trigger');
    pkg.trigger.body.data = '{"email":"ada@example.com","password":"correct-horse-9"}';
    pkg.error.message = 'login failed for password correct-horse-9';
    pkg.timeline.push({
      ...base,
      type: 'db',
      seq: 5,
      system: 'postgresql',
      database: 'postgresql://checkout@db.internal:5432/shop',
      statement: 'SELECT check_password($1)',
      params: ['correct-horse-9'],
    });
    const out = redact(pkg);
    expect(JSON.stringify(out)).not.toContain('correct-horse-9');
    expect(out.error.message).toBe(`login failed for password ${tokenOf('correct-horse-9')}`);
    expect(out.redactions).toEqual(
      expect.arrayContaining([
        { path: 'error.message', rule: 'key:password' },
        { path: 'timeline[5].params[0]', rule: 'key:password' },
      ]),
    );
  });

  it('does not hunt for short secrets elsewhere (a 3-digit CVC would hit unrelated numbers)', () => {
    const pkg = buildSamplePackage({ error: { ...buildSamplePackage().error, message: 'Order 123 failed' } });
    expect(redact(pkg).error.message).toBe('Order 123 failed');
  });

  it('keeps the redactions recorded before and does not repeat them', () => {
    const earlier = [
      { path: 'trigger.headers.authorization', rule: 'header:authorization' },
      { path: 'runtime.env.CUSTOM', rule: 'sdk:custom' },
    ];
    const out = redact(buildSamplePackage({ redactions: earlier }));
    expect(out.redactions.slice(0, 2)).toEqual(earlier);
    expect(out.redactions.filter((r) => r.path === 'trigger.headers.authorization')).toHaveLength(1);
  });

  it('applies the allowlist and extra keys from the config', () => {
    const out = redact(buildSamplePackage(), { allowKeys: ['csrfToken'], extraKeys: ['promoCode'] });
    expect(eventAt(out, 0, 'redis').reply).toBe(`{"userId":42,"csrfToken":"${SAMPLE_SECRETS.csrfToken}"}`);
    expect(out.trigger?.kind === 'http' && JSON.parse(out.trigger.body?.data ?? '{}').promoCode).toBe(
      tokenOf('SPRING100'),
    );
  });

  it('masks query parameters of the trigger url', () => {
    const pkg = buildSamplePackage();
    if (pkg.trigger?.kind !== 'http') throw new Error('sample has an http trigger');
    pkg.trigger.url = '/api/checkout?promo=SPRING100&access_token=at-9f8e7d6c';
    const out = redact(pkg);
    expect(out.trigger?.kind === 'http' && out.trigger.url).toBe(
      `/api/checkout?promo=SPRING100&access_token=${tokenOf('at-9f8e7d6c')}`,
    );
    expect(out.redactions).toContainEqual({ path: 'trigger.url.access_token', rule: 'key:token' });
  });

  it('redacts a job payload by key and pattern', () => {
    const pkg = buildSamplePackage({
      trigger: {
        kind: 'job',
        name: 'send-receipt',
        payload: { to: 'ada@example.com', smtpPassword: 'mail-pass-1', link: `https://shop/r/${JWT}` },
        startedAt: '2026-03-14T09:00:00.000Z',
      },
    });
    const out = redact(pkg);
    expect(out.trigger).toEqual({
      kind: 'job',
      name: 'send-receipt',
      payload: {
        to: 'ada@example.com',
        smtpPassword: tokenOf('mail-pass-1'),
        link: `https://shop/r/${tokenOf(JWT)}`,
      },
      startedAt: '2026-03-14T09:00:00.000Z',
    });
  });

  it('redacts error messages, stacks, causes and their locals', () => {
    const pkg = buildSamplePackage();
    pkg.error.stack = `Error: jwt ${JWT} rejected\n    at verify (/srv/checkout/src/auth.js:3:9)`;
    pkg.error.cause = {
      type: 'JsonWebTokenError',
      message: `invalid signature for ${JWT}`,
      frames: [
        {
          function: 'verify',
          file: 'x',
          module: 'src/auth.js',
          inApp: true,
          locals: { secret: 'hs256-key' },
        },
      ],
      cause: { type: 'Error', message: 'upstream said {"error":"bad","token":"inner-tok-1"}', frames: [] },
    };
    const out = redact(pkg);
    expect(out.error.stack).toBe(
      `Error: jwt ${tokenOf(JWT)} rejected\n    at verify (/srv/checkout/src/auth.js:3:9)`,
    );
    expect(out.error.cause?.message).toBe(`invalid signature for ${tokenOf(JWT)}`);
    expect(out.error.cause?.frames[0]?.locals).toEqual({ secret: tokenOf('hs256-key') });
    expect(out.error.cause?.cause?.message).toBe(
      `upstream said {"error":"bad","token":"${tokenOf('inner-tok-1')}"}`,
    );
    expect(out.redactions).toEqual(
      expect.arrayContaining([
        { path: 'error.stack', rule: 'pattern:jwt' },
        { path: 'error.cause.message', rule: 'pattern:jwt' },
        { path: 'error.cause.frames[0].locals.secret', rule: 'key:secret' },
        { path: 'error.cause.cause.message.token', rule: 'key:token' },
      ]),
    );
  });

  it('redacts environment variables by name and by pattern', () => {
    const pkg = buildSamplePackage();
    pkg.runtime.env = { SESSION_SECRET: 'keyboard-cat', REDIS_URL: 'redis://:r3d1s@cache:6379', TZ: 'UTC' };
    expect(redact(pkg).runtime.env).toEqual({
      SESSION_SECRET: tokenOf('keyboard-cat'),
      REDIS_URL: `redis://:${tokenOf('r3d1s')}@cache:6379`,
      TZ: 'UTC',
    });
  });
});
