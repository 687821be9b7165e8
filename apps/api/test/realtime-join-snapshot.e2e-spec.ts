/**
 * Joins that arrive together share one snapshot read (PlanRoomsService.snapshot), but each is
 * still authorized at its own time, redacted for its own role and audited on its own: a member
 * removed or a consent revoked between two joins of the same plan is refused on the second, a
 * change between them gives the second a newer snapshot, and every join that returns content is
 * one audit entry. Audit entries that arrive together are written in one insert.
 */
import { Client } from 'pg';
import type { JoinResult } from '#contracts';
import { emitWithAck, expectOk, useSockets, useTestApp, type ApiClient, type TestSocket } from '#testing';
import { createPlanFixture, type PlanFixture } from './fixtures/plan-fixture';

describe('realtime: joins sharing a snapshot', () => {
  const app = useTestApp();
  let f: PlanFixture;
  const openSocket = useSockets();
  beforeAll(async () => {
    f = await createPlanFixture(app, 'Felles øyeblikksbilde');
  }, 60_000);

  const query = async <R>(text: string, values: unknown[] = []): Promise<R[]> => {
    const db = new Client({ connectionString: app.databaseUrl });
    await db.connect();
    try {
      return (await db.query(text, values)).rows as R[];
    } finally {
      await db.end();
    }
  };
  /** The database's clock: entries written from now on are `at` or after it. */
  const dbNow = async () => (await query<{ now: Date }>('SELECT clock_timestamp() AS now'))[0].now;

  const open = (client: ApiClient) => openSocket(app.api.url, client.accessToken);
  const join = (socket: TestSocket): Promise<JoinResult> => expectOk(socket, 'plan:join', { planId: f.planId, sinceRevision: null });
  const reads = (since: Date) =>
    query<{ actor_account_id: string; details: { revision: number }; xmin: string }>(
      `SELECT actor_account_id, details, xmin::text AS xmin FROM audit_entries
        WHERE plan_id = $1 AND action = 'plan.read' AND at >= $2`,
      [f.planId, since],
    );

  it('gives each of many joins at one revision the snapshot its role may read, and audits each join once', async () => {
    const who = ['coordinator', 'relative', 'professional', 'person'] as const;
    const sockets = await Promise.all(who.flatMap((w) => [0, 1, 2].map(async () => ({ who: w, socket: await open(f.clients[w]) }))));
    const since = await dbNow();
    const results = await Promise.all(sockets.map(async ({ who: w, socket }) => ({ who: w, res: await join(socket) })));
    const revision = results[0].res.revision;
    const rows = await reads(since);
    expect(rows).toHaveLength(sockets.length);
    for (const w of who) expect(rows.filter((r) => r.actor_account_id === f.accountIds[w])).toHaveLength(3);
    expect(rows.every((r) => r.details.revision === revision)).toBe(true);
    // Entries that arrived while one was being written went in together: fewer transactions than entries.
    expect(new Set(rows.map((r) => r.xmin)).size).toBeLessThan(rows.length);
    // What REST gives each role (read after counting: REST reads are audited too).
    const rest = Object.fromEntries(
      await Promise.all(who.map(async (w) => [w, (await f.clients[w].get(`/api/plans/${f.planId}`)).body] as const)),
    );
    expect(rest.coordinator.revision).toBe(revision);
    expect(rest.coordinator.consents).toHaveLength(3);
    for (const { who: w, res } of results) {
      expect(res.revision).toBe(revision);
      expect(res.snapshot).toMatchObject({ id: f.planId, revision, myRole: w, myMemberId: f.memberIds[w] });
      // A relative may see the plan but not the consent records: the socket's snapshot is redacted as REST is.
      if (w === 'relative') expect(res.snapshot!.consents).toBeNull();
      expect(res.snapshot!.consents).toEqual(rest[w].consents);
      expect(res.snapshot!.members.map((m) => m.role).sort()).toEqual(['coordinator', 'guardian', 'person', 'professional', 'relative']);
    }
  });

  it('gives a join after a change the newer snapshot, not the one shared before it', async () => {
    const [a, b] = await Promise.all([open(f.clients.coordinator), open(f.clients.professional)]);
    const first = await join(a);
    const edit = await f.clients.coordinator.patch(`/api/plans/${f.planId}`, { baseRevision: 0, resources: 'Ny ressurs' });
    expect(edit.status).toBe(200);
    const second = await join(b);
    expect(second.revision).toBeGreaterThanOrEqual(edit.body.revision);
    expect(second.revision).toBeGreaterThan(first.revision);
    expect(second.snapshot!.resources).toBe('Ny ressurs');
  });

  it('refuses a member removed between two joins of the plan, and leaves them out of the next snapshot', async () => {
    const [guardian1, guardian2, coordinator1, coordinator2] = await Promise.all([
      open(f.clients.guardian),
      open(f.clients.guardian),
      open(f.clients.coordinator),
      open(f.clients.coordinator),
    ]);
    await join(coordinator1);
    const before = await join(guardian1);
    expect(before.snapshot!.myRole).toBe('guardian');
    const removal = await f.clients.person.delete(`/api/plans/${f.planId}/members/${f.memberIds.guardian}`);
    expect(removal.status).toBe(200);
    const since = await dbNow();
    expect(await emitWithAck(guardian2, 'plan:join', { planId: f.planId, sinceRevision: null })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    const after = await join(coordinator2);
    expect(after.revision).toBeGreaterThanOrEqual(removal.body.revision);
    expect(after.snapshot!.members.some((m) => m.id === f.memberIds.guardian)).toBe(false);
    // The refused join read nothing, so it left no read in the log.
    expect((await reads(since)).filter((r) => r.actor_account_id === f.accountIds.guardian)).toEqual([]);
  });

  it('refuses a relative whose consent was revoked between two joins of the plan', async () => {
    const [relative1, relative2, coordinator] = await Promise.all([
      open(f.clients.relative),
      open(f.clients.relative),
      open(f.clients.coordinator),
    ]);
    await join(coordinator);
    await join(relative1);
    const revocation = await f.clients.person.post(`/api/plans/${f.planId}/consents/${f.consentIds.relative}/revoke`);
    expect(revocation.status).toBe(200);
    expect(await emitWithAck(relative2, 'plan:join', { planId: f.planId, sinceRevision: null })).toMatchObject({
      ok: false,
      error: { code: 'consent_required' },
    });
  });
});
