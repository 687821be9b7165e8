/**
 * The `minutes` scenario (issue 15): 12 clients on one plan with the meeting's minutes open as
 * shared text, 3 of them typing into it at 5 characters a second each, one character per keystroke,
 * each at their own place in the text. In this process (one clock for all): keystroke-to-peer
 * latency (from the local insert to the moment each other client has applied it, found by the
 * Yjs item id of the character) and durable-ack latency (from sending an update to its ack, which
 * comes after the row is in PostgreSQL); cost per keystroke (api cpu ms, PostgreSQL cpu ms, rows
 * written in the api database, compaction on). A character missing at any client, or a field
 * that does not equal the text once typing settles, is a loss: the bench fails on it, never on
 * timing.
 */
import { io, type Socket } from 'socket.io-client';
import * as Y from 'yjs';
import { fromBase64 } from 'lib0/buffer';
import { REALTIME_PATH, type SharedTextRef, type TextUpdateEvent } from '#contracts';
import { SharedTextSync, type SharedTextSocket } from '../../../libs/contracts/src/shared-text-sync';
import { nowMs, sleep } from './clock';
import { newHistogram, recordMs, summarize, type LatencySummary } from './histogram';
import { cpuSeconds, treeCpuSeconds, withClient } from './processes';
import type { ClientSpec } from './types';

export interface MinutesRun {
  clients: number;
  typists: number;
  charsPerSecond: number;
  seconds: number;
  keystrokes: number;
  /** From a keystroke to each other client having it (ms). */
  keystrokeToPeer: LatencySummary;
  /** From sending an update to its ack, i.e. stored in PostgreSQL (ms). */
  durableAck: LatencySummary;
  updatesStored: number;
  cpuMsPerKeystroke: { server: number; postgres: number };
  rowsWrittenPerKeystroke: number;
  /** Revisions the settles took (the field written through the write path). */
  revisions: number;
  /** Characters missing at some client, plus 1 when the field did not end equal to the text. */
  lost: number;
  error?: string;
}

interface Options {
  url: string;
  databaseUrl: string;
  serverPid: number;
  pgPid: number | null;
  clients: ClientSpec[];
  typists: number;
  charsPerSecond: number;
  seconds: number;
  log(line: string): void;
}

export async function runMinutes(o: Options): Promise<MinutesRun> {
  const planId = o.clients[0].planId;
  const meetingId = await withClient(o.databaseUrl, async (db) => {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO meetings (plan_id, starts_at, title) VALUES ($1, now() + interval '1 day', 'Benchmøte') RETURNING id`,
      [planId],
    );
    return rows[0].id;
  });
  const ref: SharedTextRef = { planId, entityType: 'meeting', entityId: meetingId, field: 'minutes' };
  const sockets: Socket[] = [];
  const peerLatency = newHistogram();
  const ackLatency = newHistogram();
  /** When each character (by Yjs id "client:clock") was typed. */
  const typedAt = new Map<string, number>();
  let stored = 0;
  const syncs: SharedTextSync[] = [];
  try {
    for (const c of o.clients) {
      const socket = io(o.url, {
        path: REALTIME_PATH,
        transports: ['websocket'],
        auth: { token: c.token },
        reconnection: false,
        forceNew: true,
      });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', (e) => reject(e));
      });
      const join = (await socket.timeout(10_000).emitWithAck('plan:join', { planId, sinceRevision: null })) as { ok: boolean };
      if (!join.ok) throw new Error(`plan:join refused: ${JSON.stringify(join)}`);
      const sync = new SharedTextSync(ref, socket as unknown as SharedTextSocket, {
        onStored: (ms) => {
          stored++;
          recordMs(ackLatency, ms);
        },
      });
      // Every peer records when it has applied each character typed elsewhere.
      socket.on('text:update', (event: TextUpdateEvent) => {
        const at = nowMs();
        try {
          for (const s of Y.decodeUpdate(fromBase64(event.update)).structs) {
            if (!(s instanceof Y.Item) || !(s.content instanceof Y.ContentString)) continue;
            for (let i = 0; i < s.length; i++) {
              const t = typedAt.get(`${s.id.client}:${s.id.clock + i}`);
              if (t !== undefined) recordMs(peerLatency, at - t);
            }
          }
        } catch {
          // Counted as loss below if it matters.
        }
      });
      await sync.open();
      syncs.push(sync);
    }
    const revision0 = await planRevision(o.databaseUrl, planId);
    const rows0 = await rowsWritten(o.databaseUrl);
    const cpu0 = { server: cpuSeconds(o.serverPid), pg: treeCpuSeconds(o.pgPid) };

    const typists = syncs.slice(0, o.typists);
    const typed: string[][] = typists.map(() => []);
    const interval = 1000 / o.charsPerSecond;
    const end = nowMs() + o.seconds * 1000;
    await Promise.all(
      typists.map(async (sync, k) => {
        const alphabet = ['abcdefghij', 'KLMNOPQRST', '0123456789'][k % 3];
        // Each typist writes on a line of their own, after what it typed last.
        let caret: Y.RelativePosition | null = null;
        await sleep(k * (interval / o.typists));
        let i = 0;
        while (nowMs() < end) {
          const ch = alphabet[i++ % alphabet.length];
          const abs = caret ? Y.createAbsolutePositionFromRelativePosition(caret, sync.doc) : null;
          const at = abs ? abs.index : k === 0 ? 0 : sync.text.length;
          const clock = Y.getState(sync.doc.store, sync.doc.clientID);
          typedAt.set(`${sync.doc.clientID}:${clock}`, nowMs());
          sync.text.insert(at, ch);
          caret = Y.createRelativePositionFromTypeIndex(sync.text, at + 1);
          typed[k].push(ch);
          await sleep(interval);
        }
      }),
    );
    const keystrokes = typed.reduce((n, t) => n + t.length, 0);
    // Everyone converges; then typing settles (blur) and the field is written.
    const converged = await waitFor(() => syncs.every((s) => !s.unsaved && s.text.toString() === syncs[0].text.toString()), 15_000);
    const text = syncs[0].text.toString();
    let lost = 0;
    for (const [k, t] of typed.entries()) {
      const alphabet = new Set(['abcdefghij', 'KLMNOPQRST', '0123456789'][k % 3]);
      for (const s of syncs) {
        const mine = [...s.text.toString()].filter((c) => alphabet.has(c)).join('');
        lost += Math.max(0, t.length - commonPrefix(mine, t.join('')));
      }
    }
    if (!converged) lost += 1;
    for (const s of typists) s.settle();
    const settled = await waitFor(async () => (await minutesOf(o.databaseUrl, meetingId)) === text, 10_000);
    if (!settled) lost += 1;
    await sleep(1200); // PostgreSQL's table statistics are flushed about once a second
    const cpu = { server: cpuSeconds(o.serverPid) - cpu0.server, pg: treeCpuSeconds(o.pgPid) - cpu0.pg };
    const rows = (await rowsWritten(o.databaseUrl)) - rows0;
    const revisions = (await planRevision(o.databaseUrl, planId)) - revision0;
    const per = (x: number) => Math.round((x / Math.max(1, keystrokes)) * 1000) / 1000;
    return {
      clients: o.clients.length,
      typists: o.typists,
      charsPerSecond: o.charsPerSecond,
      seconds: o.seconds,
      keystrokes,
      keystrokeToPeer: summarize(peerLatency),
      durableAck: summarize(ackLatency),
      updatesStored: stored,
      cpuMsPerKeystroke: { server: per(cpu.server * 1000), postgres: per(cpu.pg * 1000) },
      rowsWrittenPerKeystroke: per(rows),
      revisions,
      lost,
    };
  } catch (error) {
    return {
      clients: o.clients.length,
      typists: o.typists,
      charsPerSecond: o.charsPerSecond,
      seconds: o.seconds,
      keystrokes: 0,
      keystrokeToPeer: summarize(peerLatency),
      durableAck: summarize(ackLatency),
      updatesStored: stored,
      cpuMsPerKeystroke: { server: 0, postgres: 0 },
      rowsWrittenPerKeystroke: 0,
      revisions: 0,
      lost: 0,
      error: error instanceof Error ? error.message : String(error),
    };
  } finally {
    for (const s of syncs) s.close();
    for (const s of sockets) s.close();
  }
}

export function describeMinutes(r: MinutesRun): string {
  if (r.error) return `error: ${r.error}`;
  return (
    `${r.keystrokes} keystrokes; keystroke-to-peer p50 ${r.keystrokeToPeer.p50} ms, p99 ${r.keystrokeToPeer.p99} ms; ` +
    `durable ack p50 ${r.durableAck.p50} ms, p99 ${r.durableAck.p99} ms; per keystroke: api ${r.cpuMsPerKeystroke.server} cpu ms, ` +
    `PostgreSQL ${r.cpuMsPerKeystroke.postgres} cpu ms, ${r.rowsWrittenPerKeystroke} rows written; ${r.revisions} revisions; lost ${r.lost}`
  );
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const end = nowMs() + timeoutMs;
  while (nowMs() < end) {
    if (await check()) return true;
    await sleep(25);
  }
  return false;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

async function planRevision(url: string, planId: string): Promise<number> {
  return withClient(
    url,
    async (db) => (await db.query<{ r: number }>('SELECT revision AS r FROM plans WHERE id = $1', [planId])).rows[0].r,
  );
}

async function minutesOf(url: string, meetingId: string): Promise<string> {
  return withClient(
    url,
    async (db) => (await db.query<{ m: string }>('SELECT minutes AS m FROM meetings WHERE id = $1', [meetingId])).rows[0].m,
  );
}

/** Rows inserted, updated and deleted in the database so far (every table). */
async function rowsWritten(url: string): Promise<number> {
  return withClient(url, async (db) => {
    const { rows } = await db.query<{ n: string }>(
      'SELECT COALESCE(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) AS n FROM pg_stat_user_tables',
    );
    return Number(rows[0].n);
  });
}
