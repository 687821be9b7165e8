/**
 * The socket.io gateway: a thin adapter between socket events and the realtime services, as a
 * controller is for HTTP. It checks the access token at the handshake, guards every incoming
 * event (rate limit, known name, one bounded object, an ack to answer), parses the payload
 * into its DTO, calls one service method and answers { ok: true, ... } or { ok: false, error }.
 * No rule about plans lives here.
 */
import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server as HttpServer } from 'node:http';
import { CLIENT_EVENTS, MAX_SOCKET_PAYLOAD_BYTES, type Ack, type AckError } from '#contracts';
import type { Origin } from '../auth/actor';
import { AuthService } from '../auth/auth.service';
import { AppConfig } from '../config/config';
import { Unauthenticated } from '../errors/domain-error';
import { MetricsService } from '../metrics/metrics.service';
import { EventsRangeDto, PresenceUpdateDto } from './dto/realtime.dto';
import { SharedTextRefDto, TextCursorDto, TextOpenDto, TextPostDto, TextUpdateDto } from './dto/shared-text.dto';
import { checkPayload } from './payload-guard';
import { PlanCommandsService } from './plan-commands.service';
import { PlanRoomsService } from './plan-rooms.service';
import { PresenceService } from './presence.service';
import { SharedTextService } from './shared-text/shared-text.service';
import { TokenBucket } from './rate-limit';
import { RealtimeServer, type AppSocket } from './realtime-server';
import { accountRoom } from './socket-data';
import { handshakeError, toAckError } from './socket-errors';
import { answerAck, safeAck, safeListener, safeMiddleware, type Safety } from './socket-safety';
import { joinPlanInput, planRefInput, validateInput } from './socket-input';

type AckFn = (res: Ack<object>) => void;
const KNOWN_EVENTS = new Set<string>(CLIENT_EVENTS);

@Injectable()
export class RealtimeGateway implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('RealtimeGateway');
  private readonly safety: Safety = { log: (message) => this.logger.error(message), toAckError };

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly server: RealtimeServer,
    private readonly auth: AuthService,
    private readonly rooms: PlanRoomsService,
    private readonly presence: PresenceService,
    private readonly commands: PlanCommandsService,
    private readonly texts: SharedTextService,
    private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {}

  onApplicationBootstrap(): void {
    const io = this.server.start(this.adapterHost.httpAdapter.getHttpServer() as HttpServer);
    io.use((socket, next) => {
      this.authenticate(socket)
        .then(
          () => next(),
          (error: unknown) => next(handshakeError(error)),
        )
        .catch((error: unknown) => this.safety.log(`socket handshake failed: ${String(error)}`));
    });
    io.on(
      'connection',
      safeListener(
        'setting up a socket',
        (socket: AppSocket) => {
          try {
            this.connected(socket);
          } catch (error) {
            socket.disconnect(true);
            throw error;
          }
        },
        this.safety,
      ),
    );
    this.presence.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.server.close();
  }

  private async authenticate(socket: AppSocket): Promise<void> {
    const token: unknown = (socket.handshake.auth as Record<string, unknown> | undefined)?.token;
    if (typeof token !== 'string' || token === '')
      throw new Unauthenticated('unauthenticated', 'Send the access token in the handshake (auth: { token })');
    const actor = await this.auth.verifyAccessToken(token, this.originOf(socket));
    socket.data = { actor, node: this.server.nodeId, plans: {}, presence: {} };
    const expiresAt = accessTokenExpiry(token);
    if (expiresAt) tokenExpiry.set(socket, expiresAt);
  }

  private connected(socket: AppSocket): void {
    this.metrics.sockets.inc();
    void socket.join(accountRoom(socket.data.actor.accountId));
    const bucket = new TokenBucket(this.config.SOCKET_RATE_PER_SECOND, this.config.SOCKET_RATE_BURST, Date.now());

    // Every incoming event passes here first; only a well-formed, known event with an ack goes on.
    socket.use(
      safeMiddleware(([event, ...args], next) => {
        const ack = typeof args.at(-1) === 'function' ? (args.at(-1) as AckFn) : undefined;
        const refuse = (error: AckError) => safeAck(ack, { ok: false, error }, this.safety);
        const decision = bucket.take(Date.now());
        if (decision === 'flood') {
          this.logger.warn(`closing a flooding socket of account ${socket.data.actor.accountId}`);
          socket.emit('connection:closing', { code: 'rate_limited', message: 'Too many events; the connection is closed' });
          socket.disconnect(true);
          return;
        }
        if (decision === 'limited') return refuse({ code: 'rate_limited', message: 'Too many events; slow down' });
        if (!KNOWN_EVENTS.has(event)) return refuse({ code: 'unknown_event', message: `Unknown event: ${String(event).slice(0, 100)}` });
        // Every client event takes an ack; without one there is nobody to answer, and nothing is done.
        if (!ack) return;
        const problem = checkPayload(args.slice(0, -1), MAX_SOCKET_PAYLOAD_BYTES);
        if (problem) return refuse(problem);
        next();
      }, this.safety),
    );

    socket.on('plan:join', (req, ack) => this.answer('plan:join', ack, async () => this.rooms.join(socket, await joinPlanInput(req))));
    socket.on('plan:leave', (req, ack) =>
      this.answer('plan:leave', ack, async () => {
        this.rooms.leave(socket, (await planRefInput(req)).planId);
        return {};
      }),
    );
    socket.on('plan:events', (req, ack) =>
      this.answer('plan:events', ack, async () => this.rooms.events(socket, await validateInput(EventsRangeDto, req))),
    );
    socket.on('plan:command', (cmd, ack) => this.answer('plan:command', ack, () => this.commands.execute(socket.data.actor, cmd)));
    socket.on('presence:update', (req, ack) =>
      this.answer('presence:update', ack, async () => {
        const dto = await validateInput(PresenceUpdateDto, req);
        this.presence.update(socket, dto.planId, dto.focus ? { ...dto.focus } : null);
        return {};
      }),
    );
    socket.on('presence:heartbeat', (req, ack) =>
      this.answer('presence:heartbeat', ack, async () => {
        this.presence.heartbeat(socket, (await planRefInput(req)).planId);
        return {};
      }),
    );
    socket.on('text:open', (req, ack) =>
      this.answer('text:open', ack, async () => this.texts.open(socket, await validateInput(TextOpenDto, req))),
    );
    socket.on('text:update', (req, ack) =>
      this.answer('text:update', ack, async () => this.texts.update(socket, await validateInput(TextUpdateDto, req))),
    );
    socket.on('text:cursor', (req, ack) =>
      this.answer('text:cursor', ack, async () => {
        this.texts.cursor(socket, await validateInput(TextCursorDto, req));
        return {};
      }),
    );
    socket.on('text:settle', (req, ack) =>
      this.answer('text:settle', ack, async () => {
        this.texts.settle(socket, await validateInput(SharedTextRefDto, req));
        return {};
      }),
    );
    socket.on('text:post', (req, ack) =>
      this.answer('text:post', ack, async () => this.texts.post(socket, await validateInput(TextPostDto, req))),
    );
    socket.on('text:close', (req, ack) =>
      this.answer('text:close', ack, async () => {
        this.texts.close(socket, await validateInput(SharedTextRefDto, req));
        return {};
      }),
    );
    socket.on(
      'disconnecting',
      safeListener('leaving shared texts', () => this.texts.disconnecting(socket), this.safety),
    );
    // A socket lives no longer than its access token: at expiry it is closed, and the client
    // reconnects with a fresh token (the handshake checks it again, membership included).
    const expiresAt = tokenExpiry.get(socket);
    const expiry = expiresAt
      ? setTimeout(
          () => {
            socket.emit('connection:closing', { code: 'token_expired', message: 'The access token expired; reconnect with a fresh one' });
            socket.disconnect(true);
          },
          Math.max(0, expiresAt - Date.now()),
        )
      : undefined;
    socket.on(
      'disconnect',
      safeListener(
        'closing a socket',
        () => {
          this.metrics.sockets.dec();
          clearTimeout(expiry);
          this.rooms.disconnected(socket);
        },
        this.safety,
      ),
    );
  }

  /** Runs a handler and answers its ack; an error becomes { ok: false, error }, never a crash (socket-safety.ts). */
  private answer<T extends object>(event: string, ack: (res: Ack<T>) => void, run: () => Promise<T>): void {
    void answerAck(event, ack, run, this.safety);
  }

  /** The client's address as Express would see it, honouring TRUST_PROXY through Express's own setting. */
  private originOf(socket: AppSocket): Origin {
    const req = socket.request;
    const trust = (this.adapterHost.httpAdapter.getInstance() as { get(name: string): unknown }).get('trust proxy fn') as
      ((addr: string, i: number) => boolean) | undefined;
    const forwarded = req.headers['x-forwarded-for'];
    const chain = [
      req.socket.remoteAddress ?? '',
      ...(typeof forwarded === 'string' ? forwarded : '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .reverse(),
    ];
    let ip = chain[0];
    for (let i = 0; i < chain.length - 1 && trust?.(chain[i], i); i++) ip = chain[i + 1];
    const userAgent = req.headers['user-agent'];
    return { ip: ip || null, userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 300) : null };
  }
}

const tokenExpiry = new WeakMap<AppSocket, number>();

/** The `exp` of an access token already verified by AuthService, in epoch milliseconds. */
function accessTokenExpiry(token: string): number | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
