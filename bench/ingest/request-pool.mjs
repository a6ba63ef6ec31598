/**
 * Requests made before the clock starts: `{"packages": [...]}` gzip'd, every package with its own
 * id, as complete HTTP requests. When a run outlasts the pool, requests are made on the fly (and
 * the load generator then competes with the collector for CPU).
 */
import { gzipSync } from 'node:zlib';
import { rawRequest } from '../support/raw-http.mjs';

export function requestPool({ url, project, key }, makePackage, batchSize, count) {
  const make = () => {
    const packages = Array.from({ length: batchSize }, makePackage);
    return rawRequest({
      url,
      method: 'POST',
      path: `/api/${project}/packages`,
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'x-flashback-key': key },
      body: gzipSync(Buffer.from(JSON.stringify({ packages }))),
    });
  };
  const requests = Array.from({ length: count }, make);
  let next = 0;
  return {
    next: () => (next < requests.length ? requests[next++] : make()),
  };
}
