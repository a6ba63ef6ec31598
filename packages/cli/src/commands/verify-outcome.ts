/** What a reproduction run against newer code says about the fix. Pure. */
import type { Verdict } from '@flashback/replay';

export type VerifyOutcome = 'fixed' | 'still-failing' | 'different-error';

export interface Verification {
  /** Undefined when the run could not happen (an `error` verdict). */
  outcome: VerifyOutcome | undefined;
  summary: string;
}

/**
 * `fixed`: the original failure no longer happens and the answer is not a 5xx; `still-failing`:
 * it happens again; `different-error`: the request fails another way (another error, a 5xx, no
 * answer at all).
 */
export function verifyOutcome(verdict: Verdict): Verification {
  const status = verdict.response?.status;
  switch (verdict.status) {
    case 'error':
      return { outcome: undefined, summary: `could not run: ${verdict.summary}` };
    case 'reproduced':
      return { outcome: 'still-failing', summary: `fails as before: ${errorOf(verdict.replayed)}` };
    case 'different-error':
      return { outcome: 'different-error', summary: `fails differently: ${errorOf(verdict.replayed)}` };
    case 'not-reproduced':
      if (status === undefined || status >= 500) {
        const answer = status === undefined ? 'got no answer' : `answered ${status}`;
        const error = verdict.replayed ? ` (${errorOf(verdict.replayed)})` : '';
        return { outcome: 'different-error', summary: `no longer fails as recorded, but ${answer}${error}` };
      }
      return { outcome: 'fixed', summary: `no longer fails: answered ${status}` };
  }
}

function errorOf(error: Verdict['replayed']): string {
  return error === undefined ? 'no error captured' : `${error.type}: ${error.message.split('\n')[0]}`;
}
