/**
 * The failure a fix-workflow command works on, from `<package.json | issue id>`: a package file on
 * disk, or the package of an issue's confirmed reproduction fetched from the collector.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ErrorPackage } from '@flashback/protocol/types';
import type { OptionValue } from '../command-types.js';
import { type CollectorClient, CollectorError, collectorClient } from './collector-client.js';
import { WorkflowError } from './workflow-errors.js';

export interface FailureSource {
  pkg: ErrorPackage;
  /** Set when the failure came from the collector. */
  issue?: { id: string; project: string; client: CollectorClient };
  /** How the generated files and messages name where it came from. */
  origin: string;
}

interface IssueDetail {
  issue: { id: string; title: string };
  reproductions: { packageId: string; status: string; finishedAt: string | null }[];
}

/** A path to an existing file (or anything ending in .json) is a package; anything else an issue id. */
export async function loadFailure(
  input: string,
  options: Record<string, OptionValue>,
): Promise<FailureSource> {
  const { loadPackage } = await import('@flashback/replay');
  if (input.endsWith('.json') || existsSync(input)) {
    const file = resolve(input);
    return { pkg: await loadPackage(file), origin: `package file ${input}` };
  }
  const client = collectorClient(options, process.env, "the issue's project");
  const issueId = encodeURIComponent(input);
  const { project } = await client
    .get<{ project: string }>(`/api/issues/${issueId}/project`)
    .catch((error: unknown) => {
      throw unknownIssue(error, input, client.url);
    });
  const detail = await client.get<IssueDetail>(
    `/api/projects/${encodeURIComponent(project)}/issues/${issueId}`,
  );
  const confirmed = detail.reproductions.find((r) => r.status === 'reproduced');
  if (confirmed === undefined) {
    const seen = detail.reproductions.map((r) => r.status);
    throw new WorkflowError(
      'FB_CLI_NOT_CONFIRMED',
      `issue ${input} (${detail.issue.title}) has no confirmed reproduction ` +
        `(${seen.length === 0 ? 'none was run' : `reproductions: ${seen.join(', ')}`}); ` +
        'reproduce it first (flashback repro), or give a package file instead of the issue id',
    );
  }
  const stored = await client.get<{ package: unknown }>(
    `/api/projects/${encodeURIComponent(project)}/packages/${encodeURIComponent(confirmed.packageId)}`,
  );
  return {
    pkg: await loadPackage(stored.package),
    issue: { id: input, project, client },
    origin: `issue ${input} of project ${project} (${client.url}), package ${confirmed.packageId}`,
  };
}

function unknownIssue(error: unknown, issueId: string, url: string): unknown {
  if (error instanceof CollectorError && error.status === 404) {
    return new WorkflowError(
      'FB_CLI_COLLECTOR',
      `the collector at ${url} has no issue ${issueId} that this token can read (nor is it a package file)`,
    );
  }
  return error;
}
