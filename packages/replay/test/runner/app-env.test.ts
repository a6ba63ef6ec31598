import { describe, expect, it } from 'vitest';
import { buildAppEnv } from '../../src/runner/app-env.js';

const input = {
  recorded: {
    PORT: '3000',
    DATABASE_URL: 'postgres://app@127.0.0.1:5432/shop',
    NODE_OPTIONS: '--max-old-space-size=512 --import @flashback/node/register',
    FLASHBACK_DSN: 'http://key@collector:4700/1',
  },
  base: { PATH: '/usr/bin', HOME: '/tmp/w/home' },
  moves: [{ from: { host: '127.0.0.1', port: 5432 }, to: { host: '127.0.0.1', port: 41000 } }],
  paths: [],
  outputDir: '/tmp/w/packages',
  sdkRegister: '/repo/packages/node/dist/register.js',
  clock: '2025-06-30T10:00:00.000Z',
};

describe('buildAppEnv', () => {
  it('starts from the recorded configuration pointed at the stand-ins, with replay mode on', () => {
    const { env, rewritten } = buildAppEnv(input);
    expect(env).toEqual({
      PATH: '/usr/bin',
      HOME: '/tmp/w/home',
      PORT: '3000',
      DATABASE_URL: 'postgres://app@127.0.0.1:41000/shop',
      NODE_OPTIONS: '--import /repo/packages/node/dist/register.js --max-old-space-size=512',
      FLASHBACK_OUTPUT_DIR: '/tmp/w/packages',
      FLASHBACK_REPLAY_CLOCK: '2025-06-30T10:00:00.000Z',
      FLASHBACK_LOCALS: '0',
    });
    expect(rewritten).toEqual(['DATABASE_URL']);
  });

  it('never passes on the production collector', () => {
    expect(buildAppEnv(input).env.FLASHBACK_DSN).toBeUndefined();
  });

  it("lets the app spec's variables win, and its port replace the recorded PORT", () => {
    expect(buildAppEnv({ ...input, port: 4000 }).env.PORT).toBe('4000');
    const { env } = buildAppEnv({ ...input, port: 4000, spec: { PORT: '5000', CHECKOUT_FIXED: '1' } });
    expect(env.PORT).toBe('5000');
    expect(env.CHECKOUT_FIXED).toBe('1');
  });

  it('trusts the stubs CA when HTTPS stubs run', () => {
    expect(buildAppEnv({ ...input, caCertFile: '/tmp/w/ca.pem' }).env.NODE_EXTRA_CA_CERTS).toBe(
      '/tmp/w/ca.pem',
    );
  });
});
