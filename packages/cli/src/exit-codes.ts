/** The one table from outcomes and error codes to the process exit code. */
import type { VerdictStatus } from '@flashback/replay';

export const EXIT_OK = 0;
/** The command ran and the answer is no: not reproduced, a different error, a fidelity mismatch. */
export const EXIT_NEGATIVE = 1;
/** The command could not do its job: bad usage, bad input, an environment that could not be set up. */
export const EXIT_COULD_NOT_RUN = 2;

const BY_VERDICT: Record<VerdictStatus, number> = {
  reproduced: EXIT_OK,
  'not-reproduced': EXIT_NEGATIVE,
  'different-error': EXIT_NEGATIVE,
  error: EXIT_COULD_NOT_RUN,
};

export function exitCodeForVerdict(status: VerdictStatus): number {
  return BY_VERDICT[status];
}

// By error family (the code up to its second underscore): all of them mean "could not run"
// today; a family that ever needs its own exit code gets it here and nowhere else.
const BY_ERROR_FAMILY: Record<string, number> = {
  FB_CLI: EXIT_COULD_NOT_RUN,
  FB_REPRO: EXIT_COULD_NOT_RUN,
  FB_FIXTURE: EXIT_COULD_NOT_RUN,
  FB_STUB: EXIT_COULD_NOT_RUN,
  FB_SANDBOX: EXIT_COULD_NOT_RUN,
  FB_ERR: EXIT_COULD_NOT_RUN,
};

/** Exit code for a typed error's code; anything unexpected also means the command could not run. */
export function exitCodeForError(code: string | undefined): number {
  const family = code?.split('_').slice(0, 2).join('_') ?? '';
  return BY_ERROR_FAMILY[family] ?? EXIT_COULD_NOT_RUN;
}
