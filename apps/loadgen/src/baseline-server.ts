/**
 * The baseline: a bare socket.io + `pg` server (no NestJS, no TypeORM) speaking the same subset of
 * the realtime protocol as the api (libs/contracts/src/realtime.ts), so that the bench can show
 * what the framework and our extra checks cost. The handshake token is taken as the actor as-is.
 *
 *   'plan:join'    {planId, sinceRevision}  → {ok, revision, events | snapshot}
 *   'plan:command' goal.update              → one transaction: lock the plan row, bump the
 *                  revision, update the goal, append the event; after commit, broadcast
 *                  'plan:event' to the plan's room (in revision order), then ack.
 *
 * Env: DATABASE_URL (its own database), PORT, HOST, PG_POOL (default 10, as TypeORM's). Idle
 * connections are kept 10 minutes, as the api keeps them (pg's 10 s default makes the pool close and
 * reopen connections as the load breathes, which costs both servers periodic stalls).
 */
import { createServer } from 'node:http';
import { Pool } from 'pg';
import { Server, type Socket } from 'socket.io';
import {
  MAX_REPLAY_EVENTS,
  MAX_SOCKET_PAYLOAD_BYTES,
  REALTIME_PATH,
  type Ack,
  type ClientToServerEvents,
  type ErrorCode,
  type PlanEventView,
  type ServerToClientEvents,
} from '#contracts';
import { migrateBaseline } from './baseline-db';

interface EventRow {
  plan_id: string;
  revision: number;
  actor: string;
  entity_type: string;
  entity_id: string;
  action: string;
  patch: Record<string, unknown>;
  client_mutation_id: string | null;
  at: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const room = (planId: string) => `plan:${planId}`;

function toView(r: EventRow): PlanEventView {
  return {
    planId: r.plan_id,
    revision: r.revision,
    actor: { accountId: r.actor, name: r.actor },
    entityType: r.entity_type as PlanEventView['entityType'],
    entityId: r.entity_id,
    action: r.action,
    patch: r.patch,
    clientMutationId: r.client_mutation_id,
    at: r.at.toISOString(),
  };
}

function fail(code: ErrorCode, message: string): Ack<never> {
  return { ok: false, error: { code, message } };
}

/**
 * BASELINE_FAULTS="drop=0.01,dup=0.01,swap=0.01" makes the baseline misbehave on purpose (drop a
 * broadcast, send it twice, or send it after the plan's next one), to check that the load
 * generator notices. Never set in a real run.
 */
function faultyEmitter(emit: (view: PlanEventView) => void): (view: PlanEventView) => void {
  const spec = Object.fromEntries(
    (process.env.BASELINE_FAULTS ?? '')
      .split(',')
      .filter(Boolean)
      .map((kv) => kv.split('=') as [string, string])
      .map(([k, v]) => [k, Number(v)]),
  ) as { drop?: number; dup?: number; swap?: number };
  if (!spec.drop && !spec.dup && !spec.swap) return emit;
  const held = new Map<string, PlanEventView>();
  return (view) => {
    const r = Math.random();
    const drop = spec.drop ?? 0;
    const dup = drop + (spec.dup ?? 0);
    const swap = dup + (spec.swap ?? 0);
    const before = held.get(view.planId);
    held.delete(view.planId);
    if (r < drop) {
      // dropped
    } else if (r < dup) {
      emit(view);
      emit(view);
    } else if (r < swap && !before) {
      held.set(view.planId, view);
    } else emit(view);
    if (before) emit(before);
  };
}

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is required');
  await migrateBaseline(databaseUrl);
  const pool = new Pool({ connectionString: databaseUrl, max: Number(process.env.PG_POOL ?? 10), idleTimeoutMillis: 600_000 });

  const http = createServer((req, res) => {
    if (req.url === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    res.writeHead(404).end();
  });
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(http, {
    path: REALTIME_PATH,
    transports: ['websocket'],
    maxHttpBufferSize: MAX_SOCKET_PAYLOAD_BYTES,
    serveClient: false,
  });

  /**
   * Broadcasts leave in revision order per plan: an event that commits before its predecessor's
   * broadcast has left waits for it.
   */
  const order = new Map<string, { next: number; pending: Map<number, PlanEventView> }>();
  const emit = faultyEmitter((view) => io.to(room(view.planId)).emit('plan:event', view));
  const broadcast = (view: PlanEventView, lockedRevision: number) => {
    let state = order.get(view.planId);
    if (!state) order.set(view.planId, (state = { next: lockedRevision + 1, pending: new Map() }));
    if (view.revision < state.next) {
      emit(view);
      return;
    }
    state.pending.set(view.revision, view);
    for (let v = state.pending.get(state.next); v; v = state.pending.get(state.next)) {
      state.pending.delete(state.next);
      emit(v);
      state.next++;
    }
  };

  io.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    if (typeof token !== 'string' || !token) return next(new Error('unauthorized'));
    socket.data.actor = token;
    next();
  });

  io.on('connection', (socket: Socket<ClientToServerEvents, ServerToClientEvents>) => {
    const actor = socket.data.actor as string;

    socket.on('plan:join', async (req, ack) => {
      if (typeof ack !== 'function') return;
      try {
        if (!req || typeof req.planId !== 'string' || !UUID.test(req.planId)) return ack(fail('validation_failed', 'planId'));
        const plan = await pool.query<{ id: string; title: string; revision: number }>(
          'SELECT id, title, revision FROM plans WHERE id = $1',
          [req.planId],
        );
        if (!plan.rowCount) return ack(fail('not_found', 'Plan not found'));
        await socket.join(room(req.planId));
        const since = req.sinceRevision;
        if (typeof since === 'number' && since >= 0) {
          const ev = await pool.query<EventRow>(
            'SELECT * FROM plan_events WHERE plan_id = $1 AND revision > $2 ORDER BY revision LIMIT $3',
            [req.planId, since, MAX_REPLAY_EVENTS + 1],
          );
          if (ev.rows.length <= MAX_REPLAY_EVENTS) {
            const events = ev.rows.map(toView);
            return ack({
              ok: true,
              revision: events.length ? events[events.length - 1].revision : Math.max(since, plan.rows[0].revision),
              events,
            });
          }
        }
        const goals = await pool.query<{ id: string; title: string }>('SELECT id, title FROM goals WHERE plan_id = $1', [req.planId]);
        const p = plan.rows[0];
        // The baseline's snapshot is only what it stores; the client reads the revision from it.
        const snapshot = { id: p.id, title: p.title, revision: p.revision, goals: goals.rows };
        return ack({ ok: true, revision: p.revision, snapshot } as unknown as Ack<never>);
      } catch (e) {
        return ack(fail('internal_error', e instanceof Error ? e.message : String(e)));
      }
    });

    // Presence is not the baseline's business; it answers heartbeats so both get the same traffic.
    socket.on('presence:heartbeat', (req, ack) => {
      if (typeof ack !== 'function') return;
      if (!req || typeof req.planId !== 'string' || !socket.rooms.has(room(req.planId)))
        return ack(fail('not_found', 'Join the plan first'));
      ack({ ok: true });
    });

    socket.on('plan:leave', async (req, ack) => {
      if (req && typeof req.planId === 'string') await socket.leave(room(req.planId));
      if (typeof ack === 'function') ack({ ok: true });
    });

    socket.on('plan:command', async (cmd, ack) => {
      if (typeof ack !== 'function') return;
      if (!cmd || cmd.type !== 'goal.update') return ack(fail('validation_failed', 'The baseline only knows goal.update'));
      const title = cmd.patch?.title;
      if (
        !UUID.test(String(cmd.planId)) ||
        !UUID.test(String(cmd.goalId)) ||
        typeof title !== 'string' ||
        title.length < 1 ||
        title.length > 300
      ) {
        return ack(fail('validation_failed', 'Invalid goal.update'));
      }
      if (!socket.rooms.has(room(cmd.planId))) return ack(fail('forbidden', 'Join the plan first'));
      const client = await pool.connect();
      let row: EventRow;
      let locked: number;
      try {
        await client.query('BEGIN');
        const plan = await client.query<{ revision: number }>('SELECT revision FROM plans WHERE id = $1 FOR UPDATE', [cmd.planId]);
        if (!plan.rowCount) throw Object.assign(new Error('Plan not found'), { code: 'not_found' });
        locked = plan.rows[0].revision;
        const revision = locked + 1;
        const goal = await client.query('UPDATE goals SET title = $3, updated_at = now() WHERE id = $1 AND plan_id = $2', [
          cmd.goalId,
          cmd.planId,
          title,
        ]);
        if (!goal.rowCount) throw Object.assign(new Error('Goal not found'), { code: 'not_found' });
        await client.query('UPDATE plans SET revision = $2, updated_at = now() WHERE id = $1', [cmd.planId, revision]);
        const ev = await client.query<EventRow>(
          `INSERT INTO plan_events (plan_id, revision, actor, entity_type, entity_id, action, patch, client_mutation_id)
           VALUES ($1, $2, $3, 'goal', $4, 'updated', $5, $6) RETURNING *`,
          [cmd.planId, revision, actor, cmd.goalId, JSON.stringify({ title }), cmd.clientMutationId ?? null],
        );
        await client.query('COMMIT');
        row = ev.rows[0];
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        const code: ErrorCode = (e as { code?: string }).code === 'not_found' ? 'not_found' : 'internal_error';
        return ack(fail(code, e instanceof Error ? e.message : String(e)));
      } finally {
        client.release();
      }
      broadcast(toView(row), locked);
      ack({ ok: true, revision: row.revision, entityId: row.entity_id });
    });
  });

  const port = Number(process.env.PORT ?? 3100);
  await new Promise<void>((resolve) => http.listen(port, process.env.HOST ?? '127.0.0.1', resolve));
  process.stdout.write(`baseline listening on ${port}\n`);
  const stop = () => {
    io.close();
    void pool.end().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`baseline failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
