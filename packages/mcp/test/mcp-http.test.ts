/**
 * The collector's `/mcp` endpoint (Streamable HTTP), driven by the SDK's own client against a
 * listening collector: tool listing, reads with caps, writes, resources, and bad input.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, type TestCollector } from './support/collector.js';
import { demoPackage } from './support/demo-packages.js';
import { call, newClient } from './support/mcp-client.js';

let collector: TestCollector;
let client: Client;
const promo = demoPackage('bug1-zero-amount-charge');
const deleted = demoPackage('bug2-deleted-customer');

async function connect(token: string): Promise<Client> {
  const connected = newClient();
  const transport = new StreamableHTTPClientTransport(new URL(`${collector.url}/mcp`), {
    requestInit: { headers: { authorization: `Bearer ${token}` } },
  });
  await connected.connect(transport);
  return connected;
}

async function issueIdOf(title: RegExp): Promise<string> {
  const { json } = await call(client, 'list_issues');
  const issues = json.issues as { id: string; title: string }[];
  const found = issues.find((i) => title.test(i.title));
  if (!found) throw new Error(`no issue matches ${title}: ${issues.map((i) => i.title).join('; ')}`);
  return found.id;
}

beforeAll(async () => {
  collector = await startCollector();
  await collector.ingest([promo, deleted]);
  client = await connect(collector.project.readToken);
});

afterAll(async () => {
  await client?.close();
  await collector?.close();
});

describe('the MCP endpoint of the collector', () => {
  it('lists every tool with a description written for an agent and an input schema', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'add_note',
      'get_fixture',
      'get_issue',
      'get_package',
      'get_reproduction',
      'list_issues',
      'run_reproduction',
      'set_issue_status',
      'trace_hits',
      'trace_list',
      'trace_log',
      'trace_remove',
      'trace_snapshot',
      'triage_decide',
    ]);
    for (const tool of tools) {
      expect(tool.description?.length, tool.name).toBeGreaterThan(150);
      expect(tool.inputSchema.type).toBe('object');
    }
    const getPackage = tools.find((t) => t.name === 'get_package');
    expect(getPackage?.inputSchema.properties?.part).toMatchObject({
      enum: ['summary', 'timeline', 'locals', 'request', 'error', 'environment'],
    });
    expect(client.getInstructions()).toMatch(/list_issues .*get_issue/);
  });

  it('lists issues with their tier, and the $0.00 promo issue shows its tier-2 cause', async () => {
    const { json } = await call(client, 'list_issues', { tier: 2 });
    expect(json.total).toBe(2);
    const issueId = await issueIdOf(/reading 'status'/);
    const issue = await call(client, 'get_issue', { issueId });
    expect(issue.isError).toBe(false);
    expect(issue.json.triage).toMatchObject({ tier: 2, cause: { kind: 'upstream-rejected' } });
    expect(JSON.stringify(issue.json.triage)).toMatch(/0\.00/);
    expect(issue.json.packages).toEqual([expect.objectContaining({ id: promo.id })]);
  });

  it('returns a package part by part, the timeline paged with a note saying how to get the rest', async () => {
    const summary = await call(client, 'get_package', { packageId: promo.id });
    expect(summary.json.part).toBe('summary');
    const lines = (summary.json.summary as { timeline: string[] }).timeline;
    expect(lines).toHaveLength(promo.timeline.length);
    expect(lines.some((l) => /^#\d+ http POST .* → 4\d\d/.test(l))).toBe(true);

    const page = await call(client, 'get_package', { packageId: promo.id, part: 'timeline', limit: 2 });
    const timeline = page.json.timeline as { total: number; events: { seq: number }[]; more?: string };
    expect(timeline.total).toBe(promo.timeline.length);
    expect(timeline.events.map((e) => e.seq)).toEqual(promo.timeline.slice(0, 2).map((e) => e.seq));
    expect(timeline.more).toBe(
      `${promo.timeline.length - 2} more events: call get_package with part "timeline" and offset 2`,
    );

    const locals = await call(client, 'get_package', {
      issueId: await issueIdOf(/reading 'status'/),
      part: 'locals',
    });
    expect((locals.json.locals as { frames: unknown[] }).frames.length).toBeGreaterThan(0);
  });

  it('infers the fixture of a package that was never reproduced', async () => {
    const { json } = await call(client, 'get_fixture', { packageId: deleted.id });
    expect(json.source).toBe('inferred');
    expect((json.fixture as { databases: unknown[] }).databases.length).toBeGreaterThan(0);
  });

  it('adds a note and resolves an issue, both visible in get_issue', async () => {
    const issueId = await issueIdOf(/reading 'blocked'/);
    const note = await call(client, 'add_note', { issueId, text: 'customer row deleted mid-checkout' });
    expect(note.json.note).toMatchObject({ author: 'mcp-agent', kind: 'note' });
    const status = await call(client, 'set_issue_status', {
      issueId,
      status: 'resolved',
      reason: 'guarded in 1.4.3',
    });
    expect(status.json.issue).toMatchObject({ status: 'resolved', previousStatus: 'open' });
    const issue = await call(client, 'get_issue', { issueId });
    expect(issue.json.issue).toMatchObject({ status: 'resolved' });
    expect((issue.json.notes as { text: string }[]).map((n) => n.text)).toEqual([
      'customer row deleted mid-checkout',
      'open → resolved: guarded in 1.4.3 (without a fixed verification)',
    ]);
  });

  it('takes a tier-3 decision: queues a reproduction and says how to wait for its verdict', async () => {
    const issueId = await issueIdOf(/reading 'status'/);
    const decided = await call(client, 'triage_decide', {
      issueId,
      tier: 3,
      reason: 'the gateway may also reject amounts above zero; check with a replay',
    });
    expect(decided.isError, decided.text).toBe(false);
    expect(decided.json.issue).toMatchObject({ tier: 3 });
    const reproduction = decided.json.reproduction as { id: string; status: string };
    expect(reproduction.status).toBe('queued');
    // This collector has no reproduction worker: the job waits, and the tool says so.
    const pending = await call(client, 'get_reproduction', {
      reproductionId: reproduction.id,
      waitSeconds: 1,
    });
    expect(pending.json).toMatchObject({ id: reproduction.id, status: 'queued' });
    expect(pending.json.next).toBe(
      `still queued after 1 s: call get_reproduction with reproductionId "${reproduction.id}" and waitSeconds to keep waiting`,
    );
    const refused = await call(client, 'triage_decide', { issueId, tier: 4, reason: 'timing' });
    expect(refused).toMatchObject({ isError: true, text: expect.stringMatching(/is queued; .*wait for it/) });
  });

  it('serves issues and packages as resources', async () => {
    const issueId = await issueIdOf(/reading 'status'/);
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toContain(`flashback://projects/checkout/issues/${issueId}`);
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate).sort()).toEqual([
      'flashback://projects/{project}/issues/{id}',
      'flashback://projects/{project}/packages/{id}',
    ]);
    const read = await client.readResource({ uri: `flashback://projects/checkout/packages/${promo.id}` });
    const content = read.contents[0];
    const stored = JSON.parse(content && 'text' in content ? content.text : '{}');
    expect(stored.package.timeline).toHaveLength(promo.timeline.length);
  });
});

describe('bad input is a tool error with a clear message, and the session goes on', () => {
  it('an unknown issue', async () => {
    const answer = await call(client, 'get_issue', { issueId: 'no-such-issue' });
    expect(answer.isError).toBe(true);
    expect(answer.text).toBe(
      'the collector answered 404 FB_ERR_NOT_FOUND: project checkout has no issue no-such-issue',
    );
  });

  it('an unknown part', async () => {
    const answer = await call(client, 'get_package', { packageId: promo.id, part: 'stack' });
    expect(answer.isError).toBe(true);
    expect(answer.text).toMatch(/Invalid arguments for tool get_package/);
    expect(answer.text).toMatch(/"timeline"/);
  });

  it('neither a package nor an issue named', async () => {
    const answer = await call(client, 'get_package', { part: 'timeline' });
    expect(answer.isError).toBe(true);
    expect(answer.text).toBe('pass packageId, or issueId for the issue’s newest package');
  });

  it('a project the token cannot read', async () => {
    const answer = await call(client, 'list_issues', { project: 'billing' });
    expect(answer.isError).toBe(true);
    expect(answer.text).toMatch(/403 FB_ERR_FORBIDDEN: this token cannot read project "billing"/);
    // Still serving.
    expect((await call(client, 'list_issues')).isError).toBe(false);
  });

  it('a wrong token is refused before any tool runs', async () => {
    await expect(connect('fbt_wrong')).rejects.toThrow(/401|not known to this collector/);
  });
});
