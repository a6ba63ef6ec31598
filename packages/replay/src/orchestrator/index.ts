export { loadPackage, replayableTrigger } from './package-load.js';
export { reproduce } from './reproduce.js';
export type { ReproduceOptions, ReproProgress } from './reproduce-types.js';
