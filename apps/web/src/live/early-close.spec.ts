/**
 * A connection attempt whose WebSocket is accepted and closed cleanly before the engine.io handshake
 * (an api node shutting down, a proxy dropping the upgrade). Real socket.io-client over real
 * WebSockets: a raw HTTP server answers the upgrade and closes at once with code 1000.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server as SocketServer } from 'socket.io';
import { io, type Socket } from 'socket.io-client';
import { watchConnectAttempts } from './early-close';

/** Polls until the condition holds (the web app's specs do not use the api's test library). */
async function eventually(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** Accepts every WebSocket upgrade and closes it cleanly (a close frame, 1000) before any engine.io packet. */
function acceptAndClose(): Server {
  const server = createServer((_req, res) => res.writeHead(404).end());
  server.on('upgrade', (req, socket) => {
    const accept = createHash('sha1').update(`${req.headers['sec-websocket-key']}${WS_GUID}`).digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    socket.end(Buffer.from([0x88, 0x02, 0x03, 0xe8]));
  });
  return server;
}

const connections = new Set<import('node:net').Socket>();

async function listen(server: Server): Promise<string> {
  server.on('connection', (socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A client as the web app makes it, but with an attempt timeout far longer than any wait here. */
function client(url: string, watch: boolean): { socket: Socket; errors: () => number } {
  const socket = io(url, { transports: ['websocket'], forceNew: true, reconnectionDelay: 20, reconnectionDelayMax: 50, timeout: 120_000 });
  if (watch) watchConnectAttempts(socket.io);
  let errors = 0;
  socket.on('connect_error', () => void errors++);
  return { socket, errors: () => errors };
}

describe('a connection attempt closed before its handshake', () => {
  const servers: Server[] = [];
  const sockets: Socket[] = [];
  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.disconnect());
    connections.forEach((socket) => socket.destroy());
    await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  });

  it('fails at once, and the client keeps retrying with its backoff', async () => {
    const server = acceptAndClose();
    servers.push(server);
    const c = client(await listen(server), true);
    sockets.push(c.socket);
    await eventually(async () => c.errors() >= 5, 15_000);
    expect(c.socket.connected).toBe(false);
  });

  it('without the watch, waits for the attempt timeout (the socket.io-client behaviour the watch is for)', async () => {
    const server = acceptAndClose();
    servers.push(server);
    let upgrades = 0;
    server.on('upgrade', () => void upgrades++);
    const c = client(await listen(server), false);
    sockets.push(c.socket);
    await eventually(async () => upgrades >= 1);
    // The watched client above made five attempts in this time; this one is still in its first.
    await new Promise((r) => setTimeout(r, 1000));
    expect(c.errors()).toBe(0);
    expect(upgrades).toBe(1);
  });

  it('leaves a connection that completed its handshake alone: a later close is an ordinary disconnect', async () => {
    const httpServer = createServer();
    servers.push(httpServer);
    const ioServer = new SocketServer(httpServer);
    const url = await listen(httpServer);
    const c = client(url, true);
    sockets.push(c.socket);
    await eventually(async () => c.socket.connected);
    const reasons: string[] = [];
    c.socket.on('disconnect', (reason) => void reasons.push(reason));
    ioServer.disconnectSockets(true);
    await eventually(async () => reasons.length === 1);
    expect(reasons).toEqual(['io server disconnect']);
    expect(c.errors()).toBe(0);
    ioServer.close();
  });
});
