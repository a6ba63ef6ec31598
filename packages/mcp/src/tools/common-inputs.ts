/** Inputs several tools share, described once. */
import { z } from 'zod';

export const projectInput = z
  .string()
  .min(1)
  .optional()
  .describe('Project name. Optional when the server has a default project or the token reads only one.');

export const issueIdInput = z.string().min(1).describe('Issue id, as list_issues returns it.');

export const authorInput = z
  .string()
  .min(1)
  .max(100)
  .optional()
  .describe('Who is writing, shown with the note. Default "mcp-agent".');

export const DEFAULT_AUTHOR = 'mcp-agent';

export const waitSecondsInput = z
  .number()
  .int()
  .min(0)
  .max(600)
  .optional()
  .describe('How long to wait for the verdict before returning the reproduction as it stands. Default 120.');
