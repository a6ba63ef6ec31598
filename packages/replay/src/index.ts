export * from './environment/index.js';
export * from './fixtures/index.js';
export * from './orchestrator/index.js';
export * from './runner/index.js';
export * from './sandbox/index.js';
export * from './stubs/index.js';
