/**
 * Field edits of goals and tasks take no lock (PlanWriter.changeLockFree): they read at one
 * snapshot and write only if the plan is still at the revision read. These tests hold the plan
 * row in a transaction of their own, let an edit read and block on its write, and commit a change
 * in between, as a racing request would: the edit must be decided again on what is committed.
 */
import { Client } from 'pg';
import { eventually, useTestApp } from '#testing';
import { createPlanFixture, type PlanFixture } from './fixtures/plan-fixture';

describe('lock-free field edits', () => {
  const app = useTestApp();
  let f: PlanFixture;
  beforeAll(async () => {
    f = await createPlanFixture(app);
  }, 60_000);

  /** One statement on a connection of its own (the test app drops the database when the suite ends). */
  async function query<R extends object>(text: string, params: unknown[] = []): Promise<R[]> {
    const db = new Client({ connectionString: app.databaseUrl });
    await db.connect();
    try {
      return (await db.query<R>(text, params)).rows;
    } finally {
      await db.end();
    }
  }

  const url = (path = '') => `/api/plans/${f.planId}${path}`;
  const newGoal = async (title: string) => (await f.clients.coordinator.post(url('/goals'), { title })).body.entityId as string;
  const revisionOf = async () => (await query<{ revision: number }>('SELECT revision FROM plans WHERE id = $1', [f.planId]))[0].revision;

  /** Holds the plan row, starts `request`, waits until its write waits for the row, runs `between` in the holding transaction and commits. */
  async function racing<T>(request: () => Promise<T>, between: (tx: Client) => Promise<void>): Promise<T> {
    const tx = new Client({ connectionString: app.databaseUrl });
    await tx.connect();
    try {
      await tx.query('BEGIN');
      await tx.query('SELECT 1 FROM plans WHERE id = $1 FOR UPDATE', [f.planId]);
      const pending = request();
      // The edit has read (without a lock) and decided; its one write now waits for the plan row.
      await eventually(async () => {
        const rows = await query(
          `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'WITH bump AS%'`,
        );
        return rows.length > 0;
      });
      await between(tx);
      await tx.query('COMMIT');
      return await pending;
    } finally {
      await tx.end();
    }
  }

  /** A change committed by someone else, as the write path records one: the next revision and its event. */
  async function bump(tx: Client, entityType: string, entityId: string, action: string, patch: object): Promise<number> {
    const { rows } = await tx.query<{ revision: number }>(
      `UPDATE plans SET revision = revision + 1, updated_at = now() WHERE id = $1 RETURNING revision`,
      [f.planId],
    );
    await tx.query(
      `INSERT INTO plan_events (plan_id, revision, actor_account_id, actor_name, entity_type, entity_id, action, patch)
       VALUES ($1, $2, $3, 'Test', $4, $5, $6, $7)`,
      [f.planId, rows[0].revision, f.accountIds.coordinator, entityType, entityId, action, JSON.stringify(patch)],
    );
    return rows[0].revision;
  }

  it('takes the next revision after a change committed while it was deciding, and keeps both', async () => {
    const goalId = await newGoal('Gå tur hver dag');
    const other = await newGoal('Lage middag selv');
    const base = await revisionOf();
    const res = await racing(
      () => f.clients.professional.patch(url(`/goals/${goalId}`), { baseRevision: base, description: 'Med nabohunden' }),
      async (tx) => {
        await tx.query(`UPDATE goals SET title = 'Lage middag selv to ganger i uka' WHERE id = $1`, [other]);
        await bump(tx, 'goal', other, 'updated', { title: 'Lage middag selv to ganger i uka' });
      },
    );
    expect(res.status).toBe(200);
    const revision = await revisionOf();
    expect(res.body.revision).toBe(revision);
    const events = (await f.clients.coordinator.get(url(`/events?since=${revision - 2}`))).body.events;
    expect(events.map((e: { revision: number; entityId: string }) => [e.revision, e.entityId])).toEqual([
      [revision - 1, other],
      [revision, goalId],
    ]);
    const goals = (await f.clients.coordinator.get(url())).body.goals as { id: string; title: string; description: string }[];
    expect(goals.find((g) => g.id === goalId)?.description).toBe('Med nabohunden');
    expect(goals.find((g) => g.id === other)?.title).toBe('Lage middag selv to ganger i uka');
  });

  it('refuses an edit whose author lost consent while it was deciding, and writes none of it', async () => {
    const goalId = await newGoal('Sove bedre');
    const before = (await f.clients.coordinator.get(url())).body;
    const base = before.revision as number;
    const audited = async () =>
      Number(
        (
          await query<{ count: string }>(
            `SELECT count(*) FROM audit_entries WHERE plan_id = $1 AND action = 'goal.updated' AND target_id = $2`,
            [f.planId, goalId],
          )
        )[0].count,
      );
    const res = await racing(
      () => f.clients.professional.patch(url(`/goals/${goalId}`), { baseRevision: base, title: 'Sove bedre om natta' }),
      async (tx) => {
        await tx.query('UPDATE consents SET revoked_at = now() WHERE id = $1', [f.consentIds.professional]);
        await bump(tx, 'consent', f.consentIds.professional, 'revoked', { revokedAt: new Date().toISOString() });
      },
    );
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('consent_required');
    const after = (await f.clients.coordinator.get(url())).body;
    expect(after.revision).toBe(before.revision + 1);
    expect(after.goals.find((g: { id: string }) => g.id === goalId).title).toBe('Sove bedre');
    expect(await audited()).toBe(0);
    // Consent given again: the same edit applies.
    await f.clients.person.post(url('/consents'), { kind: 'member_access', memberId: f.memberIds.professional });
    const again = await f.clients.professional.patch(url(`/goals/${goalId}`), {
      baseRevision: await revisionOf(),
      title: 'Sove bedre om natta',
    });
    expect(again.status).toBe(200);
    expect(await audited()).toBe(1);
  });

  it('refuses an edit of a goal deleted while it was deciding', async () => {
    const goalId = await newGoal('Begynne på svømming');
    const base = await revisionOf();
    const res = await racing(
      () => f.clients.professional.patch(url(`/goals/${goalId}`), { baseRevision: base, title: 'Begynne på svømming i januar' }),
      async (tx) => {
        await tx.query('UPDATE goals SET deleted_at = now() WHERE id = $1', [goalId]);
        await bump(tx, 'goal', goalId, 'deleted', { deleted: true });
      },
    );
    expect(res.status).toBe(404);
    const rows = await query<{ title: string }>('SELECT title FROM goals WHERE id = $1', [goalId]);
    expect(rows[0].title).toBe('Begynne på svømming');
  });

  it('takes the plan lock after losing the race four times in a row, and lands once', async () => {
    const goalId = await newGoal('Lære å sykle');
    const other = await newGoal('Ringe bestemor');
    const base = await revisionOf();
    const holders: Client[] = [];
    const holder = async () => {
      const c = new Client({ connectionString: app.databaseUrl });
      await c.connect();
      holders.push(c);
      await c.query('BEGIN');
      return c;
    };
    // Each holder takes the plans table in a mode that lets only plain reads by (the lock-free
    // read goes on; the guarded write and the locked path's read wait). Table locks are granted in
    // the order asked for, by the backend that releases them: when one holder commits, the guarded
    // write queued before the next holder goes first, and the edit's next attempt finds the next
    // holder granted. A row lock alone would not do: a new statement may take a row just released
    // before the backend queued for it wakes, which a loaded machine makes likely (the edit would
    // then land early, between two holders).
    const HOLD_TABLE = 'LOCK TABLE plans IN EXCLUSIVE MODE';
    const hold = (c: Client) => c.query(HOLD_TABLE);
    const GUARDED = 'WITH bump AS%';
    const LOCKED = '%p.tenant_id = $2 FOR UPDATE';
    /** The statement of `like` that waits for a lock (its backend and start tell two attempts apart). */
    const waitingFor = (...likes: string[]) =>
      eventually(async () => {
        const rows = await query<{ attempt: string; query: string }>(
          `SELECT pid || ' ' || query_start AS attempt, query FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE ANY ($1)`,
          [likes],
        );
        return rows[0];
      });
    try {
      let tx = await holder();
      await hold(tx);
      const pending = f.clients.professional.patch(url(`/goals/${goalId}`), { baseRevision: base, title: 'Lære å sykle uten støttehjul' });
      // Each guarded write the edit makes waits for the table; a change is committed under it each
      // time, so each attempt finds its revision taken, until the edit takes the lock instead.
      const attempts = new Set<string>();
      let changes = 0;
      for (;;) {
        const waiting = await waitingFor(GUARDED, LOCKED);
        if (!waiting.query.startsWith('WITH bump AS')) break;
        attempts.add(waiting.attempt);
        if (changes > 12) throw new Error(`still racing after ${changes} changes`);
        // The next holder queues for the table behind the waiting write before this one commits.
        const next = await holder();
        const held = hold(next);
        await waitingFor(HOLD_TABLE);
        changes++;
        await tx.query(`UPDATE goals SET title = $2 WHERE id = $1`, [other, `Ringe bestemor ${changes} ganger`]);
        await bump(tx, 'goal', other, 'updated', { title: `Ringe bestemor ${changes} ganger` });
        await tx.query('COMMIT');
        await held;
        tx = next;
      }
      // Four races lost (LOCK_FREE_ATTEMPTS), then the locked path's read waits for the row.
      expect(attempts.size).toBe(4);
      await tx.query('COMMIT');
      const res = await pending;
      expect(res.status).toBe(200);
      expect(res.body.revision).toBe(base + changes + 1);
      expect(await revisionOf()).toBe(base + changes + 1);
      const events = (await f.clients.coordinator.get(url(`/events?since=${base}`))).body.events as {
        revision: number;
        entityId: string;
      }[];
      expect(events.map((e) => [e.revision, e.entityId])).toEqual([
        ...Array.from({ length: changes }, (_, i) => [base + 1 + i, other]),
        [base + changes + 1, goalId],
      ]);
      const audited = await query<{ count: string }>(
        `SELECT count(*) FROM audit_entries WHERE plan_id = $1 AND action = 'goal.updated' AND target_id = $2`,
        [f.planId, goalId],
      );
      expect(Number(audited[0].count)).toBe(1);
      const goal = ((await f.clients.coordinator.get(url())).body.goals as { id: string; title: string }[]).find((g) => g.id === goalId);
      expect(goal?.title).toBe('Lære å sykle uten støttehjul');
    } finally {
      for (const c of holders) await c.end().catch(() => undefined);
    }
  });

  it('keeps revisions gapless and loses no field when 60 edits of different fields of the same goals race', async () => {
    const goals: string[] = [];
    for (let i = 0; i < 12; i++) goals.push(await newGoal(`Mål ${i}`));
    const start = await revisionOf();
    const writers = [f.clients.coordinator, f.clients.person, f.clients.professional];
    // Every edit changes one field of one goal, all from the same base: none conflicts, but each
    // goal's five edits race for its row (and its per-field revisions, written whole).
    const values = (i: number): Record<string, string> => {
      const k = Math.floor(i / 12);
      return [
        { title: `Tittel ${i}` },
        { description: `Beskrivelse ${i}` },
        { lifeArea: 'fritid' },
        { status: 'in_progress' },
        { targetDate: '2027-06-30' },
      ][k];
    };
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        writers[i % writers.length].patch(url(`/goals/${goals[i % 12]}`), { baseRevision: start, ...values(i) }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(60).fill(200));
    const revisions = results.map((r) => r.body.revision as number).sort((x, y) => x - y);
    expect(revisions).toEqual(Array.from({ length: 60 }, (_, i) => start + 1 + i));
    const events = (await f.clients.coordinator.get(url(`/events?since=${start}`))).body.events as { revision: number }[];
    expect(events.map((e) => e.revision)).toEqual(revisions);
    const view = (await f.clients.coordinator.get(url())).body.goals as {
      id: string;
      fieldRevisions: Record<string, { rev: number }>;
    }[];
    for (let i = 0; i < 60; i++) {
      const goal = view.find((g) => g.id === goals[i % 12])!;
      const [[field, value]] = Object.entries(values(i));
      expect(goal).toMatchObject({ [field]: value });
      // The field's revision is the one its edit took: no edit overwrote another's entry.
      expect(goal.fieldRevisions[field]?.rev).toBe(results[i].body.revision);
    }
  });
});
