/** `flashback mcp` itself: what it says and does when its token or collector is wrong. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { freePort } from '@flashback-dev/test-harness';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, type TestCollector } from './support/collector.js';
import { call, newClient } from './support/mcp-client.js';

const FLASHBACK_BIN = fileURLToPath(new URL('../../cli/dist/bin.js', import.meta.url));

let collector: TestCollector;
let client: Client | undefined;
beforeAll(async () => {
  collector = await startCollector();
});
afterAll(async () => {
  await collector?.close();
});
afterEach(async () => {
  await client?.close();
  client = undefined;
});

async function connect(args: string[], env: Record<string, string> = {}): Promise<Client> {
  client = newClient();
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [FLASHBACK_BIN, 'mcp', ...args],
      env,
      stderr: 'ignore',
    }),
  );
  return client;
}

describe('flashback mcp', () => {
  it('takes the collector and token from FLASHBACK_SERVER and FLASHBACK_TOKEN', async () => {
    const connected = await connect([], {
      FLASHBACK_SERVER: collector.url,
      FLASHBACK_TOKEN: collector.project.readToken,
    });
    const answer = await call(connected, 'list_issues');
    expect(answer.isError, answer.text).toBe(false);
    expect(answer.json).toMatchObject({ project: 'checkout', total: 0 });
  });

  it('turns a wrong token into a tool error that says so', async () => {
    const connected = await connect([
      '--server',
      collector.url,
      '--token',
      'fbt_wrong',
      '--project',
      'checkout',
    ]);
    const answer = await call(connected, 'list_issues');
    expect(answer).toMatchObject({
      isError: true,
      text: 'the collector answered 401 FB_ERR_INVALID_TOKEN: the read token is not known to this collector',
    });
  });

  it('says when the collector cannot be reached', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const connected = await connect(['--server', closed, '--token', 'fbt_x', '--project', 'checkout']);
    const answer = await call(connected, 'get_issue', { issueId: 'x' });
    expect(answer.isError).toBe(true);
    expect(answer.text).toBe(
      `could not reach the collector at ${closed} (ECONNREFUSED); is \`flashback serve\` running there?`,
    );
  });

  it('exits 2 with a usage error without a token', async () => {
    const child = spawn(process.execPath, [FLASHBACK_BIN, 'mcp'], {
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = await once(child, 'close');
    expect(code).toBe(2);
    expect(stderr).toMatch(/pass --token <token> or set FLASHBACK_TOKEN/);
  });
});
