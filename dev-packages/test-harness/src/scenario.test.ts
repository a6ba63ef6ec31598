import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Scenario, startScenario } from './scenario.js';

const entry = fileURLToPath(new URL('./fixtures/echo-app.mjs', import.meta.url));

describe('startScenario', () => {
  let app: Scenario;

  beforeAll(async () => {
    app = await startScenario({ entry, preloadSdk: false, env: { GREETING: 'hello' } });
  });
  afterAll(async () => {
    await app.stop();
  });

  it('runs the app on the port it chose, with the env and output dir it set', async () => {
    const res = await app.request<Record<string, string>>('GET', '/env');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      PORT: String(app.port),
      FLASHBACK_OUTPUT_DIR: app.outputDir,
      GREETING: 'hello',
    });
    expect(app.url).toBe(`http://127.0.0.1:${app.port}`);
  });

  it('sends object bodies as JSON and returns status, headers and parsed body', async () => {
    const res = await app.request<{ method: string; contentType: string; body: string }>('POST', '/echo', {
      a: 1,
    });
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.json).toEqual({ method: 'POST', contentType: 'application/json', body: '{"a":1}' });
  });

  it('reads the packages the app wrote, and waits for them', async () => {
    await app.request('GET', '/package/first');
    await app.request('GET', '/package/second');
    const packages = await app.waitForPackages(2, 5_000);
    expect(packages.map((p) => p.id).sort()).toEqual(['first', 'second']);
  });

  it('collects the app output', async () => {
    await app.request('GET', '/nowhere');
    expect(app.stderr()).toContain('no route for /nowhere');
  });

  it('fails fast with the app stderr when the app exits before it is ready', async () => {
    const started = Date.now();
    await expect(startScenario({ entry, preloadSdk: false, env: { CRASH_ON_START: '1' } })).rejects.toThrow(
      /exited \(code 3.*refusing to start: CRASH_ON_START=1/s,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('stops the app: its port no longer answers', async () => {
    const other = await startScenario({ entry, preloadSdk: false });
    await other.stop();
    await expect(fetch(`${other.url}/health`)).rejects.toThrow();
  });
});
