/**
 * A load-generator worker thread: holds a share of the sockets, sends its editors' edits at their
 * scheduled times (open loop: a late send is still measured from its scheduled time), and checks
 * every plan event its clients receive (latency, loss, duplicates, order).
 */
import { parentPort } from 'node:worker_threads';
import { io, type Socket } from 'socket.io-client';
import {
  PRESENCE_HEARTBEAT_MS,
  type Ack,
  type ClientToServerEvents,
  type CommandResult,
  type JoinResult,
  type PlanCommand,
  type PlanEventView,
  type ServerToClientEvents,
} from '#contracts';
import { nowMs, sleep } from './clock';
import { encode, newHistogram, recordMs } from './histogram';
import type {
  ClientPhaseStats,
  ClientSpec,
  ConnectOptions,
  EditorPhaseStats,
  FailoverStats,
  MainToWorker,
  PhaseSpec,
  TimelineBucket,
  WorkerToMain,
} from './types';
import { LoopLag } from './loop-lag';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

interface PhaseTrack {
  baseRevision: number;
  seen: Set<number>;
  duplicates: number;
  outOfOrder: number;
}

interface Client {
  spec: ClientSpec;
  socket: ClientSocket | null;
  /** Events that arrived before the join ack, applied once its revision is known. */
  buffer: PlanEventView[] | null;
  joined: boolean;
  highest: number;
  track: PhaseTrack;
  disconnected: boolean;
  seq: number;
  editor: EditorPhaseStats | null;
}

const port = parentPort;
if (!port) throw new Error('worker.ts runs as a worker thread');

const clients = new Map<number, Client>();
let options: ConnectOptions | null = null;
let latency = newHistogram();
let received = 0;
/** Per second of the phase (by scheduled send time): receipts, receipts over 50 ms, slowest. */
let timeline: TimelineBucket[] = [];
let phaseStartAt = 0;
/** This worker's own event-loop lag during the phase: a slow receipt may be the load generator's. */
const loopLag = new LoopLag();
let reportedDisconnects = 0;
const failovers: FailoverStats = { disconnected: 0, back: 0, failed: 0, errors: [], firstDisconnectAt: null, lastBackAt: null };
/** Presence heartbeats, as a browser sends them for the plan it has open. */
const heartbeats = { sent: 0, failed: 0, timers: [] as NodeJS.Timeout[] };

function startHeartbeats(c: Client): void {
  const beat = () => {
    if (!c.socket?.connected) return;
    heartbeats.sent++;
    c.socket.timeout(10_000).emit('presence:heartbeat', { planId: c.spec.planId }, (err: Error | null, res: Ack) => {
      if (err || !res.ok) heartbeats.failed++;
    });
  };
  // Spread over the interval, as browsers that opened the plan at different times would.
  const first = setTimeout(() => {
    beat();
    heartbeats.timers.push(setInterval(beat, PRESENCE_HEARTBEAT_MS));
  }, Math.random() * PRESENCE_HEARTBEAT_MS);
  heartbeats.timers.push(first);
}

function post(message: WorkerToMain): void {
  port!.postMessage(message);
}

function newTrack(base: number): PhaseTrack {
  return { baseRevision: base, seen: new Set(), duplicates: 0, outOfOrder: 0 };
}

/** `lg.<phase>.<client>.<seq>.<scheduled epoch µs>`: who sent it and when it was scheduled. */
function mutationId(phaseId: number, clientId: number, seq: number, scheduledMs: number): string {
  return `lg.${phaseId}.${clientId}.${seq}.${Math.round(scheduledMs * 1000)}`;
}

function parseMutationId(id: string | null | undefined): { sender: number; scheduledMs: number } | null {
  if (!id || !id.startsWith('lg.')) return null;
  const parts = id.split('.');
  if (parts.length !== 5) return null;
  return { sender: Number(parts[2]), scheduledMs: Number(parts[4]) / 1000 };
}

function onEvent(c: Client, ev: PlanEventView, at: number): void {
  if (ev.planId !== c.spec.planId) return;
  if (c.buffer) {
    c.buffer.push(ev);
    return;
  }
  received++;
  const r = ev.revision;
  const t = c.track;
  if (r <= t.baseRevision || t.seen.has(r)) {
    t.duplicates++;
    return;
  }
  if (r < c.highest) t.outOfOrder++;
  t.seen.add(r);
  if (r > c.highest) c.highest = r;
  const origin = parseMutationId(ev.clientMutationId);
  if (origin && origin.sender !== c.spec.id) {
    const ms = at - origin.scheduledMs;
    recordMs(latency, ms);
    const second = Math.floor((origin.scheduledMs - phaseStartAt) / 1000);
    if (second >= 0 && second < 3600) {
      const b = (timeline[second] ??= { n: 0, slow: 0, max: 0 });
      b.n++;
      if (ms > 50) b.slow++;
      if (ms > b.max) b.max = Math.round(ms * 10) / 10;
    }
  }
}

async function pool<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const run = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, run));
}

async function connectAll(specs: ClientSpec[], opts: ConnectOptions): Promise<void> {
  options = opts;
  const hist = newHistogram();
  const errors = new Map<string, number>();
  let connected = 0;
  let failed = 0;
  for (const spec of specs) {
    clients.set(spec.id, {
      spec,
      socket: null,
      buffer: null,
      joined: false,
      highest: 0,
      track: newTrack(0),
      disconnected: false,
      seq: 0,
      editor: null,
    });
  }
  await pool([...clients.values()], opts.connectConcurrency, async (c) => {
    const t0 = nowMs();
    const socket = await open(c, c.spec.url ?? opts.url, opts, (message) => errors.set(message, (errors.get(message) ?? 0) + 1));
    if (!socket) {
      failed++;
      return;
    }
    connected++;
    recordMs(hist, nowMs() - t0);
  });
  post({ type: 'connected', connected, failed, errors: [...errors].map(([m, n]) => `${n}× ${m}`), connectHist: encode(hist) });
}

/** Opens a client's socket; on a disconnect it fails over to `spec.fallbackUrl` if there is one. */
async function open(c: Client, url: string, opts: ConnectOptions, onError: (message: string) => void): Promise<ClientSocket | null> {
  const socket: ClientSocket = io(url, {
    path: opts.path,
    transports: ['websocket'],
    auth: { token: c.spec.token },
    reconnection: false,
    forceNew: true,
    timeout: opts.connectTimeoutMs,
  });
  socket.on('plan:event', (ev) => onEvent(c, ev, nowMs()));
  const ok = await new Promise<boolean>((resolve) => {
    socket.once('connect', () => resolve(true));
    socket.once('connect_error', (err) => {
      onError(err.message);
      resolve(false);
    });
  });
  if (!ok) {
    socket.close();
    return null;
  }
  c.socket = socket;
  socket.on('disconnect', (reason) => {
    c.disconnected = true;
    if (reason !== 'io client disconnect' && reportedDisconnects++ < 5)
      process.stderr.write(`[worker] client ${c.spec.id} (plan ${c.spec.planId}) disconnected: ${reason}\n`);
    if (c.spec.fallbackUrl && url !== c.spec.fallbackUrl && reason !== 'io client disconnect') void failOver(c, c.spec.fallbackUrl, opts);
  });
  return socket;
}

/** The client's server went away: connect to the other one and rejoin from the revision it holds. */
async function failOver(c: Client, url: string, opts: ConnectOptions): Promise<void> {
  failovers.disconnected++;
  failovers.firstDisconnectAt ??= nowMs();
  const fail = (message: string) => {
    failovers.failed++;
    if (failovers.errors.length < 10) failovers.errors.push(message);
  };
  const socket = await open(c, url, opts, fail);
  if (!socket) return;
  if (!c.joined) return back();
  const res = await new Promise<Ack<JoinResult> | Error>((resolve) => {
    c.buffer = [];
    socket
      .timeout(30_000)
      .emit('plan:join', { planId: c.spec.planId, sinceRevision: c.highest }, (err: Error | null, ack: Ack<JoinResult>) =>
        resolve(err ?? ack),
      );
  });
  const buffered = c.buffer ?? [];
  c.buffer = null;
  if (res instanceof Error || !res.ok) return fail(res instanceof Error ? res.message : `${res.error.code} ${res.error.message}`);
  // What it missed arrives as the join's events (a snapshot only if too far behind), then live.
  // As the web app does: what the join's replay and the room both brought is taken once.
  for (const ev of res.events ?? []) if (ev.revision > c.highest) onEvent(c, ev, nowMs());
  if (res.snapshot && res.revision > c.highest) c.highest = res.revision;
  for (const ev of buffered) if (ev.revision > c.highest) onEvent(c, ev, nowMs());
  back();

  function back(): void {
    c.disconnected = false;
    failovers.back++;
    failovers.lastBackAt = nowMs();
  }
}

async function joinAll(): Promise<void> {
  const hist = newHistogram();
  const errors = new Map<string, number>();
  let joined = 0;
  let failed = 0;
  const live = [...clients.values()].filter((c) => c.socket);
  await pool(live, options?.connectConcurrency ?? 50, async (c) => {
    const t0 = nowMs();
    c.buffer = [];
    const res = await new Promise<Ack<JoinResult> | Error>((resolve) => {
      c.socket!.timeout(30_000).emit(
        'plan:join',
        { planId: c.spec.planId, sinceRevision: null },
        (err: Error | null, ack: Ack<JoinResult>) => resolve(err ?? ack),
      );
    });
    const buffered = c.buffer ?? [];
    c.buffer = null;
    if (res instanceof Error || !res.ok) {
      failed++;
      const message = res instanceof Error ? `join: ${res.message}` : `join: ${res.error.code} ${res.error.message}`;
      errors.set(message, (errors.get(message) ?? 0) + 1);
      return;
    }
    joined++;
    recordMs(hist, nowMs() - t0);
    c.joined = true;
    if (options?.heartbeats) startHeartbeats(c);
    const replayed = res.events ?? [];
    c.highest = res.revision;
    c.track = newTrack(res.revision);
    // Replayed events are part of the join; broadcasts at or below the join's revision are covered by it.
    for (const ev of replayed) if (ev.revision > c.highest) c.highest = ev.revision;
    for (const ev of buffered) if (ev.revision > c.highest) onEvent(c, ev, nowMs());
  });
  post({ type: 'joined', joined, failed, errors: [...errors].map(([m, n]) => `${n}× ${m}`), joinHist: encode(hist) });
}

async function runPhase(p: PhaseSpec): Promise<void> {
  for (const c of clients.values()) {
    c.track = newTrack(c.highest);
    c.editor = null;
  }
  latency = newHistogram();
  received = 0;
  timeline = [];
  phaseStartAt = p.startAt;
  loopLag.start();
  const ackHist = newHistogram();
  const sendLag = newHistogram();
  const editors = p.editors
    .map((e) => ({ e, c: clients.get(e.clientId) }))
    .filter((x): x is { e: (typeof p.editors)[number]; c: Client } => Boolean(x.c?.socket && x.c.joined && x.c.spec.goalId))
    .sort((a, b) => a.e.offsetMs - b.e.offsetMs);
  for (const { c } of editors) {
    c.editor = {
      clientId: c.spec.id,
      planId: c.spec.planId,
      sent: 0,
      acked: 0,
      ackErrors: 0,
      ackTimeouts: 0,
      maxAckRevision: 0,
      errorCodes: {},
    };
  }
  const n = editors.length;
  const endAt = p.startAt + p.durationMs;
  let outstanding = 0;
  let k = 0;
  const timeOf = (i: number) => p.startAt + editors[i % n].e.offsetMs + Math.floor(i / n) * p.intervalMs;

  const send = (c: Client, scheduled: number) => {
    const stats = c.editor!;
    const seq = ++c.seq;
    stats.sent++;
    const cmd: PlanCommand = {
      type: 'goal.update',
      planId: c.spec.planId,
      goalId: c.spec.goalId!,
      baseRevision: c.highest,
      patch: { title: `Mål ${c.spec.id}-${seq}` },
      clientMutationId: mutationId(p.phaseId, c.spec.id, seq, scheduled),
    };
    recordMs(sendLag, nowMs() - scheduled);
    if (!c.socket?.connected) {
      stats.ackErrors++;
      stats.errorCodes.disconnected = (stats.errorCodes.disconnected ?? 0) + 1;
      return;
    }
    outstanding++;
    c.socket.timeout(p.ackTimeoutMs).emit('plan:command', cmd, (err: Error | null, res: Ack<CommandResult>) => {
      outstanding--;
      if (err) stats.ackTimeouts++;
      else if (res.ok) {
        stats.acked++;
        if (res.revision > stats.maxAckRevision) stats.maxAckRevision = res.revision;
        recordMs(ackHist, nowMs() - scheduled);
      } else {
        stats.ackErrors++;
        stats.errorCodes[res.error.code] = (stats.errorCodes[res.error.code] ?? 0) + 1;
      }
    });
  };

  if (n > 0) {
    await new Promise<void>((resolve) => {
      const tick = () => {
        const now = nowMs();
        let t = timeOf(k);
        while (t <= now && t < endAt) {
          send(editors[k % n].c, t);
          k++;
          t = timeOf(k);
        }
        if (t >= endAt) resolve();
        else setTimeout(tick, Math.max(0, t - nowMs()));
      };
      setTimeout(tick, Math.max(0, p.startAt - nowMs()));
    });
  } else {
    await sleep(Math.max(0, endAt - nowMs()));
  }
  const deadline = nowMs() + p.ackTimeoutMs + 1000;
  while (outstanding > 0 && nowMs() < deadline) await sleep(5);

  const maxAckRevision: Record<string, number> = {};
  const highestSeen: Record<string, number> = {};
  for (const c of clients.values()) {
    const plan = c.spec.planId;
    if (c.editor) maxAckRevision[plan] = Math.max(maxAckRevision[plan] ?? 0, c.editor.maxAckRevision);
    if (c.joined) highestSeen[plan] = Math.max(highestSeen[plan] ?? 0, c.highest);
  }
  post({
    type: 'sent',
    phaseId: p.phaseId,
    maxAckRevision,
    highestSeen,
    editors: editors.map(({ c }) => c.editor!),
    ackHist: encode(ackHist),
    sendLagHist: encode(sendLag),
  });
}

async function collect(phaseId: number, expected: Record<string, number>, deadlineMs: number): Promise<void> {
  const joined = [...clients.values()].filter((c) => c.joined);
  const complete = (c: Client) => {
    const want = expected[c.spec.planId];
    return want === undefined || c.disconnected || (c.highest >= want && c.track.seen.size >= want - c.track.baseRevision);
  };
  const deadline = nowMs() + deadlineMs;
  while (nowMs() < deadline && !joined.every(complete)) await sleep(10);
  const stats: ClientPhaseStats[] = joined.map((c) => ({
    clientId: c.spec.id,
    planId: c.spec.planId,
    baseRevision: c.track.baseRevision,
    distinct: c.track.seen.size,
    duplicates: c.track.duplicates,
    outOfOrder: c.track.outOfOrder,
    highest: c.highest,
    disconnected: c.disconnected,
  }));
  loopLag.stop();
  post({
    type: 'collected',
    loopLag: loopLag.seconds(),
    timeline: Array.from(timeline, (b) => b ?? { n: 0, slow: 0, max: 0 }),
    phaseId,
    clients: stats,
    latencyHist: encode(latency),
    received,
    heartbeats: { sent: heartbeats.sent, failed: heartbeats.failed },
  });
  heartbeats.sent = 0;
  heartbeats.failed = 0;
}

async function closeAll(): Promise<void> {
  for (const t of heartbeats.timers) clearTimeout(t);
  for (const c of clients.values()) c.spec.fallbackUrl = undefined;
  for (const c of clients.values()) c.socket?.disconnect();
  clients.clear();
  await sleep(50);
  post({ type: 'closed' });
}

port.on('message', (msg: MainToWorker) => {
  const run = async () => {
    switch (msg.type) {
      case 'connect':
        return connectAll(msg.clients, msg.options);
      case 'join':
        return joinAll();
      case 'clock':
        return post({ type: 'clock', mainNow: msg.mainNow, workerNow: nowMs() });
      case 'phase':
        return runPhase(msg.phase);
      case 'collect':
        return collect(msg.phaseId, msg.expected, msg.deadlineMs);
      case 'failovers':
        post({ type: 'failovers', failovers: { ...failovers } });
        return;
      case 'close':
        return closeAll();
    }
  };
  run().catch((e: unknown) => post({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) }));
});
