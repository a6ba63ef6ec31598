import { FlashbackClient } from './client.js';
import { getRequestContext } from './context/request-context.js';
import { debug, setDebug } from './debug-logger.js';
import { enabledIntegrations } from './integrations/defaults.js';
import { getContextAtThrow, getLocalsForError } from './integrations/local-variables/index.js';
import { debugRequested, type FlashbackOptions, resolveOptions } from './options.js';
import { watchProcessErrors } from './process-errors.js';
import { createTransport } from './transport/create-transport.js';

let client: FlashbackClient | undefined;
let stopWatching: (() => void) | undefined;

/**
 * Starts capturing. Call once, as early as possible (or preload with
 * `node --import @flashback/node/register app.js`, which reads the environment instead).
 *
 * @example
 * init({ service: 'checkout', outputDir: './.flashback/packages' });
 */
export function init(options: FlashbackOptions = {}): FlashbackClient {
  if (client) {
    debug.warn('init() called twice; keeping the first configuration');
    return client;
  }
  setDebug(debugRequested(options));
  const resolved = resolveOptions(options);
  const transport = createTransport(resolved);
  client = new FlashbackClient(resolved, transport, enabledIntegrations(resolved.disabledIntegrations));
  client.setThrowSiteLookup({ locals: getLocalsForError, context: getContextAtThrow });
  client.setup();
  stopWatching = watchProcessErrors(client);
  flushBeforeExit(client);
  debug.log(`capturing for service ${resolved.service ?? '(from package.json)'}`);
  return client;
}

/**
 * Resolves once capture is fully live (the local-variables worker attached), or after
 * `timeoutMs`. The preload entry awaits it so even the first request gets its locals.
 */
export async function whenReady(timeoutMs = 1000): Promise<void> {
  await client?.ready(timeoutMs);
}

export function getClient(): FlashbackClient | undefined {
  return client;
}

/** Packages an error the app caught itself; inside a request, with that request's timeline. */
export function captureException(error: unknown): void {
  client?.captureError(error, { kind: 'captureException', handled: true }, getRequestContext());
}

/** Waits until captured packages are delivered or persisted, at most `timeoutMs`. */
export function flush(timeoutMs = 2000): Promise<boolean> {
  return client ? client.flush(timeoutMs) : Promise.resolve(true);
}

/** Flushes, removes all instrumentation and stops the SDK. */
export async function close(timeoutMs = 2000): Promise<boolean> {
  if (!client) return true;
  const closing = client;
  client = undefined;
  stopWatching?.();
  return closing.close(timeoutMs);
}

/**
 * The transport never keeps the process alive, so when the app ends on its own (the event loop
 * ran dry) packages still queued are delivered first, once.
 */
function flushBeforeExit(current: FlashbackClient): void {
  let flushed = false;
  process.on('beforeExit', () => {
    if (flushed || client !== current) return;
    flushed = true;
    void current.flush(2000);
  });
}
