/**
 * Every tool the MCP server offers, one module each. A new tool (e.g. the `trace_*` tools of
 * dynamic tracing) is a module exporting `defineTool(...)` and one line here.
 */
import type { FlashbackTool } from '../define-tool.js';
import { addNoteTool } from './add-note-tool.js';
import { getFixtureTool } from './get-fixture-tool.js';
import { getIssueTool } from './get-issue-tool.js';
import { getPackageTool } from './get-package-tool.js';
import { getReproductionTool } from './get-reproduction-tool.js';
import { listIssuesTool } from './list-issues-tool.js';
import { runReproductionTool } from './run-reproduction-tool.js';
import { setIssueStatusTool } from './set-issue-status-tool.js';
import { traceHitsTool } from './trace-hits-tool.js';
import { traceListTool } from './trace-list-tool.js';
import { traceLogTool } from './trace-log-tool.js';
import { traceRemoveTool } from './trace-remove-tool.js';
import { traceSnapshotTool } from './trace-snapshot-tool.js';
import { triageDecideTool } from './triage-decide-tool.js';

export const TOOLS: readonly FlashbackTool[] = [
  listIssuesTool,
  getIssueTool,
  getPackageTool,
  getFixtureTool,
  triageDecideTool,
  runReproductionTool,
  getReproductionTool,
  addNoteTool,
  setIssueStatusTool,
  traceSnapshotTool,
  traceLogTool,
  traceListTool,
  traceHitsTool,
  traceRemoveTool,
];
