#!/usr/bin/env node
import { processDeps } from './cli-deps.js';
import { main } from './main.js';

const code = await main(process.argv.slice(2), processDeps());
// Servers and handles of the library may linger a moment; the command is done.
process.exit(code);
