/**
 * The property paths a validation error names, from the message shapes of the common validators:
 * zod's JSON list of issues (`"path": ["items"]`), ajv's instance paths (`/items must be array`),
 * quoted names (`"items" is required`, Joi) and a leading path (`items must be an array`).
 */
import { isRecord, parseJson } from './body-text.js';

const AJV_PATH = /(?:^|[\s'"`]|data)(\/[\w$-]+(?:\/[\w$-]+)*)/g;
const QUOTED = /["'`]([A-Za-z_$][\w$]*(?:\.[\w$]+)*)["'`]/g;
const LEADING = /^([A-Za-z_$][\w$]*(?:\.[\w$]+|\[\d+\])*)\s+(?:must|is|should|expected|was)\b/;
const MAX_PATHS = 10;

/** Candidate input paths named by a validation message, most specific readings first. */
export function validationPaths(message: string): string[][] {
  const paths: string[][] = [];
  const issues = parseJson(message);
  if (Array.isArray(issues)) {
    for (const issue of issues) {
      if (isRecord(issue) && Array.isArray(issue.path) && issue.path.length > 0) {
        paths.push(issue.path.map(String));
      }
    }
  }
  for (const match of message.matchAll(AJV_PATH)) paths.push((match[1] ?? '').split('/').filter(Boolean));
  for (const match of message.matchAll(QUOTED)) paths.push((match[1] ?? '').split('.'));
  const leading = LEADING.exec(message)?.[1];
  if (leading) paths.push(leading.replace(/\[\d+\]/g, '').split('.'));
  return paths.filter((path) => path.length > 0).slice(0, MAX_PATHS);
}
