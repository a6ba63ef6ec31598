/** `flashback sandbox build-image --app <dir>`: the microVM root file system for an app. */
import type { CliDeps } from '../cli-deps.js';
import { type CommandDefinition, type CommandInput, JSON_OPTION } from '../command-types.js';

export const sandboxBuildImageCommand: CommandDefinition = {
  name: 'sandbox build-image',
  summary: 'build (or find in the cache) the microVM image that reproductions of an app run in',
  positionals: [],
  options: {
    app: { kind: 'string', value: '<dir>', required: true, description: 'directory of the app' },
    json: JSON_OPTION,
  },
  exitCodes: '0 built or cached, 2 could not build',
  run: runBuildImage,
};

async function runBuildImage({ options }: CommandInput, deps: CliDeps): Promise<number> {
  const { MicrovmDriver, reproductionImagePaths, isSandboxError } = await import('@flashback/replay');
  try {
    const include = await reproductionImagePaths(String(options.app));
    const image = await new MicrovmDriver().image(include);
    const summary = {
      image: image.key,
      rootfs: image.rootfs,
      initrd: image.initrd,
      kernel: image.kernel.vmlinuz,
      cached: !image.built,
      ms: Math.round(image.buildMs),
    };
    deps.stdout(
      options.json === true
        ? `${JSON.stringify(summary, null, 2)}\n`
        : `${image.built ? 'built' : 'cached'} image ${image.key} in ${summary.ms} ms\n  root ${image.rootfs}\n  init ${image.initrd}\n`,
    );
    return 0;
  } catch (error: unknown) {
    const code = isSandboxError(error) ? `${error.code}: ` : '';
    deps.stderr(
      `flashback sandbox build-image: ${code}${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 2;
  }
}
