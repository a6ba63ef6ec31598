/** Every command of `flashback`, in the order the help lists them. */
import type { CommandDefinition } from '../command-types.js';
import { bisectCommand } from './bisect-command.js';
import { doctorCommand } from './doctor-command.js';
import { exportTestCommand } from './export-test-command.js';
import { fixturesCommand } from './fixtures-command.js';
import { mcpCommand } from './mcp-command.js';
import { projectsCreateCommand } from './projects-commands.js';
import { replayCommand } from './replay-command.js';
import { reproCommand } from './repro-command.js';
import { sandboxBuildImageCommand } from './sandbox-image-command.js';
import { serveCommand } from './serve-command.js';
import { servicesAddCommand, servicesListCommand, servicesRemoveCommand } from './services-commands.js';
import { stubsCommand } from './stubs-command.js';
import { traceListCommand, traceRemoveCommand } from './trace-commands.js';
import { traceHitsCommand } from './trace-hits-command.js';
import { traceLogCommand, traceSnapshotCommand } from './trace-place-commands.js';
import { triageCommand } from './triage-command.js';
import { verifyCommand } from './verify-command.js';
import { webhooksAddCommand, webhooksListCommand, webhooksRemoveCommand } from './webhooks-commands.js';

export const COMMANDS: readonly CommandDefinition[] = [
  serveCommand,
  projectsCreateCommand,
  servicesAddCommand,
  servicesListCommand,
  servicesRemoveCommand,
  webhooksAddCommand,
  webhooksListCommand,
  webhooksRemoveCommand,
  triageCommand,
  reproCommand,
  exportTestCommand,
  verifyCommand,
  bisectCommand,
  replayCommand,
  fixturesCommand,
  stubsCommand,
  traceSnapshotCommand,
  traceLogCommand,
  traceListCommand,
  traceHitsCommand,
  traceRemoveCommand,
  mcpCommand,
  sandboxBuildImageCommand,
  doctorCommand,
];
