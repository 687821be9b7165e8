/**
 * Real socket.io clients for tests: connect with an access token, emit with an ack and a bounded
 * timeout, wait for an event (never sleep for one), and record a plan's events in arrival order.
 */
import { io, type Socket } from 'socket.io-client';
import {
  REALTIME_PATH,
  type Ack,
  type ClientToServerEvents,
  type ClosingNotice,
  type PlanEventView,
  type ServerToClientEvents,
} from '#contracts';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface SocketOptions {
  /** Reconnect automatically (off by default: tests decide when to reconnect). */
  reconnection?: boolean;
  timeoutMs?: number;
}

/** A refused handshake: connect_error's message is the code, its data { code, message }. */
export class ConnectRefused extends Error {
  constructor(
    readonly code: string,
    readonly data: ClosingNotice | undefined,
  ) {
    super(`socket refused: ${code}${data ? ` (${data.message})` : ''}`);
  }
}

/** A socket that is not connected yet (call connectSocket or socket.connect()). */
export function createSocket(url: string, token: string | undefined, opts: SocketOptions = {}): TestSocket {
  return io(url, {
    path: REALTIME_PATH,
    transports: ['websocket'],
    auth: token === undefined ? {} : { token },
    reconnection: opts.reconnection ?? false,
    forceNew: true,
    autoConnect: false,
    timeout: opts.timeoutMs ?? 5000,
  });
}

/** Connects and resolves once connected; rejects with ConnectRefused when the server says no. */
export function connectSocket(url: string, token: string | undefined, opts: SocketOptions = {}): Promise<TestSocket> {
  return connect(createSocket(url, token, opts), opts.timeoutMs ?? 5000);
}

/**
 * For a test file: a function that opens sockets, all of them closed after each test. Call it
 * inside a describe, as useTestApp.
 */
export function useSockets(): (url: string, token: string | undefined, opts?: SocketOptions) => Promise<TestSocket> {
  const opened: TestSocket[] = [];
  afterEach(() => {
    for (const socket of opened.splice(0)) socket.close();
  });
  return async (url, token, opts) => {
    const socket = await connectSocket(url, token, opts);
    opened.push(socket);
    return socket;
  };
}

/** (Re)connects an existing socket. */
export function connect(socket: TestSocket, timeoutMs = 5000): Promise<TestSocket> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      socket.close();
      reject(new Error(`socket did not connect within ${timeoutMs} ms`));
    }, timeoutMs);
    const onConnect = () => {
      cleanup();
      resolve(socket);
    };
    const onError = (err: Error & { data?: ClosingNotice }) => {
      cleanup();
      socket.close();
      reject(new ConnectRefused(err.message, err.data));
    };
    const cleanup = () => {
      clearTimeout(timer);
      socket.off('connect', onConnect);
      socket.off('connect_error', onError);
    };
    socket.on('connect', onConnect);
    socket.on('connect_error', onError);
    socket.connect();
  });
}

type AckOf<E extends keyof ClientToServerEvents> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];

/** Emits a client event and waits for its ack, at most `timeoutMs`. */
export async function emitWithAck<E extends keyof ClientToServerEvents>(
  socket: TestSocket,
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
  timeoutMs = 5000,
): Promise<AckOf<E>> {
  return emitRawWithAck(socket, event, [payload], timeoutMs) as Promise<AckOf<E>>;
}

/** Emits anything (for bad input): any event name, any arguments; waits for the ack. */
export function emitRawWithAck(
  socket: TestSocket,
  event: string,
  args: unknown[],
  timeoutMs = 5000,
): Promise<Ack<Record<string, unknown>>> {
  const raw = socket as unknown as { timeout(ms: number): { emit(event: string, ...args: unknown[]): void } };
  return new Promise((resolve, reject) => {
    raw.timeout(timeoutMs).emit(event, ...args, (err: Error | null, res: Ack<Record<string, unknown>>) => {
      if (err) reject(new Error(`no ack for ${event} within ${timeoutMs} ms`));
      else resolve(res);
    });
  });
}

/** Emits and expects { ok: true }; throws with the error otherwise. */
export async function expectOk<E extends keyof ClientToServerEvents>(
  socket: TestSocket,
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
  timeoutMs = 5000,
): Promise<Extract<AckOf<E>, { ok: true }>> {
  const res = (await emitWithAck(socket, event, payload, timeoutMs)) as Ack<object>;
  if (!res.ok) throw new Error(`${event} failed: ${res.error.code} ${res.error.message}`);
  return res as Extract<AckOf<E>, { ok: true }>;
}

type EventArg<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>[0];

/** Waits for the next server event (that matches), at most `timeoutMs`. */
export function waitForEvent<E extends keyof ServerToClientEvents>(
  socket: TestSocket,
  event: E,
  predicate: (payload: EventArg<E>) => boolean = () => true,
  timeoutMs = 5000,
): Promise<EventArg<E>> {
  const s = socket as unknown as { on(e: string, l: (p: EventArg<E>) => void): void; off(e: string, l: (p: EventArg<E>) => void): void };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      s.off(event, listener);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: EventArg<E>) => {
      if (!predicate(payload)) return;
      clearTimeout(timer);
      s.off(event, listener);
      resolve(payload);
    };
    s.on(event, listener);
  });
}

/** Resolves with the disconnect reason, at most `timeoutMs`. */
export function waitForDisconnect(socket: TestSocket, timeoutMs = 5000): Promise<string> {
  if (socket.disconnected && !socket.active) return Promise.resolve('already disconnected');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`socket did not disconnect within ${timeoutMs} ms`)), timeoutMs);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

/** Every 'plan:event' a socket receives, in arrival order, with waits on revisions. */
export class PlanEventLog {
  readonly events: PlanEventView[] = [];
  private waiters: { check: () => boolean; resolve: () => void }[] = [];

  constructor(socket: TestSocket, planId?: string) {
    socket.on('plan:event', (e) => {
      if (planId && e.planId !== planId) return;
      this.events.push(e);
      this.waiters = this.waiters.filter((w) => {
        if (!w.check()) return true;
        w.resolve();
        return false;
      });
    });
  }

  revisions(): number[] {
    return this.events.map((e) => e.revision);
  }

  has(revision: number): boolean {
    return this.events.some((e) => e.revision === revision);
  }

  /** Waits until every revision up to `revision` (or the predicate) has arrived. */
  waitFor(revision: number | ((events: PlanEventView[]) => boolean), timeoutMs = 5000): Promise<void> {
    const check = typeof revision === 'number' ? () => this.has(revision) : () => revision(this.events);
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = {
        check,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(
          new Error(
            `not reached within ${timeoutMs} ms: ${typeof revision === 'number' ? `revision ${revision}` : 'condition'}; got ${this.revisions().join(',')}`,
          ),
        );
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }
}

let rawAckId = 1_000_000;

/**
 * Sends one socket.io EVENT frame written by hand (`argsJson` is the JSON text of the event's
 * arguments after the name) and waits for its ack, at most `timeoutMs`. For payloads the client
 * library cannot encode itself, such as arrays nested thousands of levels deep.
 */
export function emitFrameWithAck(
  socket: TestSocket,
  event: string,
  argsJson: string,
  timeoutMs = 5000,
): Promise<Ack<Record<string, unknown>>> {
  const id = ++rawAckId;
  const engine = socket.io.engine as unknown as {
    send(data: string): void;
    on(e: 'packet', l: (p: { type: string; data?: unknown }) => void): void;
    off(e: 'packet', l: (p: { type: string; data?: unknown }) => void): void;
  };
  return new Promise((resolve, reject) => {
    const prefix = `3${id}`;
    const listener = (packet: { type: string; data?: unknown }) => {
      if (packet.type !== 'message' || typeof packet.data !== 'string' || !packet.data.startsWith(`${prefix}[`)) return;
      clearTimeout(timer);
      engine.off('packet', listener);
      resolve((JSON.parse(packet.data.slice(prefix.length)) as [Ack<Record<string, unknown>>])[0]);
    };
    const timer = setTimeout(() => {
      engine.off('packet', listener);
      reject(new Error(`no ack for ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    engine.on('packet', listener);
    engine.send(`2${id}[${JSON.stringify(event)},${argsJson}]`);
  });
}
