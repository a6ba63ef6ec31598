/**
 * The CLI commands that take a reproduced issue to a fix (packages/cli/src/commands: export-test,
 * verify, bisect), with the options those commands take. The CLI finds the issue's project from
 * its id, so the commands name the collector (`--server`) and read the token from FLASHBACK_TOKEN.
 */

export interface FixCommandInput {
  issueId: string;
  /** The collector's URL, e.g. this page's origin. */
  server: string;
  /** From the reproduction bundle's app spec, when it has one. */
  appDir: string | undefined;
  start: string | undefined;
  /** The commit of the newest package, when the service reported one. */
  badRevision: string | undefined;
}

export interface FixCommand {
  name: 'export-test' | 'verify' | 'bisect';
  purpose: string;
  command: string;
}

export function fixCommands(input: FixCommandInput): FixCommand[] {
  const app = `--app ${input.appDir ? shellQuote(input.appDir) : '<app dir>'}`;
  const start = input.start ? ` --start ${shellQuote(input.start)}` : '';
  const server = ` --server ${shellQuote(input.server)}`;
  const id = shellQuote(input.issueId);
  return [
    {
      name: 'export-test',
      purpose: "A regression test for the app's own runner: it fails while the bug is there.",
      command: `flashback export-test ${id} --out test/flashback-${input.issueId.slice(0, 8)}.test.mjs ${app}${start}${server}`,
    },
    {
      name: 'verify',
      purpose: 'Re-run the reproduction against the fixed code, and record the verdict on this issue.',
      command: `flashback verify ${id} ${app}${start}${server}`,
    },
    {
      name: 'bisect',
      purpose: 'Find the first commit where the failure appears (the app must be a git work tree).',
      command: `flashback bisect ${id} ${app} --good <rev without the bug> --bad ${input.badRevision ? shellQuote(input.badRevision) : 'HEAD'}${start}${server}`,
    },
  ];
}

/** A word as a POSIX shell reads it back: bare when safe, else in single quotes. */
export function shellQuote(word: string): string {
  if (/^[\w@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
