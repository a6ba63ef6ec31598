import type { ErrorPackage } from '@flashback/protocol/types';
import { z } from 'zod';
import { defineTool } from '../define-tool.js';
import { PACKAGE_PARTS, packagePart, TIMELINE_PAGE, TIMELINE_PAGE_MAX } from '../package-parts.js';
import { projectInput } from './common-inputs.js';
import { resolvePackage } from './package-target.js';

export const getPackageTool = defineTool({
  name: 'get_package',
  title: 'Get an error package, or one part of it',
  description: [
    'Returns a captured error package: what the service saw when the error happened. Name it by packageId,',
    'or by issueId for the issue’s newest package. `part` picks what to return:',
    '"summary" (default: the error, the request line and one line per IO event),',
    '"timeline" (the IO events in order — SQL with params and returned rows, HTTP with status, headers and',
    'bodies, Redis commands and replies, S3 calls — paged with offset/limit, rows and bodies cut),',
    '"locals" (local variables at each frame of the throw), "request" (the inbound request or job),',
    '"error" (type, message, stack frames, cause chain) or "environment" (service, runtime, allowlisted env,',
    'dependency versions, redactions). Use "timeline" to see which call returned what right before the throw,',
    '"locals" to see the values the code held. The whole document is the resource',
    'flashback://projects/{project}/packages/{id}.',
  ].join(' '),
  input: {
    project: projectInput,
    packageId: z.string().min(1).optional().describe('Package id (get_issue lists them).'),
    issueId: z
      .string()
      .min(1)
      .optional()
      .describe('Instead of packageId: the issue whose newest package to read.'),
    part: z.enum(PACKAGE_PARTS).optional().describe('Default "summary".'),
    offset: z.number().int().min(0).optional().describe('Timeline only: first event to return. Default 0.'),
    limit: z
      .number()
      .int()
      .min(1)
      .max(TIMELINE_PAGE_MAX)
      .optional()
      .describe(`Timeline only: events to return. Default ${TIMELINE_PAGE}.`),
  },
  annotations: { readOnlyHint: true, openWorldHint: false },
  async run(input, context) {
    const project = await context.project(input.project);
    const stored = await resolvePackage(context, project, input);
    const part = input.part ?? 'summary';
    return {
      packageId: stored.id,
      issueId: stored.issueId,
      part,
      ...(part === 'summary' ? { triage: stored.triage } : {}),
      // Validated by the collector at ingest.
      [part]: packagePart(stored.package as ErrorPackage, part, {
        offset: input.offset ?? 0,
        limit: input.limit ?? TIMELINE_PAGE,
      }),
    };
  },
});
