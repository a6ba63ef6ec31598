import diagnosticsChannel from 'node:diagnostics_channel';
import http from 'node:http';
import { expect, it } from 'vitest';
import { isCaptureSuppressed } from '../../src/context/request-context.js';
import { httpTransport, track } from './support/http-transport-fixture.js';
import { makePackage } from './support/make-package.js';
import { startStubCollector } from './support/stub-collector.js';
import { tempDir } from './support/temp-dirs.js';

it('sends its own requests with capture suppressed, past a later-patched http.request', async () => {
  const collector = track(await startStubCollector());
  const transport = httpTransport(collector.dsn, { spoolDir: tempDir('spool') });
  const suppressedAtStart: boolean[] = [];
  const onStart = (): void => {
    suppressedAtStart.push(isCaptureSuppressed());
  };
  const original = http.request;
  let patchedCalls = 0;
  diagnosticsChannel.subscribe('http.client.request.start', onStart);
  // What an instrumentation loaded after the SDK does; the transport must not go through it.
  http.request = ((...args: Parameters<typeof http.request>) => {
    patchedCalls++;
    return original(...args);
  }) as typeof http.request;
  try {
    transport.send(makePackage());
    expect(await transport.flush(5000)).toBe(true);
  } finally {
    http.request = original;
    diagnosticsChannel.unsubscribe('http.client.request.start', onStart);
  }

  expect(collector.receivedIds()).toHaveLength(1);
  expect(suppressedAtStart).toEqual([true]);
  expect(patchedCalls).toBe(0);
});
