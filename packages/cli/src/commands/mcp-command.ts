/**
 * `flashback mcp`: an MCP server on stdin/stdout for AI agents (Claude Desktop, Cursor, ...), its
 * tools calling a running collector's API with a read token. stdout carries only the protocol.
 */
import { DEFAULT_HOST, DEFAULT_PORT } from '@flashback/server/defaults';
import type { CliDeps } from '../cli-deps.js';
import type { CommandDefinition, CommandInput } from '../command-types.js';
import { CliError } from '../errors.js';
import { EXIT_OK } from '../exit-codes.js';

const DEFAULT_SERVER = `http://${DEFAULT_HOST}:${DEFAULT_PORT}`;

export const mcpCommand: CommandDefinition = {
  name: 'mcp',
  summary: 'serve the MCP tools on stdio, for an AI agent, over a running collector',
  positionals: [],
  options: {
    server: {
      kind: 'string',
      value: '<url>',
      description: 'the collector (env FLASHBACK_SERVER)',
      defaultText: DEFAULT_SERVER,
    },
    token: {
      kind: 'string',
      value: '<token>',
      description: 'a read token, as `projects create` prints (env FLASHBACK_TOKEN); required',
    },
    project: {
      kind: 'string',
      value: '<name>',
      description: 'project the tools use when a call names none (env FLASHBACK_PROJECT)',
      defaultText: 'the token’s only project',
    },
  },
  exitCodes: '0 the client closed the connection, 2 no token was given',
  run: runMcp,
};

async function runMcp({ options }: CommandInput, deps: CliDeps): Promise<number> {
  const server = stringOption(options.server) ?? process.env.FLASHBACK_SERVER ?? DEFAULT_SERVER;
  const token = stringOption(options.token) ?? process.env.FLASHBACK_TOKEN;
  const project = stringOption(options.project) ?? process.env.FLASHBACK_PROJECT;
  if (!token)
    throw new CliError('FB_CLI_USAGE', 'pass --token <token> or set FLASHBACK_TOKEN (a read token)');
  try {
    new URL(server);
  } catch {
    throw new CliError('FB_CLI_USAGE', `--server ${JSON.stringify(server)} is not a URL`);
  }
  const { runStdioServer } = await import('@flashback/mcp');
  deps.stderr(`flashback mcp: serving on stdio, collector ${server}\n`);
  await Promise.race([runStdioServer({ server, token, ...(project ? { project } : {}) }), deps.interrupted]);
  return EXIT_OK;
}

function stringOption(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
