import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpTrigger } from '@flashback/protocol/types';
import { RequestContext } from '../../context/request-context.js';
import { safeExecute } from '../../instrument/safe-execute.js';
import { BodyCollector } from '../http-common/body-collector.js';
import { type CapturedHeaders, contentLength, fromNodeHeaders, headerValue } from '../http-common/headers.js';
import type { IntegrationSetup } from '../types.js';
import { setInboundContext } from './inbound-contexts.js';

/**
 * Creates the context of one inbound request: the `http` trigger, the body tee and the end watch.
 * The caller runs the request's handlers inside the returned context.
 */
export function startInboundRequest(
  req: IncomingMessage,
  res: ServerResponse,
  { options, sink }: IntegrationSetup,
): RequestContext {
  const headers = fromNodeHeaders(req.headers);
  const trigger: HttpTrigger = {
    kind: 'http',
    method: req.method ?? 'GET',
    url: req.url ?? '/',
    headers,
    startedAt: new Date().toISOString(),
  };
  const remoteAddress = req.socket?.remoteAddress;
  if (remoteAddress) trigger.remoteAddress = remoteAddress;

  const context = new RequestContext(trigger, options.maxTimelineEvents);
  setInboundContext(req, context);
  const body = mayHaveBody(headers) ? teeBody(req, trigger, options.maxBodyBytes) : undefined;

  let ended = false;
  // 'close' comes once per response, after 'finish' or when the connection drops first.
  res.on('close', () => {
    if (ended) return;
    ended = true;
    safeExecute('finishing an inbound request', () => {
      if (body && !trigger.body) trigger.body = body.snapshot();
      const status = res.headersSent ? res.statusCode : undefined;
      if (status !== undefined) trigger.response = { status };
      sink.requestEnded(context, status);
    });
  });
  return context;
}

function mayHaveBody(headers: CapturedHeaders): boolean {
  if (headers['transfer-encoding'] !== undefined) return true;
  const length = contentLength(headers);
  return length !== undefined && length > 0;
}

/**
 * Copies body chunks as Node's HTTP parser pushes them into the request stream. The app's reading
 * (and its pace, and whether it reads at all) is untouched: the chunks flow on unchanged.
 */
function teeBody(
  req: IncomingMessage,
  trigger: HttpTrigger,
  maxBytes: number,
): { snapshot: () => HttpTrigger['body'] } {
  const collector = new BodyCollector(maxBytes);
  const contentType = headerValue(trigger.headers, 'content-type');
  const declared = contentLength(trigger.headers);
  const snapshot = () => collector.toBody(contentType, declared);
  const push = req.push;
  req.push = function flashbackPush(
    this: IncomingMessage,
    chunk: unknown,
    encoding?: BufferEncoding,
  ): boolean {
    safeExecute('capturing a request body', () => {
      if (chunk === null) {
        collector.complete = true;
        trigger.body = snapshot();
      } else {
        collector.addChunk(chunk, encoding);
      }
    });
    return push.call(this, chunk, encoding);
  };
  return { snapshot };
}
