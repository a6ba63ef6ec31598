/**
 * Entry of an ingest validation worker thread: takes raw bodies, answers with validated and
 * triaged batches (by the built-in rules). See `validation-pool.ts` for why this runs off the main
 * thread.
 */
import { parentPort } from 'node:worker_threads';
import { triagePackage } from '../triage/index.js';
import { decodeAndValidate } from './decode-and-validate.js';
import { settledPair } from './triage-contract.js';
import { toTransferredError, type ValidationReply, type ValidationRequest } from './validation-messages.js';

const port = parentPort;
if (!port) throw new Error('validation-worker.js runs as a worker thread only');

port.on('message', (request: ValidationRequest) => {
  decodeAndValidate(request.raw, request.headers, request.limits, triagePackage).then(
    (batch) => {
      // The main thread cannot run triage later without the package: settle both outcomes here.
      const valid = batch.valid.map((item) => ({ ...item, triage: settledPair(item.triage) }));
      port.postMessage({ id: request.id, ok: true, batch: { ...batch, valid } } satisfies ValidationReply);
    },
    (error: unknown) =>
      port.postMessage({
        id: request.id,
        ok: false,
        error: toTransferredError(error),
      } satisfies ValidationReply),
  );
});
