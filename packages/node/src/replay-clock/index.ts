export { installReplayClock, type ReplayClock } from './replay-clock.js';
export { installReplayClockFromEnv, READY_PROBE_HEADER, REPLAY_CLOCK_ENV } from './replay-clock-env.js';
