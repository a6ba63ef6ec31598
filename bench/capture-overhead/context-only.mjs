/**
 * Preloaded (`node --import`) into the benchmark's "context" side: every inbound request runs in
 * an AsyncLocalStorage context, as under the SDK, and nothing else happens. What this side costs
 * is the floor for any capture that attributes IO to requests through AsyncLocalStorage on this
 * Node version: propagating the store through every promise and callback, with nothing recorded.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import http from 'node:http';

const storage = new AsyncLocalStorage();
const emit = http.Server.prototype.emit;

http.Server.prototype.emit = function emitInContext(event, ...args) {
  if (event !== 'request') return emit.call(this, event, ...args);
  return storage.run({ request: args[0] }, () => emit.call(this, event, ...args));
};
