export { loadPackage, replayableTrigger } from './package-load.js';
export { reproductionImagePaths } from './readable-paths.js';
export { reproduce } from './reproduce.js';
export type { ReproduceOptions, ReproProgress } from './reproduce-types.js';
