/**
 * Preloaded (`node --require`) into a service run on another Node major than the one the
 * workspace was installed with: better-sqlite3's addon is built for one ABI only. This serves
 * the copy built for this Node (see native-addons.mjs, which passes its directory in
 * BENCH_BETTER_SQLITE3_DIR) wherever the app resolves the workspace's better-sqlite3, by placing it
 * in the require cache under the workspace copy's file name.
 */
const Module = require('node:module');
const path = require('node:path');

const copyDir = process.env.BENCH_BETTER_SQLITE3_DIR;
if (copyDir) {
  const workspaceEntry = require.resolve('better-sqlite3', { paths: [process.cwd()] });
  const copy = require(path.join(copyDir, 'lib/index.js'));
  const seeded = new Module(workspaceEntry, null);
  seeded.filename = workspaceEntry;
  seeded.loaded = true;
  seeded.exports = copy;
  Module._cache[workspaceEntry] = seeded;
}
