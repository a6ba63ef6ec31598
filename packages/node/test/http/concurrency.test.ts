import http from 'node:http';
import type { HttpEvent } from '@flashback/protocol/types';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { httpClientIntegration } from '../../src/integrations/http-client/index.js';
import { httpServerIntegration } from '../../src/integrations/http-server/index.js';
import { installIntegrations } from './install-integrations.js';
import { request, settledHttpEvents } from './outbound-helpers.js';
import { RecordingSink } from './recording-sink.js';
import { type RunningServer, startHttpServer } from './test-servers.js';

/** A promise the test resolves by name, to order the two requests' steps deliberately. */
class Gates {
  private readonly gates = new Map<string, { promise: Promise<void>; open: () => void }>();

  private gate(name: string) {
    let entry = this.gates.get(name);
    if (!entry) {
      let open: () => void = () => undefined;
      const promise = new Promise<void>((resolve) => {
        open = resolve;
      });
      entry = { promise, open };
      this.gates.set(name, entry);
    }
    return entry;
  }

  wait(name: string): Promise<void> {
    return this.gate(name).promise;
  }

  open(name: string): void {
    this.gate(name).open();
  }
}

const sink = new RecordingSink();
const gates = new Gates();
/** Upstream requests received and held until the test answers them, by `<step>-<id>`. */
const held = new Map<string, http.ServerResponse>();
let teardown: () => void;
let app: RunningServer;
let upstream: RunningServer;

beforeAll(async () => {
  teardown = installIntegrations([httpServerIntegration(), httpClientIntegration()], sink);
  upstream = await startHttpServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://upstream');
    held.set(`${url.pathname.slice(1)}-${url.searchParams.get('id')}`, res);
  });
  app = await startHttpServer((req, res) => {
    const id = new URL(req.url ?? '/', 'http://app').searchParams.get('id');
    void (async () => {
      await gates.wait(`${id}-1`);
      await (await fetch(`${upstream.origin}/step1?id=${id}`)).text();
      await gates.wait(`${id}-2`);
      await request(http, `${upstream.origin}/step2?id=${id}`);
      res.end(`done ${id}`);
    })();
  });
});

afterAll(async () => {
  await app.close();
  await upstream.close();
  teardown();
});

function answer(key: string): Promise<void> {
  return vi
    .waitFor(() => {
      const res = held.get(key);
      if (!res) throw new Error(`upstream has not received ${key} yet`);
      return res;
    })
    .then((res) => {
      res.end(`answer ${key}`);
    });
}

it('never mixes the timelines of two interleaved requests', async () => {
  const a = fetch(`${app.origin}/work?id=A`).then((r) => r.text());
  const b = fetch(`${app.origin}/work?id=B`).then((r) => r.text());

  // Both requests call upstream; B's call is answered first, B moves on to its second call while
  // A's first is still in flight, then A catches up, and the second calls finish in reverse order.
  gates.open('A-1');
  gates.open('B-1');
  await vi.waitFor(() => expect(held.has('step1-A') && held.has('step1-B')).toBe(true));
  await answer('step1-B');
  gates.open('B-2');
  await vi.waitFor(() => expect(held.has('step2-B')).toBe(true));
  await answer('step1-A');
  gates.open('A-2');
  await answer('step2-A');
  await answer('step2-B');
  expect(await a).toBe('done A');
  expect(await b).toBe('done B');

  for (const id of ['A', 'B']) {
    const { context, status } = await sink.waitForEnd(`/work?id=${id}`);
    expect(status).toBe(200);
    const events: HttpEvent[] = await settledHttpEvents(context, 2);
    expect(events.map((e) => [e.seq, e.method, e.url, e.responseBody?.data])).toEqual([
      [0, 'GET', `${upstream.origin}/step1?id=${id}`, `answer step1-${id}`],
      [1, 'GET', `${upstream.origin}/step2?id=${id}`, `answer step2-${id}`],
    ]);
  }
});
