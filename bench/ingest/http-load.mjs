/**
 * Load over real HTTP, posting gzip'd batches on keep-alive connections as the SDK does. Requests
 * come ready-made from `nextRequest` (see request-pool.mjs) and go out through a lean client
 * (raw-http.mjs), so the cores go to the collector, not to building its input.
 *
 * - `closedLoop`: `connections` clients, each sending its next request as soon as the previous is
 *   acknowledged. Finds the most the collector sustains.
 * - `openLoop`: requests at a fixed rate, whether or not earlier ones were answered. Latency counts
 *   from when a request was due, not when it went out, so a collector falling behind shows as
 *   latency instead of quietly lowering the rate (no coordinated omission).
 */
import { RawConnection } from './raw-http.mjs';

export async function closedLoop({ url, connections, seconds, nextRequest }) {
  const stats = new LoadStats();
  const sockets = await Promise.all(Array.from({ length: connections }, () => RawConnection.open(url)));
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    sockets.map(async (socket) => {
      while (performance.now() < deadline) {
        const sentAt = performance.now();
        await stats.record(socket.send(nextRequest()), sentAt);
      }
    }),
  );
  for (const socket of sockets) socket.close();
  return stats.finish((performance.now() - started) / 1000);
}

export async function openLoop({ url, requestsPerSecond, seconds, nextRequest, maxInFlight = 512 }) {
  const stats = new LoadStats();
  const idle = [];
  let open = 0;
  let skipped = 0;
  const total = Math.round(requestsPerSecond * seconds);
  const started = performance.now();
  const inFlight = new Set();
  const fire = async (dueAt) => {
    let socket = idle.pop();
    if (!socket) {
      open++;
      socket = await RawConnection.open(url);
    }
    await stats.record(socket.send(nextRequest()), dueAt);
    idle.push(socket);
  };
  let sent = 0;
  await new Promise((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * requestsPerSecond));
      for (; sent < due; sent++) {
        if (inFlight.size >= maxInFlight) {
          // The collector is this far behind: count what could not even be sent.
          skipped++;
          continue;
        }
        const request = fire(started + (sent / requestsPerSecond) * 1000).finally(() =>
          inFlight.delete(request),
        );
        inFlight.add(request);
      }
      if (sent < total) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  await Promise.all(inFlight);
  for (const socket of idle) socket.close();
  const result = stats.finish((performance.now() - started) / 1000);
  return { ...result, connectionsOpened: open, skipped };
}

class LoadStats {
  latencies = [];
  packages = 0;
  requests = 0;
  errors = new Map();

  async record(reply, since) {
    const { status, body } = await reply.catch((error) => ({ status: 0, body: String(error) }));
    if (status === 200) {
      this.latencies.push(performance.now() - since);
      const acknowledged = JSON.parse(body);
      this.packages += acknowledged.accepted.length + acknowledged.duplicates.length;
      this.requests++;
    } else {
      const reason = `${status} ${body.slice(0, 80)}`;
      this.errors.set(reason, (this.errors.get(reason) ?? 0) + 1);
    }
  }

  finish(seconds) {
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
