import type { ReactNode } from 'react';
import type { Resource } from '../api/use-resource.js';

/** Renders `children(data)` once the resource is ready; a quiet line while loading or on failure. */
export function LoadState<T>({
  resource,
  children,
}: {
  resource: Resource<T>;
  children: (data: T) => ReactNode;
}) {
  if (resource.state === 'loading') return <p className="muted loading">Loading…</p>;
  if (resource.state === 'failed') {
    return (
      <p className="load-error" role="alert">
        Could not load: {resource.error.message}
      </p>
    );
  }
  return <>{children(resource.data)}</>;
}
