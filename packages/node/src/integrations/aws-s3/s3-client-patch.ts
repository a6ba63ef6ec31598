import { getRequestContext } from '../../context/request-context.js';
import { debug } from '../../debug-logger.js';
import { safeExecute } from '../../instrument/safe-execute.js';
import { wrapMethod } from '../../instrument/wrap.js';
import { type AwsCommandHint, runWithAwsCommand } from './aws-command-hint.js';
import type { AwsSdkCommand, S3ClientModule } from './types.js';

/**
 * Wraps `S3Client.prototype.send` so that, inside a request, the SDK's HTTP request runs with an
 * `AwsCommandHint` naming the exact operation, bucket and key (see `describeS3Request`). The
 * wrapper is installed as an own property of `S3Client.prototype`, so other AWS clients that
 * share the smithy `Client.send` are untouched.
 */
export function patchS3Client(module: S3ClientModule): void {
  const proto = module.S3Client?.prototype;
  // Also called with the exports of the package's internal files when the SDK starts late.
  if (!proto || typeof proto.send !== 'function') {
    debug.log('@aws-sdk/client-s3: no S3Client in this module; skipped');
    return;
  }
  wrapMethod(
    proto,
    'send',
    (original) =>
      function send(this: unknown, ...args: unknown[]) {
        // Outside a request nothing is recorded, so the hint would only cost.
        if (!getRequestContext()) return original.apply(this, args);
        const hint = safeExecute('reading an S3 command', () => hintFor(args[0]));
        return hint ? runWithAwsCommand(hint, () => original.apply(this, args)) : original.apply(this, args);
      },
  );
}

function hintFor(command: unknown): AwsCommandHint | undefined {
  if (!command || typeof command !== 'object') return undefined;
  const operation = operationOf(command as AwsSdkCommand);
  if (!operation) return undefined;
  const hint: AwsCommandHint = { service: 's3', operation };
  const input = (command as AwsSdkCommand).input;
  if (typeof input?.Bucket === 'string') hint.bucket = input.Bucket;
  if (typeof input?.Key === 'string') hint.key = input.Key;
  return hint;
}

function operationOf(command: AwsSdkCommand): string | undefined {
  const name: unknown = command.constructor?.name;
  if (typeof name === 'string' && name.length > 'Command'.length && name.endsWith('Command')) {
    return name.slice(0, -'Command'.length);
  }
  // Minified bundles lose class names; the generated operation schema still names it.
  const schema = command.schema;
  return Array.isArray(schema) && typeof schema[2] === 'string' ? schema[2] : undefined;
}
