import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainedPackage, unexplainedPackage } from '../ingest/package-factory.js';
import { builtServer, startTestApp, type TestApp } from './test-app.js';

// Worker threads start from compiled files, so this runs the built package (as `start` does).
describe('validation in worker threads (built package)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ validationWorkers: 2 }, await builtServer());
  });
  afterAll(async () => {
    await t.close();
  });

  it('runs the workers it was asked for', async () => {
    const health = await t.app.inject({ url: '/api/health' });
    expect(health.json().validationWorkers).toBe(2);
  });

  it('stores and triages what the workers validated', async () => {
    const founder = unexplainedPackage('w');
    const again = unexplainedPackage('w');
    const response = await t.ingest([founder, again, explainedPackage()]);
    expect(response.statusCode).toBe(200);
    expect(response.json().accepted).toHaveLength(3);
    const tier = async (id: string) =>
      (await t.read(`/api/projects/checkout/packages/${id}`)).json().triage.tier;
    expect([await tier(founder.id), await tier(again.id)]).toEqual([3, 1]);
  });

  it('reports errors found in a worker exactly as inline validation does', async () => {
    const invalid = await t.ingest([{ ...explainedPackage(), format: 'nope' }]);
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({
      code: 'FB_ERR_INVALID_PACKAGES',
      rejected: [{ index: 0, errors: [{ path: 'packages[0].format' }] }],
    });
    const deep = await t.app.inject({
      method: 'POST',
      url: '/api/checkout/packages',
      headers: { 'content-type': 'application/json', 'x-flashback-key': t.project.ingestKey },
      payload: `{"packages":[${'['.repeat(1000)}]}`,
    });
    expect(deep.statusCode).toBe(400);
    expect(deep.json().code).toBe('FB_ERR_TOO_DEEP');
  });
});
