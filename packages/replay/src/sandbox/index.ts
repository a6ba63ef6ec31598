export {
  createSandboxDriver,
  type DefaultDriver,
  detectDefaultDriver,
  type SandboxDriverOptions,
} from './driver-factory.js';
export { isSandboxError, SandboxError, type SandboxErrorCode } from './errors.js';
export {
  MicrovmDriver,
  type MicrovmDriverOptions,
  type MicrovmRunInfo,
} from './microvm/microvm-driver.js';
export type { VmmReport } from './microvm/vmm-detect.js';
export { NamespaceDriver, type NamespaceDriverOptions } from './namespace-driver.js';
export type { SandboxIdentity } from './path-access.js';
export { ProcessDriver, type ProcessDriverOptions } from './process-driver.js';
export type * from './sandbox-types.js';
export { STANDBY_READY_LINE } from './sandbox-types.js';
export {
  createWorkDir,
  defaultWorkDirParent,
  removeWorkDir,
  sweepStaleWorkDirs,
  type WorkDirOptions,
} from './work-dir.js';
