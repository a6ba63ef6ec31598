/**
 * Maps a line of an original source (TypeScript) to the running JavaScript through the script's
 * source map: the earliest generated position any mapping of that original line has. Reads the
 * map a script names in its `sourceMappingURL` (a file beside it or an inline data URL).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface RawSourceMap {
  sources: string[];
  sourceRoot?: string;
  mappings: string;
}

export interface GeneratedPosition {
  line: number;
  column: number;
}

/** The map of a script, or undefined when it has none or it cannot be read. */
export function loadSourceMap(scriptUrl: string, sourceMapUrl: string): RawSourceMap | undefined {
  try {
    if (sourceMapUrl.startsWith('data:')) {
      const comma = sourceMapUrl.indexOf(',');
      const data = sourceMapUrl.slice(comma + 1);
      const text = sourceMapUrl.slice(0, comma).endsWith(';base64')
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeURIComponent(data);
      return JSON.parse(text) as RawSourceMap;
    }
    const file = fileURLToPath(new URL(sourceMapUrl, scriptUrl));
    return JSON.parse(readFileSync(file, 'utf8')) as RawSourceMap;
  } catch {
    return undefined;
  }
}

/** Absolute paths of the map's sources, resolved against the script's directory. */
export function sourcePaths(map: RawSourceMap, scriptUrl: string): string[] {
  const dir = path.dirname(fileURLToPath(scriptUrl));
  return map.sources.map((source) => path.resolve(dir, map.sourceRoot ?? '', source));
}

/** 1-based original line → 1-based generated line and 0-based column; undefined when unmapped. */
export function generatedPositionOf(
  map: RawSourceMap,
  sourceIndex: number,
  originalLine: number,
): GeneratedPosition | undefined {
  let best: GeneratedPosition | undefined;
  let source = 0;
  let origLine = 0;
  const lines = map.mappings.split(';');
  for (let genLine = 0; genLine < lines.length; genLine++) {
    let genColumn = 0;
    const segments = lines[genLine];
    if (!segments) continue;
    for (const segment of segments.split(',')) {
      const fields = decodeVlq(segment);
      genColumn += fields[0] ?? 0;
      if (fields.length < 4) continue;
      source += fields[1] ?? 0;
      origLine += fields[2] ?? 0;
      if (source === sourceIndex && origLine === originalLine - 1) {
        if (!best || genLine + 1 < best.line || (genLine + 1 === best.line && genColumn < best.column)) {
          best = { line: genLine + 1, column: genColumn };
        }
      }
    }
  }
  return best;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeVlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}
