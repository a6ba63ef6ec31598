/** The captured state of a failure, set up for the app's own tests (`flashback export-test`). */
export {
  type ReplayEnvironment,
  type ReplayEnvironmentOptions,
  startReplayEnvironment,
} from './replay-environment.js';
export type { ReplayAppSpec, ReplayedApp, TriggerResponse } from './replayed-app.js';
