import type { ErrorPackage } from '@flashback/protocol/types';
import { z } from 'zod';
import { defineTool } from '../define-tool.js';
import { projectInput } from './common-inputs.js';
import { resolvePackage } from './package-target.js';

interface BundleWithFixture {
  fixture?: unknown;
}

export const getFixtureTool = defineTool({
  name: 'get_fixture',
  title: 'Get the database fixture of a package',
  description: [
    'Returns the database fixture a reproduction starts from: per database the tables, their columns and',
    'exactly the rows the recorded queries returned, plus notes on what had to be guessed. It comes from',
    'the newest reproduction of the package that stored one ("source": "repro-bundle"), else it is inferred',
    'from the package’s recorded queries now ("source": "inferred"). Use it to check the data state behind',
    'a hypothesis (a missing row, a duplicate, an unexpected value) before running a reproduction.',
    'Name the package by packageId, or by issueId for the issue’s newest package.',
  ].join(' '),
  input: {
    project: projectInput,
    packageId: z.string().min(1).optional().describe('Package id (get_issue lists them).'),
    issueId: z
      .string()
      .min(1)
      .optional()
      .describe('Instead of packageId: the issue whose newest package to use.'),
  },
  annotations: { readOnlyHint: true, openWorldHint: false },
  async run(input, context) {
    const project = await context.project(input.project);
    const stored = await resolvePackage(context, project, input);
    const detail = await context.client.getIssue(project, stored.issueId, 1);
    const reproduction = detail.reproductions.find(
      (r) => r.packageId === stored.id && (r.bundle as BundleWithFixture | null)?.fixture,
    );
    if (reproduction) {
      const { fixture } = reproduction.bundle as BundleWithFixture;
      return { packageId: stored.id, source: 'repro-bundle', reproductionId: reproduction.id, fixture };
    }
    // The replay engine is heavy; only this tool needs it.
    const { inferFixture } = await import('@flashback/replay');
    return {
      packageId: stored.id,
      source: 'inferred',
      fixture: inferFixture(stored.package as ErrorPackage),
    };
  },
});
