/**
 * PlanListsCache: a large plan's goals and tasks are read from PostgreSQL only when the plan's
 * revision moved. Checked against a second api node on the same database with the cache turned
 * off (PLAN_LISTS_CACHE_ROWS=0): after every change, by any path that changes goals or tasks
 * (field edits without a lock, moves with one, deletion and restore with their cascades, order,
 * new items, an evaluation), both nodes must answer the same plan; and the cached node must
 * have read the lists only when the revision moved (its /metrics).
 */
import fc from 'fast-check';
import { ApiClient, startApiProcess, useSockets, useTestApp, type ApiProcess } from '#testing';
import { createPlanFixture, type PlanFixture } from './fixtures/plan-fixture';

const METRICS_TOKEN = 'scrape-token-for-the-lists-cache-test-0123';

type View = { revision: number; goals: { id: string }[]; tasks: { id: string; goalId: string | null }[] } & Record<string, unknown>;

describe('the goal and task lists of a large plan, cached by revision', () => {
  const app = useTestApp({ METRICS_TOKEN });
  const openSocket = useSockets();
  let uncached: ApiProcess;
  let f: PlanFixture;
  const goals: string[] = [];
  const tasks: string[] = [];
  beforeAll(async () => {
    uncached = await startApiProcess(app.databaseUrl, { PLAN_LISTS_CACHE_ROWS: '0' });
    f = await createPlanFixture(app, 'Den store planen');
    for (let i = 0; i < 12; i++) goals.push((await f.clients.coordinator.post(url('/goals'), { title: `Mål ${i}` })).body.entityId);
    for (let i = 0; i < 30; i++)
      tasks.push((await f.clients.coordinator.post(url('/tasks'), { title: `Tiltak ${i}`, goalId: goals[i % 12] })).body.entityId);
  }, 120_000);
  afterAll(async () => {
    await uncached?.stop();
  });

  const url = (path = '') => `/api/plans/${f.planId}${path}`;
  const there = (client: ApiClient) => new ApiClient(uncached.url, client.accessToken);
  const load = async (client: ApiClient): Promise<View> => {
    const res = await client.get(url());
    expect(res.status).toBe(200);
    return res.body as View;
  };
  const listReads = async (): Promise<{ cache: number; database: number }> => {
    const text = (await app.client.anonymous().get('/metrics', { authorization: `Bearer ${METRICS_TOKEN}` })).body as string;
    const value = (source: string) =>
      Number(new RegExp(`^fellesplan_plan_list_reads_total\\{source="${source}"\\} (\\d+)`, 'm').exec(text)?.[1]);
    return { cache: value('cache'), database: value('database') };
  };

  /** Both nodes answer the same plan, for each of these readers (role decides only consents). */
  async function expectSame(): Promise<View> {
    let last: View | undefined;
    for (const who of ['coordinator', 'professional'] as const) {
      const cached = await load(f.clients[who]);
      expect(cached).toEqual(await load(there(f.clients[who])));
      last = cached;
    }
    return last!;
  }

  it('reads the lists once per revision', async () => {
    const first = await expectSame();
    const before = await listReads();
    await load(f.clients.coordinator);
    await load(f.clients.person);
    const after = await listReads();
    expect(after).toEqual({ cache: before.cache + 2, database: before.database });
    // A change elsewhere in the plan moves the revision: the lists are read again, once.
    await f.clients.coordinator.patch(url(), { baseRevision: first.revision, whatMatters: 'Å gå på skolen hver dag' });
    await load(f.clients.coordinator);
    await load(f.clients.coordinator);
    expect(await listReads()).toEqual({ cache: after.cache + 1, database: after.database + 1 });
  });

  type Op =
    | { kind: 'goalField'; i: number; field: 'title' | 'description' | 'status'; n: number }
    | { kind: 'taskField'; i: number; n: number }
    | { kind: 'moveTask'; i: number; goal: number | null }
    | { kind: 'deleteGoal' | 'restoreGoal'; i: number }
    | { kind: 'deleteTask' | 'restoreTask'; i: number }
    | { kind: 'reorderGoals'; seed: number }
    | { kind: 'newTask'; goal: number }
    | { kind: 'joinSnapshot' };

  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({
      kind: fc.constant('goalField' as const),
      i: fc.nat(11),
      field: fc.constantFrom('title', 'description', 'status'),
      n: fc.nat(99),
    }),
    fc.record({ kind: fc.constant('taskField' as const), i: fc.nat(29), n: fc.nat(99) }),
    fc.record({ kind: fc.constant('moveTask' as const), i: fc.nat(29), goal: fc.option(fc.nat(11)) }),
    fc.record({ kind: fc.constantFrom('deleteGoal' as const, 'restoreGoal' as const), i: fc.nat(11) }),
    fc.record({ kind: fc.constantFrom('deleteTask' as const, 'restoreTask' as const), i: fc.nat(29) }),
    fc.record({ kind: fc.constant('reorderGoals' as const), seed: fc.nat() }),
    fc.record({ kind: fc.constant('newTask' as const), goal: fc.nat(11) }),
    fc.record({ kind: fc.constant('joinSnapshot' as const) }),
  );

  async function apply(o: Op, view: View): Promise<void> {
    const base = { baseRevision: view.revision };
    const c = f.clients.coordinator;
    const status = ['not_started', 'in_progress', 'achieved'];
    switch (o.kind) {
      case 'goalField':
        await c.patch(url(`/goals/${goals[o.i]}`), {
          ...base,
          [o.field]: o.field === 'status' ? status[o.n % 3] : `${o.field} ${o.n}`,
        });
        return;
      case 'taskField':
        await f.clients.professional.patch(url(`/tasks/${tasks[o.i]}`), { ...base, title: `Tiltak ${o.i} endret ${o.n}` });
        return;
      case 'moveTask':
        await c.patch(url(`/tasks/${tasks[o.i]}`), { ...base, goalId: o.goal === null ? null : goals[o.goal] });
        return;
      case 'deleteGoal':
        await c.delete(url(`/goals/${goals[o.i]}`));
        return;
      case 'restoreGoal':
        await c.post(url(`/goals/${goals[o.i]}/restore`), {});
        return;
      case 'deleteTask':
        await c.delete(url(`/tasks/${tasks[o.i % tasks.length]}`));
        return;
      case 'restoreTask':
        await c.post(url(`/tasks/${tasks[o.i % tasks.length]}/restore`), {});
        return;
      case 'reorderGoals': {
        const ids = view.goals.map((g) => g.id);
        const shifted = ids.map((_, k) => ids[(k + o.seed) % ids.length]);
        await c.put(url('/goals/order'), { ids: shifted });
        return;
      }
      case 'newTask':
        tasks.push((await c.post(url('/tasks'), { title: `Nytt tiltak ${tasks.length}`, goalId: goals[o.goal] })).body.entityId);
        return;
      case 'joinSnapshot': {
        // A first join reads the same content (and fills or uses the same cache).
        const socket = await openSocket(app.api.url, f.clients.relative.accessToken!);
        const join = (await socket.emitWithAck('plan:join', { planId: f.planId, sinceRevision: null })) as unknown as {
          ok: boolean;
          snapshot: View;
        };
        expect(join.ok).toBe(true);
        const plain = await load(there(f.clients.relative));
        expect({ goals: join.snapshot.goals, tasks: join.snapshot.tasks, revision: join.snapshot.revision }).toEqual({
          goals: plain.goals,
          tasks: plain.tasks,
          revision: plain.revision,
        });
        socket.disconnect();
        return;
      }
    }
  }

  it('answers as a node without the cache after every kind of change to goals and tasks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 8 }), async (ops) => {
        let view = await expectSame();
        for (const o of ops) {
          // Refused changes (a deleted goal edited, restoring what is not deleted) change nothing: the same holds.
          await apply(o, view);
          view = await expectSame();
        }
      }),
      { numRuns: 12 },
    );
  }, 120_000);

  it('answers as a node without the cache after an evaluation changes goals', async () => {
    const view = await expectSame();
    const live = view.goals.slice(0, 2).map((g) => g.id);
    const res = await f.clients.coordinator.post(url('/evaluations'), {
      participantMemberIds: [f.memberIds.person, f.memberIds.coordinator],
      items: [
        { goalId: live[0], rating: 2, decision: 'reached' },
        { goalId: live[1], rating: 0, decision: 'change', title: 'Nytt mål etter evalueringen' },
      ],
      nextEvaluation: '2031-06-01',
    });
    expect(res.status).toBeLessThan(300);
    const after = await expectSame();
    expect(after.revision).toBeGreaterThan(view.revision);
    expect(after.goals.find((g) => g.id === live[1])).toMatchObject({ title: 'Nytt mål etter evalueringen' });
  });
});
