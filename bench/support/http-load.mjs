/**
 * Load over real HTTP on keep-alive connections. Requests come ready-made from `nextRequest` and
 * go out through a lean client (raw-http.mjs), so the cores go to the server, not to building its
 * input.
 *
 * - `closedLoop`: `connections` clients, each sending its next request as soon as the previous is
 *   answered. Finds the most the server sustains.
 * - `openLoop`: requests at a fixed rate, whether or not earlier ones were answered. Latency counts
 *   from when a request was due, not when it went out, so a server falling behind shows as
 *   latency instead of quietly lowering the rate (no coordinated omission).
 *
 * `units(reply)` says how much an answered request delivered (the ingest benchmark counts the
 * packages acknowledged), or throws when the reply is a failure; by default a 2xx is one unit.
 */
import { RawConnection } from './raw-http.mjs';

export async function closedLoop({ url, connections, seconds, nextRequest, units = oneIfOk }) {
  const stats = new LoadStats(units);
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

export async function openLoop({
  url,
  requestsPerSecond,
  seconds,
  nextRequest,
  units = oneIfOk,
  maxInFlight = 512,
}) {
  const stats = new LoadStats(units);
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
          // The server is this far behind: count what could not even be sent.
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

/** The `p`th percentile of ascending `sorted`, NaN when it is empty. */
export function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function oneIfOk({ status, body }) {
  if (status < 200 || status > 299) throw new Error(`${status} ${body.slice(0, 80)}`);
  return 1;
}

class LoadStats {
  latencies = [];
  units = 0;
  requests = 0;
  errors = new Map();

  constructor(countUnits) {
    this.countUnits = countUnits;
  }

  async record(reply, since) {
    try {
      const answer = await reply;
      const latency = performance.now() - since;
      this.units += this.countUnits(answer);
      this.latencies.push(latency);
      this.requests++;
    } catch (error) {
      const reason = String(error instanceof Error ? error.message : error);
      this.errors.set(reason, (this.errors.get(reason) ?? 0) + 1);
    }
  }

  finish(seconds) {
    const sorted = this.latencies.sort((a, b) => a - b);
    const pct = (p) => percentile(sorted, p);
    return {
      seconds,
      unitsPerSecond: this.units / seconds,
      requestsPerSecond: this.requests / seconds,
      p50: pct(50),
      p99: pct(99),
      max: sorted[sorted.length - 1] ?? Number.NaN,
      latencies: sorted,
      errors: Object.fromEntries(this.errors),
    };
  }
}
