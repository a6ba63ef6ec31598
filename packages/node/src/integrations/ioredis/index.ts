import { onPackageLoad } from '../../instrument/module-hook.js';
import { redisValueLimits } from '../redis/redis-command-recorder.js';
import type { Integration } from '../types.js';
import { patchIoredis } from './ioredis-patch.js';
import type { IoredisModule } from './types.js';

/**
 * Records every ioredis command a request issues as a `redis` event: command, args, reply or
 * error, with `outcome: 'timeout'` when `commandTimeout` elapses. Pipelines and MULTI blocks are
 * recorded command by command, as they go on the wire (MULTI, each command with its `QUEUED`
 * reply, then EXEC with the results), which is what a RESP stub replays.
 */
export function ioredisIntegration(): Integration {
  return {
    name: 'ioredis',
    setup({ options }) {
      const limits = redisValueLimits(options);
      onPackageLoad('ioredis', (exports) => patchIoredis(exports as IoredisModule, limits));
    },
  };
}
