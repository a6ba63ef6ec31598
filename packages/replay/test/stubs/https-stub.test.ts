import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CA_FILE_NAME } from '../../src/stubs/index.js';
import { type Recorder, type Recording, realValue, startRecorder } from './support/recorder.js';
import { httpEvents, type Replay, replay, withTimeline } from './support/replay-helpers.js';
import { startUpstream, type Upstream } from './support/upstream-server.js';

const run = promisify(execFile);

let upstream: Upstream;
let recorder: Recorder;
let recording: Recording;
let running: Replay | undefined;

const RECORDED_ORIGIN = 'https://api.payments.example:8443';

beforeAll(async () => {
  upstream = await startUpstream();
  recorder = await startRecorder();
  recording = await recorder.record([
    { op: 'fetch', url: `${upstream.url}/status` },
    { op: 'fetch', url: `${upstream.url}/v1/customers/42?expand=cards` },
  ]);
});

afterAll(async () => {
  await recorder?.stop();
  await upstream?.close();
});

afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** The recorded exchanges as if the app had called a public HTTPS API. */
async function startHttps(): Promise<Replay> {
  const events = httpEvents(recording.pkg).map((event) => {
    const url = new URL(event.url);
    return { ...event, url: `${RECORDED_ORIGIN}${url.pathname}${url.search}` };
  });
  running = await replay(withTimeline(recording.pkg, events));
  return running;
}

/** Runs a script in a fresh Node process: only the given env decides which CAs it trusts. */
async function node(script: string, env: Record<string, string>): Promise<string> {
  const { NODE_EXTRA_CA_CERTS: _ignored, ...inherited } = process.env;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...inherited, ...env },
  });
  return stdout.trim();
}

describe('HTTPS stub', () => {
  it('writes a throwaway EC P-256 CA to the work dir', async () => {
    const stubs = await startHttps();
    expect(stubs.stubs.caCertFile).toBe(`${stubs.workDir}/${CA_FILE_NAME}`);
    const ca = new X509Certificate(await readFile(stubs.stubs.caCertFile ?? ''));
    expect(ca.ca).toBe(true);
    expect(ca.publicKey.asymmetricKeyDetails).toMatchObject({ namedCurve: 'prime256v1' });
    expect(stubs.stubs.endpoints).toEqual([
      expect.objectContaining({ kind: 'https', recorded: { host: 'api.payments.example', port: 8443 } }),
    ]);
  });

  it('is trusted by fetch in a child process through NODE_EXTRA_CA_CERTS, and only through it', async () => {
    const stubs = await startHttps();
    const url = `${stubs.url(8443, 'https')}`.replace('127.0.0.1', 'localhost');
    const script = `
      const response = await fetch('${url}/status');
      console.log(JSON.stringify({ status: response.status, body: await response.text() }));
    `;
    const trusted = JSON.parse(await node(script, { NODE_EXTRA_CA_CERTS: stubs.stubs.caCertFile ?? '' }));
    expect(trusted).toEqual({ status: 503, body: realValue<{ body: string }>(recording, 0).body });

    const untrusted = await node(
      `await fetch('${url}/status').then(() => console.log('trusted'), (e) => console.log(e.cause?.code));`,
      {},
    );
    expect(untrusted).toMatch(
      /^(UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)$/,
    );
  });

  it('presents a certificate valid for the recorded host name', async () => {
    const stubs = await startHttps();
    const script = `
      import https from 'node:https';
      const request = https.get({ host: '127.0.0.1', port: ${stubs.port(8443)}, path: '/v1/customers/42?expand=cards',
        servername: 'api.payments.example', headers: { host: 'api.payments.example:8443' } }, (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => console.log(JSON.stringify({ status: response.statusCode, encoding: response.headers['content-encoding'] })));
      });
      request.on('error', (error) => console.log(error.code));
    `;
    const result = JSON.parse(await node(script, { NODE_EXTRA_CA_CERTS: stubs.stubs.caCertFile ?? '' }));
    expect(result).toEqual({ status: 200, encoding: 'gzip' });
  });
});
