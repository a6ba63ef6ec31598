import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const packageRoot = fileURLToPath(new URL('../../../', import.meta.url));
const sourceDir = `${packageRoot}src/transport`;
const builtDir = `${packageRoot}dist/transport`;
const buildInfo = `${packageRoot}tsconfig.tsbuildinfo`;

function mtime(path: string): number {
  return existsSync(path) ? statSync(path).mtimeMs : 0;
}

/**
 * Child processes run the built SDK (`dist/`), as an app would. Fails with what to do when the
 * build is missing or older than the sources, rather than testing stale code. A build that found
 * a source unchanged in content leaves its output alone but still updates the build info, so a
 * source counts as built when either is newer than it.
 */
export function assertTransportBuilt(): void {
  const lastBuild = mtime(buildInfo);
  for (const name of readdirSync(sourceDir).filter((file) => file.endsWith('.ts'))) {
    const built = `${builtDir}/${name.replace(/\.ts$/, '.js')}`;
    const source = mtime(`${sourceDir}/${name}`);
    if (!existsSync(built) || Math.max(mtime(built), lastBuild) < source) {
      throw new Error(
        `${built} is missing or older than its source: run \`npx tsc -b packages/node\` (npm test builds first)`,
      );
    }
  }
}
