import { onPackageLoad } from '../../instrument/module-hook.js';
import type { Integration } from '../types.js';
import { patchNodeRedis } from './node-redis-patch.js';
import { redisValueLimits } from './redis-command-recorder.js';
import type { NodeRedisModule } from './types.js';

/**
 * Records every node-redis (`redis` v4+, `@redis/client`) command a request issues as a `redis`
 * event: command, args, reply or error, with `outcome: 'timeout'` for client-side timeouts
 * (`timeout` command option, `AbortSignal.timeout()`). Pipelines and MULTI blocks are recorded
 * command by command, as they go on the wire (MULTI, each command with its `QUEUED` reply, then
 * EXEC with the results), which is what a RESP stub replays.
 */
export function redisIntegration(): Integration {
  return {
    name: 'redis',
    setup({ options }) {
      const limits = redisValueLimits(options);
      // `redis` re-exports `@redis/client`, which it requires by name; apps may also use it directly.
      onPackageLoad('@redis/client', (exports) => patchNodeRedis(exports as NodeRedisModule, limits));
    },
  };
}
