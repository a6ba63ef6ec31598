/**
 * Load over real HTTP, posting gzip'd batches with keep-alive as the SDK does. Bodies come
 * ready-made from `nextBody` (see body-pool.mjs), so the cores go to the collector, not to
 * compressing its input.
 *
 * - `closedLoop`: `connections` clients, each sending its next request as soon as the previous is
 *   acknowledged. Finds the most the collector sustains.
 * - `openLoop`: requests at a fixed rate, whether or not earlier ones were answered. Latency counts
 *   from when a request was due, not when it went out, so a collector falling behind shows as
 *   latency instead of quietly lowering the rate (no coordinated omission).
 */
import http from 'node:http';

export async function closedLoop({ url, project, key, connections, seconds, nextBody }) {
  const client = new IngestClient(url, project, key, connections);
  const deadline = performance.now() + seconds * 1000;
  const loop = async () => {
    while (performance.now() < deadline) {
      const sentAt = performance.now();
      await client.send(nextBody(), sentAt);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: connections }, loop));
  return client.finish((performance.now() - started) / 1000);
}

export async function openLoop({
  url,
  project,
  key,
  requestsPerSecond,
  seconds,
  nextBody,
  maxInFlight = 512,
}) {
  const client = new IngestClient(url, project, key, maxInFlight);
  const total = Math.round(requestsPerSecond * seconds);
  const started = performance.now();
  const inFlight = new Set();
  let sent = 0;
  let skipped = 0;
  await new Promise((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * requestsPerSecond));
      for (; sent < due; sent++) {
        const dueAt = started + (sent / requestsPerSecond) * 1000;
        if (inFlight.size >= maxInFlight) {
          // The collector is this far behind: count what could not even be sent.
          skipped++;
          continue;
        }
        const request = client.send(nextBody(), dueAt).finally(() => inFlight.delete(request));
        inFlight.add(request);
      }
      if (sent < total) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  await Promise.all(inFlight);
  const result = client.finish((performance.now() - started) / 1000);
  return { ...result, offeredRequestsPerSecond: requestsPerSecond, skipped };
}

class IngestClient {
  constructor(url, project, key, sockets) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
    this.target = new URL(`/api/${project}/packages`, url);
    this.key = key;
    this.latencies = [];
    this.packages = 0;
    this.requests = 0;
    this.errors = new Map();
  }

  async send(body, since) {
    const { status, text } = await post(this.agent, this.target, this.key, body).catch((error) => ({
      status: 0,
      text: String(error),
    }));
    if (status === 200) {
      this.latencies.push(performance.now() - since);
      const reply = JSON.parse(text);
      this.packages += reply.accepted.length + reply.duplicates.length;
      this.requests++;
    } else {
      const reason = `${status} ${text.slice(0, 80)}`;
      this.errors.set(reason, (this.errors.get(reason) ?? 0) + 1);
    }
  }

  finish(seconds) {
    this.agent.destroy();
    const sorted = this.latencies.sort((a, b) => a - b);
    const pct = (p) =>
      sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
    return {
      seconds,
      packagesPerSecond: this.packages / seconds,
      requestsPerSecond: this.requests / seconds,
      p50: pct(50),
      p99: pct(99),
      max: sorted[sorted.length - 1] ?? Number.NaN,
      errors: Object.fromEntries(this.errors),
    };
  }
}

function post(agent, url, key, body) {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-encoding': 'gzip',
          'content-length': body.length,
          'x-flashback-key': key,
        },
      },
      (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode, text: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
