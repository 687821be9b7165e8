import { Client } from 'pg';
import { useTestApp } from '#testing';
import { createPlanFixture, type PlanFixture } from './fixtures/plan-fixture';

describe('plans over REST', () => {
  const app = useTestApp();
  let f: PlanFixture;
  beforeAll(async () => {
    f = await createPlanFixture(app);
  }, 60_000);

  const url = (path = '') => `/api/plans/${f.planId}${path}`;

  it('gives the whole plan with its revision, members, consent and my role', async () => {
    const res = await f.clients.person.get(url());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: f.planId, personName: 'Aina Lund', status: 'active', myRole: 'person' });
    expect(res.body.revision).toBeGreaterThan(5);
    expect(res.body.members.map((m: { role: string }) => m.role).sort()).toEqual([
      'coordinator',
      'guardian',
      'person',
      'professional',
      'relative',
    ]);
    expect(res.body.members.find((m: { role: string }) => m.role === 'relative').hasConsent).toBe(true);
    expect(res.body.consents).toHaveLength(3);
    // A relative may see the plan but not the consent records.
    expect((await f.clients.relative.get(url())).body.consents).toBeNull();
  });

  it('hides a plan from non-members, the systemkoordinator and other tenants as not found', async () => {
    for (const who of ['outsider', 'systemkoordinator', 'otherTenant'] as const) {
      const res = await f.clients[who].get(url());
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('not_found');
    }
  });

  it('lists my plans with my role, next meeting and my open tasks', async () => {
    await f.clients.coordinator.post(url('/tasks'), { title: 'Søke om tilrettelagt transport', responsibleMemberId: f.memberIds.relative });
    const res = await f.clients.relative.get('/api/plans');
    expect(res.status).toBe(200);
    const row = res.body.items.find((p: { id: string }) => p.id === f.planId);
    expect(row).toMatchObject({ myRole: 'relative', personName: 'Aina Lund', myOpenTasks: 1 });
    expect(res.body.total).toBeGreaterThanOrEqual(1);
  });

  it('applies goal and task changes and answers with the new revision; events replay in order', async () => {
    const before = (await f.clients.coordinator.get(url())).body.revision;
    const goal = await f.clients.person.post(url('/goals'), { title: 'Gå på butikken selv', lifeArea: 'hverdagsmestring' });
    expect(goal.status).toBe(201);
    expect(goal.body.revision).toBe(before + 1);
    const task = await f.clients.professional.post(url('/tasks'), {
      title: 'Gåtrening',
      goalId: goal.body.entityId,
      scope: '2 t/uke',
      responsibleMemberId: f.memberIds.professional,
      dueDate: '2027-01-15',
    });
    expect(task.body.revision).toBe(before + 2);
    const events = await f.clients.relative.get(url(`/events?since=${before}`));
    expect(events.status).toBe(200);
    expect(events.body.events.map((e: { revision: number }) => e.revision)).toEqual([before + 1, before + 2]);
    expect(events.body.events[1]).toMatchObject({
      entityType: 'task',
      action: 'created',
      actor: { name: 'Per Hansen' },
      patch: { title: 'Gåtrening', scope: '2 t/uke' },
    });
  });

  it('does not overwrite a field someone else changed: 409 per field, and the other fields apply', async () => {
    const goal = await f.clients.coordinator.post(url('/goals'), { title: 'Bo i egen leilighet', description: 'Med støtte' });
    const base = goal.body.revision;
    const first = await f.clients.person.patch(url(`/goals/${goal.body.entityId}`), {
      baseRevision: base,
      title: 'Bo i egen leilighet innen sommeren',
    });
    expect(first.status).toBe(200);
    const second = await f.clients.coordinator.patch(url(`/goals/${goal.body.entityId}`), {
      baseRevision: base,
      title: 'Bo for meg selv',
      description: 'Med miljøtjenesten',
    });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('conflict');
    expect(second.body.details.conflicts).toEqual([
      {
        field: 'title',
        yourValue: 'Bo for meg selv',
        currentValue: 'Bo i egen leilighet innen sommeren',
        changedBy: { accountId: f.accountIds.person, name: 'Aina Lund' },
        changedAtRevision: first.body.revision,
      },
    ]);
    expect(second.body.details.revision).toBe(first.body.revision + 1);
    const view = (await f.clients.coordinator.get(url())).body;
    expect(view.goals.find((g: { id: string }) => g.id === goal.body.entityId)).toMatchObject({
      title: 'Bo i egen leilighet innen sommeren',
      description: 'Med miljøtjenesten',
    });
    // Sending the same value someone else just wrote is not a conflict.
    const same = await f.clients.coordinator.patch(url(`/goals/${goal.body.entityId}`), {
      baseRevision: base,
      title: 'Bo i egen leilighet innen sommeren',
    });
    expect(same.status).toBe(200);
  });

  it('applies a retried change with the same client mutation id once and returns the first result', async () => {
    const body = { title: 'Svømming på onsdager', clientMutationId: `retry-${Date.now()}` };
    const a = await f.clients.person.post(url('/tasks'), body);
    const b = await f.clients.person.post(url('/tasks'), body);
    expect(a.status).toBe(201);
    expect(b.body).toMatchObject({ revision: a.body.revision, entityId: a.body.entityId, replayed: true });
    const view = (await f.clients.person.get(url())).body;
    expect(view.tasks.filter((t: { title: string }) => t.title === body.title)).toHaveLength(1);
  });

  it('applies the same client mutation sent several times at once exactly once', async () => {
    const body = { title: 'Kino med støttekontakt', clientMutationId: `burst-${Date.now()}` };
    const results = await Promise.all(Array.from({ length: 8 }, () => f.clients.person.post(url('/tasks'), body)));
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(201));
    const first = results.find((r) => !r.body.replayed)!;
    for (const r of results) expect(r.body).toMatchObject({ revision: first.body.revision, entityId: first.body.entityId });
    expect(results.filter((r) => r.body.replayed)).toHaveLength(7);
    const view = (await f.clients.person.get(url())).body;
    expect(view.tasks.filter((t: { title: string }) => t.title === body.title)).toHaveLength(1);
  });

  it('keeps dates and the per-field revisions intact through an update', async () => {
    const created = await f.clients.coordinator.post(url('/tasks'), {
      title: 'Søke om BPA',
      startDate: '2027-02-01',
      dueDate: '2027-03-31',
    });
    const id = created.body.entityId as string;
    const updated = await f.clients.professional.patch(url(`/tasks/${id}`), {
      baseRevision: created.body.revision,
      dueDate: '2027-04-30',
      scope: '1 søknad',
    });
    expect(updated.status).toBe(200);
    const task = (await f.clients.person.get(url())).body.tasks.find((t: { id: string }) => t.id === id);
    expect(task).toMatchObject({ title: 'Søke om BPA', startDate: '2027-02-01', dueDate: '2027-04-30', scope: '1 søknad' });
    expect(task.fieldRevisions).toMatchObject({
      title: { rev: created.body.revision },
      dueDate: { rev: updated.body.revision },
      scope: { rev: updated.body.revision },
    });
  });

  it('keeps revisions gapless and loses no edit under 50 concurrent edits from several accounts', async () => {
    const start = (await f.clients.coordinator.get(url())).body.revision;
    const writers = [f.clients.coordinator, f.clients.person, f.clients.professional, f.clients.guardian, f.clients.relative];
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => writers[i % writers.length].post(url('/tasks'), { title: `Samtidig tiltak ${i}` })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(201));
    const revisions = results.map((r) => r.body.revision as number).sort((x, y) => x - y);
    expect(revisions).toEqual(Array.from({ length: 50 }, (_, i) => start + 1 + i));
    const events = (await f.clients.coordinator.get(url(`/events?since=${start}`))).body.events;
    expect(events.map((e: { revision: number }) => e.revision)).toEqual(revisions);
    const titles = new Set((await f.clients.coordinator.get(url())).body.tasks.map((t: { title: string }) => t.title));
    for (let i = 0; i < 50; i++) expect(titles.has(`Samtidig tiltak ${i}`)).toBe(true);
  });

  it('rejects bad input with 400 and writes nothing', async () => {
    const rev = (await f.clients.coordinator.get(url())).body.revision;
    const cases = [
      await f.clients.coordinator.post(url('/goals'), { title: 'x', color: 'red' }),
      await f.clients.coordinator.post(url('/goals'), { title: 42 }),
      await f.clients.coordinator.post(url('/goals'), { title: 'x'.repeat(301) }),
      await f.clients.coordinator.post(url('/goals'), { title: 'x', lifeArea: 'mars' }),
      await f.clients.coordinator.post(url('/tasks'), { title: 'x', dueDate: '2027-13-45' }),
      await f.clients.coordinator.patch(url(), { whatMatters: 'x' }),
    ];
    for (const res of cases) {
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    }
    expect((await f.clients.coordinator.get(url())).body.revision).toBe(rev);
  });

  it('answers ids from another plan with 404, never data', async () => {
    const other = await createPlanFixture(app, 'En annen plan');
    const goal = await other.clients.coordinator.post(`/api/plans/${other.planId}/goals`, { title: 'Annen plans mål' });
    const res = await f.clients.coordinator.patch(url(`/goals/${goal.body.entityId}`), { baseRevision: 0, title: 'Kapret' });
    expect(res.status).toBe(404);
    const task = await f.clients.coordinator.post(url('/tasks'), { title: 'x', responsibleMemberId: other.memberIds.professional });
    expect(task.status).toBe(404);
    expect((await other.clients.coordinator.get(`/api/plans/${other.planId}`)).body.goals[0].title).toBe('Annen plans mål');
  });

  it('takes access from a relative on the next request when consent is revoked', async () => {
    expect((await f.clients.relative.get(url())).status).toBe(200);
    const revoke = await f.clients.person.post(url(`/consents/${f.consentIds.relative}/revoke`), {});
    expect(revoke.status).toBe(200);
    const after = await f.clients.relative.get(url());
    expect(after.status).toBe(403);
    expect(after.body.code).toBe('consent_required');
    expect((await f.clients.relative.get(url('/events?since=0'))).status).toBe(403);
    // Given again, access returns.
    await f.clients.person.post(url('/consents'), { kind: 'member_access', memberId: f.memberIds.relative });
    expect((await f.clients.relative.get(url())).status).toBe(200);
  });

  it('gives goals and tasks exactly as stored: every field, in order, without the deleted ones', async () => {
    // A plan load has PostgreSQL build these views (PlanViewsJson); this reads the rows on their own.
    const goal = await f.clients.coordinator.post(url('/goals'), {
      title: 'Klare seg selv på skolen',
      description: 'Med «støtte» fra assistent\nog lærer',
      lifeArea: 'skole_arbeid',
      targetDate: '2027-06-19',
    });
    const gone = await f.clients.coordinator.post(url('/goals'), { title: 'Slettes' });
    const task = await f.clients.coordinator.post(url('/tasks'), {
      title: 'Ukentlig samtale',
      goalId: goal.body.entityId,
      how: 'Samtale på rommet – 30 min',
      scope: '1 t/uke',
      responsibleMemberId: f.memberIds.relative,
      startDate: '2027-01-04',
      dueDate: '2027-03-01',
    });
    await f.clients.coordinator.post(url('/tasks'), { title: 'Uten mål og dato' });
    const edited = await f.clients.coordinator.patch(url(`/tasks/${task.body.entityId}`), {
      baseRevision: task.body.revision,
      status: 'in_progress',
    });
    expect(edited.status).toBe(200);
    expect((await f.clients.coordinator.delete(url(`/goals/${gone.body.entityId}`))).status).toBe(200);

    const res = await f.clients.relative.get(url());
    expect(res.status).toBe(200);
    const db = new Client({ connectionString: app.databaseUrl });
    await db.connect();
    try {
      const goals = await db.query(
        `SELECT id, title, description, life_area, status, target_date::text AS target_date, position, field_revisions
           FROM goals WHERE plan_id = $1 AND deleted_at IS NULL ORDER BY position, created_at`,
        [f.planId],
      );
      expect(res.body.goals).toEqual(
        goals.rows.map((g) => ({
          id: g.id,
          title: g.title,
          description: g.description,
          lifeArea: g.life_area,
          status: g.status,
          targetDate: g.target_date,
          position: g.position,
          fieldRevisions: g.field_revisions,
        })),
      );
      const tasks = await db.query(
        `SELECT id, goal_id, title, how, scope, responsible_member_id, start_date::text AS start_date, due_date::text AS due_date,
                status, position, field_revisions
           FROM tasks WHERE plan_id = $1 AND deleted_at IS NULL ORDER BY position, created_at`,
        [f.planId],
      );
      expect(res.body.tasks).toEqual(
        tasks.rows.map((t) => ({
          id: t.id,
          goalId: t.goal_id,
          title: t.title,
          how: t.how,
          scope: t.scope,
          responsibleMemberId: t.responsible_member_id,
          startDate: t.start_date,
          dueDate: t.due_date,
          status: t.status,
          position: t.position,
          fieldRevisions: t.field_revisions,
        })),
      );
    } finally {
      await db.end();
    }
    // The values themselves, as a client reads them.
    expect(res.body.goals.find((g: { id: string }) => g.id === gone.body.entityId)).toBeUndefined();
    expect(res.body.goals.find((g: { id: string }) => g.id === goal.body.entityId)).toMatchObject({
      description: 'Med «støtte» fra assistent\nog lærer',
      targetDate: '2027-06-19',
    });
    const shown = res.body.tasks.find((t: { id: string }) => t.id === task.body.entityId);
    expect(shown).toMatchObject({ goalId: goal.body.entityId, startDate: '2027-01-04', dueDate: '2027-03-01', status: 'in_progress' });
    expect(Object.keys(shown.fieldRevisions)).toContain('status');
    expect(res.body.tasks.find((t: { title: string }) => t.title === 'Uten mål og dato')).toMatchObject({ goalId: null, dueDate: null });
  });

  it('records every read and change in the access log the person can see', async () => {
    await f.clients.professional.get(url());
    const log = await f.clients.person.get(url('/access-log?limit=200'));
    expect(log.status).toBe(200);
    const reads = log.body.items.filter((e: { action: string }) => e.action === 'plan.read');
    expect(reads.some((e: { actor: { name: string } }) => e.actor.name === 'Per Hansen')).toBe(true);
    expect(log.body.items.some((e: { action: string }) => e.action === 'goal.created')).toBe(true);
    expect((await f.clients.relative.get(url('/access-log'))).status).toBe(403);
    const db = new Client({ connectionString: app.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM audit_entries WHERE plan_id = $1 AND action = 'plan.read'`, [
        f.planId,
      ]);
      expect(rows[0].n).toBeGreaterThan(5);
    } finally {
      await db.end();
    }
  });

  it('removes a member at once and keeps the person in their own plan', async () => {
    const del = await f.clients.coordinator.delete(url(`/members/${f.memberIds.professional}`));
    expect(del.status).toBe(200);
    expect((await f.clients.professional.get(url())).status).toBe(404);
    const person = await f.clients.coordinator.delete(url(`/members/${f.memberIds.person}`));
    expect(person.status).toBe(400);
  });

  it('closes a plan read-only and reopens it', async () => {
    expect((await f.clients.relative.post(url('/status'), { status: 'closed' })).status).toBe(403);
    expect((await f.clients.coordinator.post(url('/status'), { status: 'closed' })).status).toBe(201);
    const blocked = await f.clients.coordinator.post(url('/goals'), { title: 'Etter lukking' });
    expect(blocked.status).toBe(409);
    expect((await f.clients.coordinator.post(url('/status'), { status: 'active' })).status).toBe(201);
    expect((await f.clients.coordinator.post(url('/goals'), { title: 'Etter gjenåpning' })).status).toBe(201);
  });
});
