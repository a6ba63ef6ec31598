import { useEffect, useState } from 'react';
import { type ApiClient, ApiError } from './api-client.js';
import { useApiContext } from './api-context.js';

export type Resource<T> =
  | { state: 'loading' }
  | { state: 'ready'; data: T }
  | { state: 'failed'; error: Error };

/**
 * Loads `load(api)` whenever `key` changes; a 401 hands over to the token form. Answers that arrive
 * after the key moved on are dropped, so fast typing in the search box never shows stale results.
 */
export function useResource<T>(key: string, load: (api: ApiClient) => Promise<T>): Resource<T> {
  const { api, onUnauthorized } = useApiContext();
  const [resource, setResource] = useState<{ key: string; value: Resource<T> }>({
    key,
    value: { state: 'loading' },
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for everything `load` reads.
  useEffect(() => {
    let current = true;
    load(api).then(
      (data) => current && setResource({ key, value: { state: 'ready', data } }),
      (error: unknown) => {
        if (!current) return;
        if (error instanceof ApiError && error.status === 401) onUnauthorized();
        const failure = error instanceof Error ? error : new Error(String(error));
        setResource({ key, value: { state: 'failed', error: failure } });
      },
    );
    return () => {
      current = false;
    };
  }, [key, api]);
  // Until the effect for a new key has answered, keep showing what the old key had (no flicker).
  if (resource.key !== key && resource.value.state === 'failed') return { state: 'loading' };
  return resource.value;
}
