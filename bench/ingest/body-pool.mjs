/**
 * Request bodies made before the clock starts: `{"packages": [...]}` gzip'd, every package with its
 * own id. When a run outlasts the pool, bodies are made on the fly (and the load generator then
 * competes with the collector for CPU, which the summary would show as lower throughput).
 */
import { gzipSync } from 'node:zlib';

export function bodyPool(makePackage, batchSize, count) {
  const make = () =>
    gzipSync(Buffer.from(JSON.stringify({ packages: Array.from({ length: batchSize }, makePackage) })));
  const bodies = Array.from({ length: count }, make);
  let next = 0;
  let made = 0;
  return {
    next() {
      if (next < bodies.length) return bodies[next++];
      made++;
      return make();
    },
    get madeOnTheFly() {
      return made;
    },
  };
}
