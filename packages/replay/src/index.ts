export * from './fixtures/index.js';
export * from './sandbox/index.js';
export * from './stubs/index.js';
