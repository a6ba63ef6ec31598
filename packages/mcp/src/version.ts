import { createRequire } from 'node:module';

/** This package's version, told to clients at initialisation. */
export const MCP_VERSION = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
