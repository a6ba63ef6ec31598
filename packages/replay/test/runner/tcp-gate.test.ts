import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TcpGate } from '../../src/runner/tcp-gate.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** An echo server that upper-cases what it gets. */
async function upperServer(): Promise<{ port: number }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('data', (d: Buffer) => socket.write(d.toString().toUpperCase()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { port: (server.address() as net.AddressInfo).port };
}

function exchange(port: number, text: string): { socket: net.Socket; reply: Promise<string> } {
  const socket = net.connect(port, '127.0.0.1');
  socket.write(text);
  const reply = new Promise<string>((resolve, reject) => {
    socket.once('data', (d: Buffer) => resolve(d.toString()));
    socket.once('error', reject);
    socket.once('close', () => reject(new Error('closed without a reply')));
  });
  reply.catch(() => undefined);
  closers.push(async () => void socket.destroy());
  return { socket, reply };
}

describe('TcpGate', () => {
  it('holds a connection and what the client sent until opened, then pipes it through', async () => {
    const gate = await TcpGate.listen({ host: '127.0.0.1', port: 0 });
    closers.push(() => gate.close());
    const early = exchange(gate.address.port, 'startup message');
    const outcome = await Promise.race([
      early.reply,
      new Promise((resolve) => setImmediate(() => resolve('held'))),
    ]);
    expect(outcome).toBe('held');
    const backend = await upperServer();
    gate.open({ host: '127.0.0.1', port: backend.port });
    expect(await early.reply).toBe('STARTUP MESSAGE');
    expect(await exchange(gate.address.port, 'later').reply).toBe('LATER');
  });

  it('drops held and new connections when the server behind will never come', async () => {
    const gate = await TcpGate.listen({ host: '127.0.0.1', port: 0 });
    closers.push(() => gate.close());
    const held = exchange(gate.address.port, 'x');
    // Accepted before or after this point alike, the connection is dropped.
    gate.fail();
    await expect(held.reply).rejects.toThrow();
    await expect(exchange(gate.address.port, 'y').reply).rejects.toThrow();
  });
});
