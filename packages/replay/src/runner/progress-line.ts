/**
 * Progress from inside the sandbox travels as stderr lines with a fixed prefix, so the
 * orchestrator can tell them from anything else written there (bubblewrap, Node warnings).
 */

export type ProgressStep =
  | 'package'
  | 'sandbox'
  | 'fixtures'
  | 'stubs'
  | 'app'
  | 'trigger'
  | 'observe'
  | 'cleanup'
  | 'verdict';

export interface ProgressEvent {
  step: ProgressStep;
  message: string;
}

const PREFIX = 'flashback:progress ';

export function encodeProgress(event: ProgressEvent): string {
  return `${PREFIX}${JSON.stringify(event)}`;
}

/** The event a line carries, or undefined for any other line. */
export function decodeProgress(line: string): ProgressEvent | undefined {
  if (!line.startsWith(PREFIX)) return undefined;
  try {
    const value = JSON.parse(line.slice(PREFIX.length)) as Partial<ProgressEvent>;
    if (typeof value.step !== 'string' || typeof value.message !== 'string') return undefined;
    return { step: value.step as ProgressStep, message: value.message };
  } catch {
    return undefined;
  }
}
