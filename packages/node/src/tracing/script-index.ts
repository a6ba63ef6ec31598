/**
 * The scripts loaded in this process, as the inspector reports them, and how a user's `file:line`
 * (relative to the app root, absolute, or a TypeScript source behind a source map) finds the
 * running script and line.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generatedPositionOf, loadSourceMap, type RawSourceMap, sourcePaths } from './source-map-lookup.js';
import { LocationError } from './statement-position.js';

interface LoadedScript {
  scriptId: string;
  url: string;
  sourceMapUrl: string;
}

export interface ResolvedLocation {
  scriptId: string;
  url: string;
  /** 1-based line in the running script. */
  line: number;
  /** How the location was found, for the status message. */
  via: string;
}

export class ScriptIndex {
  private readonly byUrl = new Map<string, LoadedScript>();
  private readonly urlById = new Map<string, string>();
  private readonly maps = new Map<string, RawSourceMap | null>();

  constructor(private readonly appRoot: string) {}

  add(script: { scriptId: string; url: string; sourceMapURL?: string }): void {
    if (!script.url.startsWith('file:')) return;
    this.urlById.set(script.scriptId, script.url);
    this.byUrl.set(script.url, {
      scriptId: script.scriptId,
      url: script.url,
      sourceMapUrl: script.sourceMapURL ?? '',
    });
  }

  /** The `file:` URL of a loaded script, '' for anything else (internals, eval). */
  urlOf(scriptId: string): string {
    return this.urlById.get(scriptId) ?? '';
  }

  /** @throws LocationError naming the file when no loaded script is (or maps to) it */
  resolve(file: string, line: number): ResolvedLocation {
    const absolute = path.resolve(this.appRoot, file);
    const direct = this.byUrl.get(pathToFileURL(absolute).href);
    if (direct) return { scriptId: direct.scriptId, url: direct.url, line, via: 'loaded script' };
    for (const script of this.byUrl.values()) {
      if (!script.sourceMapUrl || script.url.includes('/node_modules/')) continue;
      const map = this.mapOf(script);
      if (!map) continue;
      const index = sourcePaths(map, script.url).indexOf(absolute);
      if (index < 0) continue;
      const generated = generatedPositionOf(map, index, line);
      if (!generated) {
        throw new LocationError(
          `line ${line} of ${file} has no code in the running JavaScript (${relative(this.appRoot, script.url)})`,
        );
      }
      return {
        scriptId: script.scriptId,
        url: script.url,
        line: generated.line,
        via: `source map of ${relative(this.appRoot, script.url)}`,
      };
    }
    const sameName = [...this.byUrl.keys()]
      .filter((url) => path.basename(url) === path.basename(absolute) && !url.includes('/node_modules/'))
      .map((url) => relative(this.appRoot, url));
    throw new LocationError(
      `no loaded script is ${file} (looked for ${absolute}, app root ${this.appRoot})` +
        (sameName.length > 0
          ? `; loaded scripts with that name: ${sameName.slice(0, 5).join(', ')}`
          : '; it may not be loaded yet'),
    );
  }

  private mapOf(script: LoadedScript): RawSourceMap | undefined {
    if (!this.maps.has(script.url))
      this.maps.set(script.url, loadSourceMap(script.url, script.sourceMapUrl) ?? null);
    return this.maps.get(script.url) ?? undefined;
  }
}

function relative(root: string, url: string): string {
  return path.relative(root, fileURLToPath(url)).replaceAll('\\', '/');
}
