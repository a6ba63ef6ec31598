#!/usr/bin/env node
// Starts the stand-ins (payment gateway, S3 with receipt templates) and prints
// the environment the checkout service needs, as shell exports. Runs until
// interrupted. PostgreSQL and Redis are yours to provide (DATABASE_URL, REDIS_URL).
//
//   node examples/checkout/scripts/start-stack.mjs [--gateway-port 4010] [--s3-port 4569] [--write-env .stack.env]
//
// --write-env also writes the variables as KEY=value lines, for `node --env-file`.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { startStack } from '../stand-ins/stack.js';

const { values } = parseArgs({
  options: {
    'gateway-port': { type: 'string' },
    's3-port': { type: 'string' },
    'write-env': { type: 'string' },
  },
});

const stack = await startStack({
  gatewayPort: values['gateway-port'] ? Number(values['gateway-port']) : undefined,
  s3Port: values['s3-port'] ? Number(values['s3-port']) : undefined,
});

const entries = Object.entries(stack.env);
if (values['write-env'])
  await writeFile(values['write-env'], entries.map(([name, value]) => `${name}=${value}\n`).join(''));
for (const [name, value] of entries) console.log(`export ${name}=${value}`);
console.error('# stand-ins running; Ctrl-C to stop');

const shutdown = async () => {
  await stack.stop();
  process.exit(0);
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
