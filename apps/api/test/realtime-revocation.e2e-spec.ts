/**
 * Losing access while connected: removing a member, revoking a member's consent and disabling an
 * account take the sockets out of the plan's room within a second and tell them why; they get no
 * later event of the plan.
 */
import type { RevokedNotice } from '#contracts';
import {
  ConnectRefused,
  PlanEventLog,
  connectSocket,
  emitWithAck,
  expectOk,
  useSockets,
  useTestApp,
  waitForDisconnect,
  waitForEvent,
  type ApiClient,
  type TestSocket,
} from '#testing';
import { createPlanFixture, type PlanFixture } from './fixtures/plan-fixture';

describe('realtime: revocation', () => {
  const app = useTestApp();
  let f: PlanFixture;
  const openSocket = useSockets();
  beforeAll(async () => {
    f = await createPlanFixture(app, 'Tilbaketrekking');
  }, 60_000);

  const open = (client: ApiClient) => openSocket(app.api.url, client.accessToken);
  const join = (socket: TestSocket) => expectOk(socket, 'plan:join', { planId: f.planId, sinceRevision: null });
  const revoked = (socket: TestSocket, planId: string | null) =>
    waitForEvent(socket, 'plan:revoked', (n: RevokedNotice) => n.planId === planId, 1000);

  /** An edit after the revocation reaches a member still in the room, but not the revoked socket. */
  async function expectNoLaterEvents(revokedLog: PlanEventLog, witness: PlanEventLog, afterRevision: number) {
    const res = await f.clients.coordinator.patch(`/api/plans/${f.planId}`, { baseRevision: 0, cooperation: `etter ${afterRevision}` });
    expect(res.status).toBe(200);
    await witness.waitFor(res.body.revision);
    expect(revokedLog.revisions().filter((r) => r > afterRevision)).toEqual([]);
  }

  it('takes a removed member out of the room at once and tells them why', async () => {
    const [guardian, coordinator] = await Promise.all([open(f.clients.guardian), open(f.clients.coordinator)]);
    const guardianLog = new PlanEventLog(guardian, f.planId);
    const witness = new PlanEventLog(coordinator, f.planId);
    await join(guardian);
    await join(coordinator);
    const notice = revoked(guardian, f.planId);
    // A guardian is the person's to remove (docs/permissions.md).
    const removal = await f.clients.person.delete(`/api/plans/${f.planId}/members/${f.memberIds.guardian}`);
    expect(removal.status).toBe(200);
    expect(await notice).toEqual({ planId: f.planId, reason: 'member_removed' });
    await expectNoLaterEvents(guardianLog, witness, removal.body.revision);
    // Joining again is refused like for anyone outside the plan.
    expect(await emitWithAck(guardian, 'plan:join', { planId: f.planId, sinceRevision: null })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(guardian.connected).toBe(true);
  });

  it('takes a relative out when the person revokes their consent, and tells them why', async () => {
    const [relative, coordinator] = await Promise.all([open(f.clients.relative), open(f.clients.coordinator)]);
    const relativeLog = new PlanEventLog(relative, f.planId);
    const witness = new PlanEventLog(coordinator, f.planId);
    await join(relative);
    await join(coordinator);
    const notice = revoked(relative, f.planId);
    const revocation = await f.clients.person.post(`/api/plans/${f.planId}/consents/${f.consentIds.relative}/revoke`);
    expect(revocation.status).toBe(200);
    expect(await notice).toEqual({ planId: f.planId, reason: 'consent_revoked' });
    await expectNoLaterEvents(relativeLog, witness, revocation.body.revision);
    expect(await emitWithAck(relative, 'plan:join', { planId: f.planId, sinceRevision: null })).toMatchObject({
      ok: false,
      error: { code: 'consent_required' },
    });
  });

  it('tells every socket of a disabled account, closes them, and refuses its token from then on', async () => {
    const [phone, laptop, coordinator] = await Promise.all([
      open(f.clients.professional),
      open(f.clients.professional),
      open(f.clients.coordinator),
    ]);
    const phoneLog = new PlanEventLog(phone, f.planId);
    const witness = new PlanEventLog(coordinator, f.planId);
    await join(phone);
    await join(coordinator);
    const notices = Promise.all([revoked(phone, null), revoked(laptop, null)]);
    const closed = Promise.all([waitForDisconnect(phone, 1000), waitForDisconnect(laptop, 1000)]);
    const before = (await f.clients.coordinator.get(`/api/plans/${f.planId}`)).body.revision as number;
    const disable = await f.clients.systemkoordinator.patch(`/api/accounts/${f.accountIds.professional}`, { disabled: true });
    expect(disable.status).toBe(200);
    expect(await notices).toEqual([
      { planId: null, reason: 'account_disabled' },
      { planId: null, reason: 'account_disabled' },
    ]);
    expect(await closed).toEqual(['io server disconnect', 'io server disconnect']);
    await expectNoLaterEvents(phoneLog, witness, before);
    const again = await connectSocket(app.api.url, f.clients.professional.accessToken).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ConnectRefused);
    expect(again).toMatchObject({ code: 'account_disabled' });
  });
});
