import { ApiError } from '../api/api-client.js';
import type { IssueStatus } from '../api/api-types.js';
import { useMutation } from '../api/use-mutation.js';

/**
 * Resolves the issue. The collector refuses unless the latest verification says `fixed`; its
 * message says why, and resolving anyway is a second, deliberate click.
 */
export function ResolveControl({
  project,
  issueId,
  status,
  onResolved,
}: {
  project: string;
  issueId: string;
  status: IssueStatus;
  onResolved(): void;
}) {
  const resolve = useMutation((api, force: boolean) => api.resolveIssue(project, issueId, force));
  if (status === 'resolved') return null;
  const refused = resolve.error instanceof ApiError && resolve.error.code === 'FB_ERR_NOT_VERIFIED';
  const click = async (force: boolean) => {
    if (await resolve.run(force)) onResolved();
  };
  return (
    <div className="resolve-control">
      <button type="button" className="primary-button" disabled={resolve.busy} onClick={() => click(false)}>
        Resolve
      </button>
      {resolve.error && (
        <div className="resolve-refused" role="alert">
          <p>{resolve.error.message}</p>
          {refused && (
            <button
              type="button"
              className="secondary-button"
              disabled={resolve.busy}
              onClick={() => click(true)}
            >
              Resolve without a fixed verification
            </button>
          )}
        </div>
      )}
    </div>
  );
}
