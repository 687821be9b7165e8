/**
 * The socket.io server and the road between api nodes. Owns the Server instance, its adapter
 * (REALTIME_ADAPTER=memory|redis|postgres) and a small typed bus: a message published on one
 * node is handled on every node, itself included (in-process, then the adapter's
 * serverSideEmit). What the messages mean is for the services that subscribe.
 *
 * With several nodes each also heartbeats on the bus every REALTIME_NODE_HEARTBEAT_MS, and keeps
 * track of which other nodes are alive: a node that missed three heartbeats has lapsed (killed,
 * frozen, cut off), and the services are told, so that what it owned (its devices' presence) can
 * be dropped on the nodes that are left.
 */
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createAdapter as createPostgresAdapter } from '@socket.io/postgres-adapter';
import { createAdapter as createRedisStreamsAdapter } from '@socket.io/redis-streams-adapter';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import { Pool } from 'pg';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import { DataSource } from 'typeorm';
import {
  MAX_SOCKET_PAYLOAD_BYTES,
  REALTIME_PATH,
  type ClientToServerEvents,
  type FieldConflictNotice,
  type PlanEventView,
  type RevokeReason,
  type ServerToClientEvents,
  type TextCursorEvent,
  type TextUpdateEvent,
} from '#contracts';
import { AppConfig } from '../config/config';
import { NodeLiveness } from './node-liveness';
import type { PresenceDevice, SocketData } from './socket-data';
import { withDeadline } from '../deadline';

/** What one node tells all nodes (itself included). */
export interface BusMessages {
  /** A committed plan change, for each node's sequencer. */
  'plan.event': PlanEventView;
  'access.revoked': { planId: string; accountId: string; reason: RevokeReason };
  'account.disabled': { accountId: string; reason?: 'account_disabled' | 'signed_out' };
  /** A node is alive. */
  'node.heartbeat': { node: string };
  /** The devices present in a plan (on every node), for each node to show its sockets in the room. */
  'presence.state': { planId: string; devices: PresenceDevice[] };
  /** The other writer of a field conflict is told, on the sockets where they have the plan open. */
  'plan.conflict': { notice: FieldConflictNotice; toAccountIds: string[] };
  /** A stored shared-text update, for each node's copy and its sockets with the text open (deviceId: the sender, not echoed). */
  'text.update': TextUpdateEvent & { deviceId: string; node: string };
  /** A device's caret or selection in a shared text (anchor null: gone). */
  'text.cursor': TextCursorEvent;
}
type BusName = keyof BusMessages;

export type InterServerEvents = { [K in BusName as `fp:${K}`]: (payload: BusMessages[K]) => void };
export type RealtimeIo = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** Frames larger than this close the connection; payloads above MAX_SOCKET_PAYLOAD_BYTES get an error ack. */
export const MAX_FRAME_BYTES = MAX_SOCKET_PAYLOAD_BYTES * 4;

/** How quickly nodes notice each other leave (postgres adapter; the redis one counts subscribers). */
const CLUSTER_HEARTBEAT = { heartbeatInterval: 1000, heartbeatTimeout: 4000 };

/** How long the health check waits for Redis to answer PING (health/health.controller.ts waits 2 s in all). */
const REDIS_PING_TIMEOUT_MS = 500;

const BUS_NAMES: BusName[] = [
  'plan.event',
  'access.revoked',
  'account.disabled',
  'node.heartbeat',
  'presence.state',
  'plan.conflict',
  'text.update',
  'text.cursor',
];

/** Heartbeats a node may miss before the others count it as gone. */
const MISSED_HEARTBEATS = 3;

export interface NodeListener {
  /** A node stopped heartbeating. */
  lapsed(node: string): void;
  /** A node that had lapsed is heard again. */
  returned(node: string): void;
}

@Injectable()
export class RealtimeServer {
  private readonly logger = new Logger('RealtimeServer');
  private server: RealtimeIo | null = null;
  private readonly closers: (() => Promise<unknown>)[] = [];
  private readonly handlers = new Map<BusName, ((payload: never) => void)[]>();
  /** A cheap round trip on the adapter's own connection; none for the memory adapter. */
  private ping: (() => Promise<unknown>) | null = null;
  /** This process, among the api nodes (new on every start). */
  readonly nodeId = randomUUID();
  private readonly liveness: NodeLiveness;
  private readonly nodeListeners: NodeListener[] = [];
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
  ) {
    this.liveness = new NodeLiveness(this.nodeId, config.REALTIME_NODE_HEARTBEAT_MS * MISSED_HEARTBEATS);
  }

  get io(): RealtimeIo {
    if (!this.server) throw new Error('The realtime server has not started');
    return this.server;
  }

  /** Whether other nodes share the rooms (a Redis or PostgreSQL adapter). */
  get clustered(): boolean {
    return this.config.REALTIME_ADAPTER !== 'memory';
  }

  start(httpServer: HttpServer): RealtimeIo {
    const options: Partial<ServerOptions> = {
      path: REALTIME_PATH,
      serveClient: false,
      maxHttpBufferSize: MAX_FRAME_BYTES,
      cors: { origin: this.config.corsOrigins.length ? this.config.corsOrigins : false, credentials: true },
    };
    const io: RealtimeIo = new Server(httpServer, options);
    const adapter = this.createAdapter();
    if (adapter) io.adapter(adapter);
    for (const name of BUS_NAMES) {
      // serverSideEmit never delivers to the sending node; publish() handles the local copy.
      io.on(`fp:${name}` as never, ((payload: never) => this.dispatch(name, payload)) as never);
    }
    this.server = io;
    if (this.clustered) this.startHeartbeat();
    this.logger.log(`socket.io at ${REALTIME_PATH} with the ${this.config.REALTIME_ADAPTER} adapter`);
    return io;
  }

  publish<K extends BusName>(name: K, payload: BusMessages[K]): void {
    this.dispatch(name, payload);
    if (this.server && this.clustered) {
      (this.server.serverSideEmit as (ev: string, payload: BusMessages[K]) => boolean)(`fp:${name}`, payload);
    }
  }

  subscribe<K extends BusName>(name: K, handler: (payload: BusMessages[K]) => void): void {
    const list = this.handlers.get(name) ?? [];
    list.push(handler as (payload: never) => void);
    this.handlers.set(name, list);
  }

  onNodeChange(listener: NodeListener): void {
    this.nodeListeners.push(listener);
  }

  /** Whether `node` stopped heartbeating (and has not been heard since). */
  hasLapsed(node: string): boolean {
    return this.liveness.isLapsed(node);
  }

  /** This node's sockets in a room, synchronously (so callers can act between two deliveries). */
  localSockets(room: string): AppSocket[] {
    if (!this.server) return [];
    const nsp = this.server.of('/');
    const ids = nsp.adapter.rooms.get(room);
    if (!ids) return [];
    const sockets: AppSocket[] = [];
    for (const id of ids) {
      const socket = nsp.sockets.get(id);
      if (socket) sockets.push(socket);
    }
    return sockets;
  }

  localRoomIsEmpty(room: string): boolean {
    return !this.server?.of('/').adapter.rooms.get(room)?.size;
  }

  /**
   * Whether this node can reach the other nodes' road: throws when not. Memory: running is
   * enough; redis: the adapter's connection is up and answers PING; postgres: the adapter's pool
   * answers SELECT 1. The caller bounds how long it waits.
   */
  async health(): Promise<void> {
    if (!this.server) throw new Error('The realtime server is not running');
    await this.ping?.();
  }

  /** Closes this node's connections and the adapter; the HTTP server is Nest's to close. */
  async close(): Promise<void> {
    const io = this.server;
    if (!io) return;
    this.server = null;
    if (this.heartbeat) clearInterval(this.heartbeat);
    io.local.disconnectSockets(true);
    await Promise.resolve(io.of('/').adapter.close()).catch((e: unknown) => this.logger.warn(`closing the adapter failed: ${String(e)}`));
    io.engine.close();
    for (const close of this.closers.splice(0)) await close().catch((e: unknown) => this.logger.warn(`closing failed: ${String(e)}`));
  }

  private startHeartbeat(): void {
    this.subscribe('node.heartbeat', ({ node }) => {
      if (this.liveness.heard(node, Date.now())) this.tellNodes('returned', node);
    });
    const beat = () => {
      this.publish('node.heartbeat', { node: this.nodeId });
      for (const node of this.liveness.check(Date.now())) {
        this.logger.warn(`node ${node} stopped heartbeating`);
        this.tellNodes('lapsed', node);
      }
    };
    this.heartbeat = setInterval(beat, this.config.REALTIME_NODE_HEARTBEAT_MS);
    this.heartbeat.unref();
    beat();
  }

  private tellNodes(what: keyof NodeListener, node: string): void {
    for (const listener of this.nodeListeners) {
      try {
        listener[what](node);
      } catch (error) {
        this.logger.error(`node ${what}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    }
  }

  private dispatch<K extends BusName>(name: K, payload: BusMessages[K]): void {
    for (const handler of this.handlers.get(name) ?? []) {
      try {
        (handler as (payload: BusMessages[K]) => void)(payload);
      } catch (error) {
        this.logger.error(`handling ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    }
  }

  private createAdapter(): ServerOptions['adapter'] | null {
    const channel = this.config.REALTIME_CHANNEL;
    if (this.config.REALTIME_ADAPTER === 'redis') {
      // maxRetriesPerRequest null: while Redis is away commands wait for it instead of failing.
      const redis = new Redis(this.config.REDIS_URL, { maxRetriesPerRequest: null });
      let lastWarning = 0;
      redis.on('error', (error: Error) => {
        if (Date.now() - lastWarning < 10_000) return;
        lastWarning = Date.now();
        this.logger.warn(`Redis: ${error.message}`);
      });
      this.closers.push(() => redis.quit());
      this.ping = async () => {
        // Commands wait while Redis is away (see above): say so at once instead.
        if (redis.status !== 'ready') throw new Error(`Redis connection is ${redis.status}`);
        // A connection cut a moment ago can still read as ready: its PING then waits for the
        // reconnection. Give up on it soon, and name Redis, rather than leave the probe to time out.
        await withDeadline(redis.ping(), REDIS_PING_TIMEOUT_MS, `Redis did not answer PING within ${REDIS_PING_TIMEOUT_MS} ms`);
      };
      return createRedisStreamsAdapter(redis, { streamName: channel, channelPrefix: channel }) as unknown as ServerOptions['adapter'];
    }
    if (this.config.REALTIME_ADAPTER === 'postgres') {
      // The app's own database (DATABASE_URL, or the embedded one), on a small pool of its own.
      const url = (this.db.options as { url?: string }).url;
      const pool = new Pool({ connectionString: url, max: 4, application_name: 'fellesplan-realtime' });
      pool.on('error', (error: Error) => this.logger.warn(`PostgreSQL (adapter): ${error.message}`));
      this.closers.push(() => pool.end());
      this.ping = () => pool.query('SELECT 1');
      return createPostgresAdapter(pool, {
        channelPrefix: channel,
        ...CLUSTER_HEARTBEAT,
        errorHandler: (error: Error) => this.logger.warn(`postgres adapter: ${error.message}`),
      }) as unknown as ServerOptions['adapter'];
    }
    return null;
  }
}
