import type { IntegrationSetup } from '../types.js';

/**
 * The setup the pg wrappers record for. Wrappers are installed once per process (a second `init`
 * finds them in place), so they read the current setup here rather than closing over one; while
 * it is undefined they only pass calls through.
 */
export const pgState: { setup: IntegrationSetup | undefined } = { setup: undefined };
