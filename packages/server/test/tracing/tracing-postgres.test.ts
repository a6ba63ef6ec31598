import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDatabase } from '@flashback-dev/test-harness';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { buildApp } from '../../src/app/build-app.js';
import { type CreatedProject, createProject } from '../../src/app/project-admin.js';
import { snapshotAt, snapshotHit, tracingClient } from './tracing-client.js';

// Two collectors on one PostgreSQL database, as behind a load balancer.
let placing: FastifyInstance;
let polled: FastifyInstance;
let project: CreatedProject;
const dataDir = mkdtempSync(path.join(tmpdir(), 'flashback-tracing-pg-'));

beforeAll(async () => {
  const database = await createDatabase(inject('postgresUrl'));
  placing = await buildApp({ dataDir, database });
  polled = await buildApp({ dataDir, database });
  project = await createProject('checkout', { storage: placing.flashbackStorage });
});
afterAll(async () => {
  await Promise.all([placing?.close(), polled?.close()]);
  rmSync(dataDir, { recursive: true, force: true });
});

it('hands an action placed on one collector to a poll waiting on another, and its hits back', async () => {
  const person = tracingClient(placing, project);
  const sdk = tracingClient(polled, project);
  const { version } = (await sdk.poll('service=checkout')).json();

  const poll = sdk.poll(`service=checkout&version=${version}&wait=25`);
  const placedAt = performance.now();
  const placed = await person.place({ ...snapshotAt, condition: 'order.total === 0' });
  expect(placed.statusCode, placed.body).toBe(201);
  const { id } = placed.json().action;
  const set = (await poll).json();
  // The other collector learns of it by re-reading the database once a second.
  expect(performance.now() - placedAt).toBeLessThan(3_000);
  expect(set.actions.map((a: { id: string }) => a.id)).toEqual([id]);

  const waiting = person.hits(id, '?after=0&wait=25');
  await sdk.send('checkout', [
    { kind: 'status', actionId: id, at: new Date().toISOString(), state: 'applied', reason: 'breakpoint' },
    snapshotHit(id, { total: 0 }),
  ]);
  const { hits, next } = (await waiting).json();
  expect(hits.map((h: { kind: string }) => h.kind)).toEqual(['status', 'snapshot']);
  expect(next).toBe(hits[1].seq);

  const [action] = (await person.list()).json().actions;
  // One snapshot was its limit: it ended, its state says so.
  expect(action).toMatchObject({ id, hitCount: 1, live: false, status: { state: 'disabled' } });
  expect((await sdk.poll('service=checkout')).json().actions).toEqual([]);
});
