/** Lower-case letters, digits, `-` and `_`, starting with a letter or digit: safe in URLs and DSNs. */
const PROJECT_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** Names that would collide with routes under `/api/`. */
const RESERVED = new Set(['projects', 'health', 'issues', 'packages']);

/** Why `name` cannot be a project name, or undefined when it can. */
export function projectNameProblem(name: string): string | undefined {
  if (!PROJECT_NAME.test(name)) {
    return 'use 1 to 64 lower-case letters, digits, - or _, starting with a letter or digit';
  }
  if (RESERVED.has(name)) return `${JSON.stringify(name)} is reserved by the API`;
  return undefined;
}
