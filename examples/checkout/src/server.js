import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { createDependencies } from './dependencies.js';

// Entry point: `node src/server.js`, or with Flashback capturing failures,
// `node --import @flashback/node/register src/server.js`.
const config = loadConfig();
const deps = await createDependencies(config);
const app = buildApp(deps, { logLevel: config.logLevel });
await app.listen({ host: '127.0.0.1', port: config.port });

let closing = false;
const shutdown = async () => {
  if (closing) return;
  closing = true;
  await app.close();
  await deps.close();
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
