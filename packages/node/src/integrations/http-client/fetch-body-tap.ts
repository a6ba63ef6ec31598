import { safeExecute } from '../../instrument/safe-execute.js';
import { BodyCollector } from '../http-common/body-collector.js';

/** The callbacks Node's fetch (undici) hands its dispatcher: undici's handler interface. */
interface DispatchHandler {
  onData?(this: unknown, chunk: Uint8Array): unknown;
  onComplete?(this: unknown, trailers: unknown): unknown;
  onError?(this: unknown, error: unknown): unknown;
}

/** The part of an undici dispatcher that fetch uses. */
interface Dispatcher {
  dispatch(options: object, handler: DispatchHandler): unknown;
  readonly isMockActive?: unknown;
}

/** Where undici (Node's fetch, and the `undici` package) keeps the dispatcher used by default. */
const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');

/** How a tapped response body ends for the recorder. */
export interface TapListener {
  /** The body ended, or the cap was reached (what is kept will not change any more). */
  end(): void;
  fail(error: unknown): void;
}

/** One response as undici receives it; a followed redirect is a second one. */
class TappedResponse {
  readonly body: BodyCollector;
  ended = false;
  error: unknown;
  failed = false;
  listener: TapListener | undefined;

  constructor(maxBodyBytes: number) {
    this.body = new BodyCollector(maxBodyBytes);
  }

  data(chunk: Uint8Array): void {
    if (this.ended || this.failed) return;
    if (this.body.wantsBytes) this.body.add(chunk);
    else this.body.skip(chunk.byteLength);
    if (!this.body.wantsBytes) this.settle();
  }

  complete(): void {
    if (this.ended || this.failed) return;
    this.body.complete = true;
    this.settle();
  }

  fail(error: unknown): void {
    if (this.ended || this.failed) return;
    this.failed = true;
    this.error = error;
    const listener = this.listener;
    if (listener) safeExecute('recording a failed fetch response', () => listener.fail(error));
  }

  private settle(): void {
    this.ended = true;
    const listener = this.listener;
    if (listener) safeExecute('ending a fetch response', () => listener.end());
  }
}

/**
 * Records the response body of one fetch call as undici receives it from the network, without
 * `Response.clone()`: fetch is handed a dispatcher that wraps the one it would have used (the
 * call's own `init.dispatcher`, else the global one) and observes the handler callbacks undici
 * feeds the app's body from. The app's Response, its stream and its pace are untouched, and no
 * second stream is built, filled and read: that tee cost more than everything else the SDK does
 * per call.
 *
 * The bytes are the body as sent; fetch decodes `content-encoding` after them, so the caller
 * records an encoded response from a clone instead (see `decodedByFetch`).
 */
export class FetchBodyTap {
  private current: TappedResponse | undefined;

  private constructor(
    private readonly inner: Dispatcher,
    private readonly maxBodyBytes: number,
  ) {}

  /**
   * A tap for a fetch called with `init`, or undefined when the dispatcher fetch will use is not
   * known (no global dispatcher yet, an `init` fetch would reject).
   */
  static forInit(init: unknown, maxBodyBytes: number): FetchBodyTap | undefined {
    if (init !== undefined && (typeof init !== 'object' || init === null)) return undefined;
    const own = (init as { dispatcher?: unknown } | undefined)?.dispatcher;
    const inner = own ?? (globalThis as Record<symbol, unknown>)[GLOBAL_DISPATCHER];
    if (!isDispatcher(inner)) return undefined;
    return new FetchBodyTap(inner, maxBodyBytes);
  }

  /**
   * `init` with the tapping dispatcher added; the app's object is not changed. A plain object is
   * copied (fetch reads the copy the same way); anything else is inherited from, since fetch
   * reads its options through the prototype chain. The copy is the common case because it is
   * cheap: an object made the prototype of another is reshaped by V8, which costs more than the
   * rest of the tap.
   */
  initFor(init: object | undefined): object {
    const dispatcher = new TapDispatcher(this.inner, this);
    if (init === undefined) return { dispatcher };
    if (isPlainCopyable(init)) return Object.assign({}, init, { dispatcher });
    return Object.create(init, { dispatcher: { value: dispatcher, enumerable: true } }) as object;
  }

  /** Called by the dispatcher for each response undici starts to receive. */
  dispatched(handler: DispatchHandler): void {
    const response = new TappedResponse(this.maxBodyBytes);
    this.current = response;
    observe(handler, response);
  }

  /** The collector of the response fetch resolved with, or undefined when none was dispatched. */
  get body(): BodyCollector | undefined {
    return this.current?.body;
  }

  /**
   * Tells `listener` how the response fetch resolved with ends: at once if it already ended or
   * failed, otherwise when it does.
   */
  follow(listener: TapListener): void {
    const response = this.current;
    if (!response) return;
    if (response.failed) listener.fail(response.error);
    else if (response.ended) listener.end();
    else response.listener = listener;
  }

  /** Stops recording (the response is recorded another way). */
  detach(): void {
    if (this.current) this.current.ended = true;
  }
}

/** The dispatcher fetch is handed: the one it would have used, with the tap on each response. */
class TapDispatcher implements Dispatcher {
  constructor(
    private readonly inner: Dispatcher,
    private readonly tap: FetchBodyTap,
  ) {}

  dispatch(options: object, handler: DispatchHandler): unknown {
    safeExecute('tapping a fetch response', () => this.tap.dispatched(handler));
    return this.inner.dispatch(options, handler);
  }

  /** undici's MockAgent: fetch asks it how to pass the request body. */
  get isMockActive(): unknown {
    return this.inner.isMockActive;
  }
}

/** Wraps the handler's own callbacks (the handler is fetch's private object for this dispatch). */
function observe(handler: DispatchHandler, response: TappedResponse): void {
  const { onData, onComplete, onError } = handler;
  if (typeof onData !== 'function' || typeof onComplete !== 'function' || typeof onError !== 'function') {
    response.ended = true;
    return;
  }
  handler.onData = function onDataTapped(this: unknown, chunk: Uint8Array): unknown {
    if (chunk instanceof Uint8Array) response.data(chunk);
    return onData.call(this, chunk);
  };
  handler.onComplete = function onCompleteTapped(this: unknown, trailers: unknown): unknown {
    const result = onComplete.call(this, trailers);
    response.complete();
    return result;
  };
  handler.onError = function onErrorTapped(this: unknown, error: unknown): unknown {
    response.fail(error);
    return onError.call(this, error);
  };
}

function isDispatcher(value: unknown): value is Dispatcher {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { dispatch?: unknown }).dispatch === 'function'
  );
}

/** An object literal (or null-prototype object) whose own properties are all enumerable. */
function isPlainCopyable(init: object): boolean {
  const proto = Object.getPrototypeOf(init);
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.getOwnPropertyNames(init).length === Object.keys(init).length;
}
