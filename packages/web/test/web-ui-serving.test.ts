import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp } from '@flashback/server';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'flashback-web-serving-'));
  dirs.push(dir);
  return dir;
}

let app: FastifyInstance;
beforeAll(async () => {
  // No webRoot: the collector finds the build of the installed @flashback/web.
  app = await buildApp({ database: 'sqlite::memory:', dataDir: tempDir(), validationWorkers: 0 });
});
afterAll(async () => {
  await app?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the collector serving the web UI', () => {
  it('answers / with the built index.html, checked on every load and locked to its own origin', async () => {
    const response = await app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.body).toContain('<div id="root"></div>');
  });

  it('serves the hashed assets index.html names as immutable', async () => {
    const html = (await app.inject({ method: 'GET', url: '/' })).body;
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1] ?? '');
    expect(assets.length, html).toBeGreaterThanOrEqual(2);
    for (const asset of assets) {
      const response = await app.inject({ method: 'GET', url: asset });
      expect(response.statusCode, asset).toBe(200);
      expect(response.headers['cache-control'], asset).toBe('public, max-age=31536000, immutable');
    }
  });

  it('leaves unknown /api paths to the API’s JSON 404', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('FB_ERR_NOT_FOUND');
  });

  it('says how to build the UI when its directory holds no build', async () => {
    const bare = await buildApp({
      database: 'sqlite::memory:',
      dataDir: tempDir(),
      validationWorkers: 0,
      webRoot: tempDir(),
    });
    try {
      const response = await bare.inject({ method: 'GET', url: '/' });
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toMatch(/^text\/plain/);
      expect(response.body).toBe('the web UI is not built: run npm run build\n');
    } finally {
      await bare.close();
    }
  });
});
