import { z } from 'zod';
import { defineTool } from '../define-tool.js';
import { awaitReproduction } from './await-reproduction.js';
import { issueIdInput, projectInput, waitSecondsInput } from './common-inputs.js';

export const runReproductionTool = defineTool({
  name: 'run_reproduction',
  title: 'Reproduce an issue in a sandbox',
  description: [
    'Reproduces an issue: the collector puts a sandbox into the captured state (database fixture from the',
    'recorded queries, stubs replaying every recorded HTTP/Redis/S3 answer, the captured clock), starts the',
    'service, replays the request, and checks whether the same error happens again. Queues the issue’s newest',
    'package (or packageId) and waits up to waitSeconds for the verdict. If one is already queued or running',
    'for that package, waits for that one instead of starting another.',
    'Returns the reproduction: status (reproduced, not_reproduced, failed, or still queued/running),',
    'the verdict (summary, original vs replayed error, divergences between the recording and the replay),',
    'what the repro bundle held (fixture tables, stubs, the end of the run log), and what to do next.',
    'The verdict sets the issue’s tier: reproduced stays tier 3, anything else escalates to tier 4.',
    'Takes seconds to a minute; if it is still running, call get_reproduction with its id.',
  ].join(' '),
  input: {
    project: projectInput,
    issueId: issueIdInput,
    packageId: z.string().min(1).optional().describe('A package of the issue; default its newest.'),
    waitSeconds: waitSecondsInput,
  },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async run(input, context) {
    const project = await context.project(input.project);
    const { reproduction, queued } = await context.client.requestReproduction(
      project,
      input.issueId,
      input.packageId,
    );
    const result = await awaitReproduction(context, project, reproduction, input.waitSeconds ?? 120);
    return {
      ...result,
      ...(queued ? {} : { joined: 'this reproduction was already queued; no second one was started' }),
    };
  },
});
