import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countPackages } from '../../src/storage/package-store.js';
import { builtServer, type ServerModule, startTestApp, type TestApp } from '../api/test-app.js';
import { explainedPackage } from '../ingest/package-factory.js';
import { type FuzzLimits, type FuzzPayload, generatePayloads, type PayloadKind } from './fuzz-payloads.js';
import { SeededRandom } from './seeded-random.js';

const SEED = 0x5eed_f1a5;
const LIMITS: FuzzLimits = {
  maxBodyBytes: 64 * 1024,
  maxDecompressedBytes: 1024 * 1024,
  maxPackagesPerRequest: 50,
  maxJsonDepth: 128,
};

describe.each([
  { mode: 'validating inline', server: async (): Promise<ServerModule | undefined> => undefined, workers: 0 },
  { mode: 'validating in worker threads', server: builtServer, workers: 1 },
])('ingest under hostile input, $mode', ({ server, workers }) => {
  let t: TestApp;
  let payloads: FuzzPayload[];

  beforeAll(async () => {
    // A rate limit out of the way: every refusal here must be about the payload itself.
    const options = {
      limits: { ...LIMITS, packagesPerSecond: 1e9, burstPackages: 1e9 },
      validationWorkers: workers,
    };
    const module = await server();
    t = module ? await startTestApp(options, module) : await startTestApp(options);
    payloads = generatePayloads(new SeededRandom(SEED), t.project.ingestKey, t.project.name, LIMITS);
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses every malformed, truncated, oversized, deep, wrong-typed and wrong-key payload with a reason', async () => {
    expect(payloads.length).toBeGreaterThanOrEqual(1_000);
    const codes = new Map<PayloadKind, Set<string>>();
    const failures: string[] = [];
    for (const [index, payload] of payloads.entries()) {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/${encodeURIComponent(payload.project)}/packages`,
        headers: payload.headers,
        payload: payload.body,
      });
      let body: { code?: unknown; message?: unknown } = {};
      try {
        body = response.json();
      } catch {
        // Reported below as a missing reason.
      }
      codes.set(payload.kind, (codes.get(payload.kind) ?? new Set()).add(String(body.code)));
      const refused = response.statusCode >= 400 && response.statusCode < 500 && response.statusCode !== 429;
      const explained =
        typeof body.code === 'string' && body.code.startsWith('FB_ERR_') && typeof body.message === 'string';
      if (!refused || !explained) {
        failures.push(
          `#${index} ${payload.kind} (${payload.label.slice(0, 120)}): ${response.statusCode} ${response.body.slice(0, 200)}`,
        );
      }
    }
    expect(failures).toEqual([]);
    // Each kind is refused for its own reason, not by an earlier check that happens to catch it.
    const sorted = (kind: PayloadKind) => [...(codes.get(kind) ?? [])].sort();
    expect(sorted('deeply-nested')).toEqual(['FB_ERR_TOO_DEEP']);
    expect(sorted('wrong-typed')).toEqual(['FB_ERR_INVALID_PACKAGES']);
    expect(sorted('malformed')).toEqual(['FB_ERR_INVALID_JSON']);
    expect(sorted('truncated')).toEqual(['FB_ERR_INVALID_GZIP', 'FB_ERR_INVALID_JSON']);
    expect(sorted('oversized')).toEqual([
      'FB_ERR_BODY_TOO_LARGE',
      'FB_ERR_DECOMPRESSED_TOO_LARGE',
      'FB_ERR_TOO_MANY_PACKAGES',
    ]);
    expect(sorted('wrong-key')).toEqual([
      'FB_ERR_INVALID_KEY',
      'FB_ERR_MISSING_KEY',
      'FB_ERR_UNKNOWN_PROJECT',
    ]);
  });

  it('stored nothing from them', async () => {
    const { db } = t.app.flashbackStorage;
    expect(await countPackages(db)).toBe(0);
    expect(await db.selectFrom('issues').select('id').execute()).toEqual([]);
    expect(await db.selectFrom('triage_results').select('package_id').execute()).toEqual([]);
  });

  it('is still up and ingesting afterwards', async () => {
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    const pkg = explainedPackage();
    const response = await t.ingest([pkg]);
    expect(response.statusCode).toBe(200);
    expect(response.json().accepted).toEqual([pkg.id]);
  });
});
