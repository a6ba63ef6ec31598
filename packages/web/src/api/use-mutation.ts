import { useState } from 'react';
import { type ApiClient, ApiError } from './api-client.js';
import { useApiContext } from './api-context.js';

export interface Mutation<A extends unknown[]> {
  run(...args: A): Promise<boolean>;
  busy: boolean;
  /** The last failure, as the collector worded it; cleared by the next run. */
  error: ApiError | Error | null;
}

/**
 * A write to the API started by a person (a form, a button): tracks whether it is under way and
 * what went wrong; a 401 hands over to the token form. `run` resolves to whether it succeeded.
 */
export function useMutation<A extends unknown[]>(
  write: (api: ApiClient, ...args: A) => Promise<unknown>,
): Mutation<A> {
  const { api, onUnauthorized } = useApiContext();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | Error | null>(null);
  async function run(...args: A): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      await write(api, ...args);
      return true;
    } catch (failure: unknown) {
      if (failure instanceof ApiError && failure.status === 401) onUnauthorized();
      setError(failure instanceof Error ? failure : new Error(String(failure)));
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { run, busy, error };
}
