/**
 * The SDK's only voice. Silent unless debug is on (`debug: true` or `FLASHBACK_DEBUG=1`), so the
 * SDK never writes into its host's output by surprise. Writes straight to stderr, never `console`,
 * because the host may have patched `console`.
 */
let enabled = false;

export function setDebug(on: boolean): void {
  enabled = on;
}

export function isDebugEnabled(): boolean {
  return enabled;
}

function write(level: string, message: string, detail?: unknown): void {
  if (!enabled) return;
  try {
    const suffix = detail === undefined ? '' : ` ${describe(detail)}`;
    process.stderr.write(`[flashback] ${level}: ${message}${suffix}\n`);
  } catch {
    // stderr closed: nothing more we can do
  }
}

function describe(detail: unknown): string {
  if (detail instanceof Error) return `${detail.name}: ${detail.message}`;
  try {
    return typeof detail === 'string' ? detail : JSON.stringify(detail);
  } catch {
    return String(detail);
  }
}

export const debug = {
  log: (message: string, detail?: unknown) => write('debug', message, detail),
  warn: (message: string, detail?: unknown) => write('warn', message, detail),
  error: (message: string, detail?: unknown) => write('error', message, detail),
};
