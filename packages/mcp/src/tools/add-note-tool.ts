import { z } from 'zod';
import { defineTool } from '../define-tool.js';
import { authorInput, DEFAULT_AUTHOR, issueIdInput, projectInput } from './common-inputs.js';

export const addNoteTool = defineTool({
  name: 'add_note',
  title: 'Add a note to an issue',
  description: [
    'Adds a note to an issue, kept in its history and shown to developers on the issue page.',
    'Use it to record a hypothesis, what a reproduction or the timeline showed, and the suspected cause',
    'with the evidence (timeline seq numbers, local values), so the next person or agent starts from it.',
    'Returns the stored note.',
  ].join(' '),
  input: {
    project: projectInput,
    issueId: issueIdInput,
    text: z.string().min(1).max(10_000).describe('The note, plain text or Markdown.'),
    author: authorInput,
  },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  async run(input, context) {
    const project = await context.project(input.project);
    const note = await context.client.addNote(
      project,
      input.issueId,
      input.text,
      input.author ?? DEFAULT_AUTHOR,
    );
    return { note };
  },
});
