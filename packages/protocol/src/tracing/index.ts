export type * from './tracing-types.js';
export { TRACING_FORMAT } from './tracing-types.js';
