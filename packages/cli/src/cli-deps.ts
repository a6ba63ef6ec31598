/** What commands get from the outside world; tests pass their own. */
import type { reproduce } from '@flashback/replay';

export interface CliDeps {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Resolves when the user asks to stop (Ctrl-C, SIGTERM). */
  interrupted: Promise<void>;
  reproduce: typeof reproduce;
}

export function processDeps(): CliDeps {
  const interrupted = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    interrupted,
    // Loaded on first use: the engine is heavy and most commands never need it.
    reproduce: async (...args) => (await import('@flashback/replay')).reproduce(...args),
  };
}
