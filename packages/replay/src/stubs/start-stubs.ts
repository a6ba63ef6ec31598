/**
 * `startStubs`: every stub of a plan listening, the throwaway CA written, one divergence log.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { createSecureContext, type SecureContext } from 'node:tls';
import type { HttpEvent } from '@flashback/protocol/types';
import { describeHttpEvent, describeRedisEvent } from './describe-call.js';
import { DivergenceLog, notCalled } from './divergence-log.js';
import { StubError } from './errors.js';
import type { HttpRoute } from './http-decide.js';
import { HttpStub } from './http-stub.js';
import { refusingPort } from './listen.js';
import { RecordedQueue } from './recorded-queue.js';
import { RedisStub } from './redis-stub.js';
import { type HttpListenerLayout, layoutHttp, layoutRedis, type RedisListenerLayout } from './stub-layout.js';
import type { RunningStubs, StartStubsOptions, StubEndpoint, StubPlan } from './stub-types.js';
import { createThrowawayCa } from './throwaway-ca.js';

/** File name of the CA certificate inside `workDir`. */
export const CA_FILE_NAME = 'ca.pem';

/**
 * Starts the stubs of `plan`: HTTP(S) origins, S3 and Redis servers.
 *
 * With `bind: 'recorded'` each stub listens on its recorded port, on the recorded IP address or,
 * for host names, on 127.0.0.1 (the sandbox resolves them there); endpoints then report the
 * recorded address as where they listen. With `bind: 'ephemeral'` each listens on a free
 * 127.0.0.1 port. An origin whose every recorded call was refused gets no listener at all
 * (`refusing: true`), so connecting to it is refused again.
 *
 * @example
 * const stubs = await startStubs(planStubs(pkg), { bind: 'ephemeral', workDir });
 * // run the app with NODE_EXTRA_CA_CERTS=stubs.caCertFile and addresses from stubs.endpoints
 * await stubs.close();
 * stubs.divergences(); // includes recorded calls the app never made
 *
 * @throws StubError `FB_STUB_LISTEN_FAILED`, `FB_STUB_ADDRESS_CONFLICT`, `FB_STUB_CA_FAILED`
 */
export async function startStubs(plan: StubPlan, options: StartStubsOptions): Promise<RunningStubs> {
  const latencyScale = options.latencyScale ?? 1;
  const log = new DivergenceLog();
  const routes: HttpRoute[] = plan.http.map((http) => ({
    plan: http,
    queue: new RecordedQueue<HttpEvent>(http.exchanges),
    service: `http ${http.origin}`,
  }));
  const httpLayout = layoutHttp(routes, options.bind);
  const redisLayout = layoutRedis(plan.redis, options.bind);
  assertNoConflict(httpLayout, redisLayout);

  const https = routes.filter((route) => route.plan.protocol === 'https');
  const ca = https.length ? await writeCa(https, options.workDir) : undefined;

  const started: { close(): Promise<void> }[] = [];
  const endpoints: StubEndpoint[] = [];
  try {
    for (const layout of httpLayout) {
      if (layout.refusing) {
        const port = layout.port || (await refusingPort());
        for (const route of layout.routes)
          endpoints.push(httpEndpoint(route, { host: layout.bindHost, port }, options, true));
        continue;
      }
      const stub = await HttpStub.listen({
        host: layout.bindHost,
        port: layout.port,
        routes: layout.routes,
        tls: ca?.context,
        latencyScale,
        log,
        ...(options.offRecord?.http ? { offRecord: options.offRecord.http } : {}),
      });
      started.push(stub);
      for (const route of layout.routes) endpoints.push(httpEndpoint(route, stub.address, options, false));
    }
    for (const layout of redisLayout) {
      const stub = await RedisStub.listen({
        host: layout.bindHost,
        port: layout.port,
        queues: layout.queues,
        server: layout.server,
        latencyScale,
        log,
        ...(options.offRecord?.redis ? { offRecord: options.offRecord.redis } : {}),
      });
      started.push(stub);
      for (const redis of layout.plans) {
        endpoints.push(endpoint('redis', { host: redis.host, port: redis.port }, stub.address, options));
      }
    }
  } catch (error: unknown) {
    await Promise.all(started.map((stub) => stub.close()));
    throw error;
  }

  let closing: Promise<void> | undefined;
  const close = async () => {
    await Promise.all(started.map((stub) => stub.close()));
    // Refused origins cannot tell whether the app tried again: only what was served counts.
    for (const layout of httpLayout) {
      if (layout.refusing) continue;
      for (const route of layout.routes) {
        for (const event of route.queue.remaining()) {
          log.add(notCalled(route.service, { seq: event.seq, description: describeHttpEvent(event) }));
        }
      }
    }
    for (const layout of redisLayout) {
      for (const db of layout.queues) {
        for (const event of db.queue.remaining()) {
          log.add(notCalled(db.service, { seq: event.seq, description: describeRedisEvent(event) }));
        }
      }
    }
  };
  return {
    endpoints,
    caCertFile: ca?.file,
    divergences: () => log.list(),
    close: () => {
      closing ??= close();
      return closing;
    },
  };
}

function httpEndpoint(
  route: HttpRoute,
  bound: { host: string; port: number },
  options: StartStubsOptions,
  refusing: boolean,
): StubEndpoint {
  const result = endpoint(
    route.plan.protocol,
    { host: route.plan.host, port: route.plan.port },
    bound,
    options,
  );
  return refusing ? { ...result, refusing } : result;
}

function endpoint(
  kind: StubEndpoint['kind'],
  recorded: { host: string; port: number },
  bound: { host: string; port: number },
  options: StartStubsOptions,
): StubEndpoint {
  // At recorded addresses a host name reaches the stub by name (the sandbox resolves it to
  // loopback); a recorded IP address the sandbox lacked fell back to loopback and moved.
  const atRecorded =
    options.bind === 'recorded' &&
    bound.port === recorded.port &&
    (bound.host === recorded.host || (isIP(recorded.host) === 0 && bound.host === '127.0.0.1'));
  return { kind, recorded, listening: atRecorded ? { ...recorded } : { ...bound }, bound: { ...bound } };
}

async function writeCa(
  routes: readonly HttpRoute[],
  workDir: string,
): Promise<{ file: string; context: SecureContext }> {
  const ca = await createThrowawayCa(routes.map((route) => route.plan.host));
  const file = join(workDir, CA_FILE_NAME);
  try {
    await mkdir(workDir, { recursive: true });
    await writeFile(file, ca.caCertPem, { mode: 0o644 });
  } catch (cause) {
    throw new StubError('FB_STUB_CA_FAILED', `cannot write the CA certificate to ${file}: ${String(cause)}`, {
      cause,
    });
  }
  return { file, context: createSecureContext({ key: ca.keyPem, cert: ca.certPem }) };
}

function assertNoConflict(http: readonly HttpListenerLayout[], redis: readonly RedisListenerLayout[]): void {
  for (const r of redis) {
    if (r.port === 0) continue;
    const clash = http.find((h) => h.port === r.port && h.bindHost === r.bindHost && !h.refusing);
    if (clash) {
      throw new StubError(
        'FB_STUB_ADDRESS_CONFLICT',
        `redis ${r.server} and ${clash.routes.map((route) => route.plan.origin).join(', ')} both need ${r.bindHost}:${r.port}; bind ephemeral ports instead`,
      );
    }
  }
}
