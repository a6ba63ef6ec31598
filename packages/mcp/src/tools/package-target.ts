import type { StoredPackage } from '../collector-types.js';
import { FlashbackMcpError } from '../errors.js';
import type { ToolContext } from '../tool-context.js';

/** The package named by id, or the newest package of the issue named. */
export async function resolvePackage(
  context: ToolContext,
  project: string,
  target: { packageId?: string | undefined; issueId?: string | undefined },
): Promise<StoredPackage> {
  if (target.packageId) return context.client.getPackage(project, target.packageId);
  if (!target.issueId) {
    throw new FlashbackMcpError(
      'FB_MCP_BAD_INPUT',
      'pass packageId, or issueId for the issue’s newest package',
    );
  }
  const detail = await context.client.getIssue(project, target.issueId, 1);
  const newest = detail.packages[0];
  if (!newest)
    throw new FlashbackMcpError('FB_MCP_BAD_INPUT', `issue ${target.issueId} has no stored package`);
  return context.client.getPackage(project, newest.id);
}
