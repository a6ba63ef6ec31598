import type { HttpEvent } from '@flashback/protocol/types';
import { getRequestContext } from '../../context/request-context.js';
import { type EventFields, type PendingEvent, startEvent } from '../../context/timeline-recorder.js';
import { safeExecute } from '../../instrument/safe-execute.js';
import { currentAwsCommand } from '../aws-s3/aws-command-hint.js';
import { describeS3Request } from '../aws-s3/describe-s3-request.js';
import { BodyCollector } from '../http-common/body-collector.js';
import { type CapturedHeaders, contentLength, headerValue } from '../http-common/headers.js';
import { describeFailure } from './outbound-failure.js';

/**
 * One outbound HTTP call being recorded as an `http` event. The client-specific observers
 * (ClientRequest, fetch) feed it what they see; it owns the bodies and ends the event once.
 *
 * `durationMs` runs from the start of the call to the end of the response body, as far as the
 * SDK reads it (see the observers), or to the error.
 */
export class OutboundCall {
  readonly requestBody: BodyCollector;
  private responseBody: BodyCollector | undefined;
  private responseHeaders: CapturedHeaders = {};
  private timedOut = false;
  private done = false;
  private readonly onEnd: Array<() => void> = [];

  private constructor(
    private readonly event: PendingEvent<HttpEvent>,
    private readonly requestHeaders: CapturedHeaders,
    private readonly maxBodyBytes: number,
  ) {
    this.requestBody = new BodyCollector(maxBodyBytes);
  }

  /**
   * Whether a call started now would be recorded: the caller runs for a request that has not
   * ended, and not for the SDK's own IO. Checked before describing the call, which costs more.
   */
  static wouldRecord(): boolean {
    const context = getRequestContext();
    return context !== undefined && !context.ended;
  }

  /**
   * Starts recording a call for the request context the caller runs in. Undefined outside a
   * request, while the SDK's own IO runs, or when the timeline is full.
   */
  static start(
    method: string,
    url: string,
    headers: CapturedHeaders,
    maxBodyBytes: number,
  ): OutboundCall | undefined {
    const fields: EventFields<HttpEvent> = { type: 'http', method, url, requestHeaders: headers };
    // S3 calls are http events tagged with the bucket and key; the AWS SDK's own view of the
    // command, when the call runs inside `S3Client.send()`, makes the tag exact.
    const aws = safeExecute('describing an S3 request', () =>
      describeS3Request(method, url, headers, currentAwsCommand()),
    );
    if (aws) fields.aws = aws;
    const event = startEvent<HttpEvent>(fields);
    return event && new OutboundCall(event, headers, maxBodyBytes);
  }

  get ended(): boolean {
    return this.done;
  }

  /** Registers cleanup to run when the call ends, whichever way. */
  whenEnded(callback: () => void): void {
    if (this.done) callback();
    else this.onEnd.push(callback);
  }

  /** The request body is written (or read up to the cap): it shows on the event while the call is pending. */
  requestBodyReady(): void {
    const requestBody = this.requestBodySnapshot();
    if (requestBody) this.event.update({ requestBody });
  }

  /**
   * Status and headers arrived; returns the collector the response body goes into (`body`, when
   * the observer already collects it).
   */
  response(
    status: number,
    statusText: string | undefined,
    headers: CapturedHeaders,
    body = new BodyCollector(this.maxBodyBytes),
  ): BodyCollector {
    this.responseHeaders = headers;
    const fields: Partial<EventFields<HttpEvent>> = { status, responseHeaders: headers };
    if (statusText) fields.statusText = statusText;
    this.event.update(fields);
    this.responseBody = body;
    return body;
  }

  /** The socket reported a timeout; whatever ends the call next is recorded as a timeout. */
  markTimedOut(): void {
    this.timedOut = true;
  }

  /** The response ended (or the SDK stopped reading it at the cap). */
  complete(): void {
    if (this.done) return;
    this.event.finish(this.bodies());
    this.end();
  }

  fail(error: unknown): void {
    if (this.done) return;
    const failure = describeFailure(error, this.timedOut);
    this.event.fail(failure.error, this.bodies(), failure.outcome);
    this.end();
  }

  private bodies(): Partial<EventFields<HttpEvent>> {
    const fields: Partial<EventFields<HttpEvent>> = {};
    const requestBody = this.requestBodySnapshot();
    if (requestBody) fields.requestBody = requestBody;
    const responseBody = this.responseBody?.toBody(
      headerValue(this.responseHeaders, 'content-type'),
      contentLength(this.responseHeaders),
    );
    if (responseBody) fields.responseBody = responseBody;
    return fields;
  }

  private requestBodySnapshot() {
    return this.requestBody.toBody(
      headerValue(this.requestHeaders, 'content-type'),
      contentLength(this.requestHeaders),
    );
  }

  private end(): void {
    this.done = true;
    for (const callback of this.onEnd.splice(0)) safeExecute('ending an outbound call', callback);
  }
}
