import type { FastifyReply } from 'fastify';

/** Aborts when the reply's connection closes, so a long-poll stops waiting for a client that left. */
export function clientGoneSignal(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => controller.abort());
  return controller.signal;
}
