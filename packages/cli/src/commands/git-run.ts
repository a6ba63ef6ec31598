/** Runs git and other commands for the fix workflow, with their output kept for error messages. */
import { spawn } from 'node:child_process';
import { WorkflowError } from './workflow-errors.js';

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `git <args>` in `cwd`; its trimmed stdout. @throws WorkflowError `FB_CLI_GIT` naming the failure. */
export async function git(cwd: string, ...args: string[]): Promise<string> {
  const result = await runCommand('git', args, { cwd }).catch((error: unknown) => {
    throw new WorkflowError('FB_CLI_GIT', `cannot run git: ${(error as Error).message}`);
  });
  if (result.code !== 0) {
    throw new WorkflowError(
      'FB_CLI_GIT',
      `git ${args.join(' ')} failed in ${cwd}: ${result.stderr.trim() || `exit code ${result.code}`}`,
    );
  }
  return result.stdout.trim();
}

/** The commit of `dir`'s checkout, when it is a git work tree. */
export async function headRevision(dir: string): Promise<string | undefined> {
  try {
    return await git(dir, 'rev-parse', '--short=12', 'HEAD');
  } catch {
    return undefined;
  }
}
