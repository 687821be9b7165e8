/**
 * Presence over the socket: who is in the plan, on how many devices, looking at or editing what;
 * kept alive by heartbeats, gone after PRESENCE_TIMEOUT_MS without one and at once on disconnect.
 */
import type { PresenceParticipant, PresenceState } from '#contracts';
import { emitWithAck, expectOk, useSockets, useTestApp, waitForEvent, type ApiClient, type TestSocket } from '#testing';
import { createPlanFixture, type PlanFixture } from './fixtures/plan-fixture';

const PRESENCE_TIMEOUT_MS = 2500;

describe('realtime: presence', () => {
  const app = useTestApp({ PRESENCE_TIMEOUT_MS: String(PRESENCE_TIMEOUT_MS) });
  let f: PlanFixture;
  const openSocket = useSockets();
  const timers: NodeJS.Timeout[] = [];
  beforeAll(async () => {
    f = await createPlanFixture(app, 'Tilstedeværelse');
  }, 60_000);
  afterEach(() => {
    for (const t of timers.splice(0)) clearInterval(t);
  });

  const open = (client: ApiClient) => openSocket(app.api.url, client.accessToken);
  const join = (socket: TestSocket) => expectOk(socket, 'plan:join', { planId: f.planId, sinceRevision: null });
  const participant = (state: PresenceState, accountId: string): PresenceParticipant | undefined =>
    state.participants.find((p) => p.accountId === accountId);
  const stateWhere = (socket: TestSocket, check: (s: PresenceState) => boolean, timeoutMs = 5000) =>
    waitForEvent(socket, 'presence:state', (s) => s.planId === f.planId && check(s), timeoutMs);

  it('shows who is in the plan, with how many devices each', async () => {
    const coordinatorPhone = await open(f.clients.coordinator);
    const coordinatorLaptop = await open(f.clients.coordinator);
    const person = await open(f.clients.person);
    const seen = stateWhere(
      person,
      (s) => participant(s, f.accountIds.coordinator)?.devices === 2 && participant(s, f.accountIds.person)?.devices === 1,
    );
    await join(coordinatorPhone);
    await join(coordinatorLaptop);
    await join(person);
    const state = await seen;
    expect(participant(state, f.accountIds.coordinator)).toMatchObject({ name: expect.any(String), devices: 2, focus: [] });
    expect(state.participants).toHaveLength(2);
  });

  it("shows each device's focus, and clears it", async () => {
    const editor = await open(f.clients.person);
    const watcher = await open(f.clients.coordinator);
    await join(watcher);
    await join(editor);
    const focus = { entityType: 'plan' as const, entityId: f.planId, field: 'whatMatters', mode: 'editing' as const };
    const withFocus = stateWhere(watcher, (s) => participant(s, f.accountIds.person)?.focus.length === 1);
    await expectOk(editor, 'presence:update', { planId: f.planId, focus });
    expect(participant(await withFocus, f.accountIds.person)!.focus).toEqual([focus]);
    const cleared = stateWhere(watcher, (s) => participant(s, f.accountIds.person)?.focus.length === 0);
    await expectOk(editor, 'presence:update', { planId: f.planId, focus: null });
    await cleared;
  });

  it('forgets a device at once when it disconnects', async () => {
    const leaver = await open(f.clients.relative);
    const watcher = await open(f.clients.coordinator);
    await join(watcher);
    const arrived = stateWhere(watcher, (s) => participant(s, f.accountIds.relative) !== undefined);
    await join(leaver);
    await arrived;
    const gone = stateWhere(watcher, (s) => participant(s, f.accountIds.relative) === undefined);
    const t0 = Date.now();
    leaver.disconnect();
    await gone;
    expect(Date.now() - t0).toBeLessThan(PRESENCE_TIMEOUT_MS / 2);
  });

  it('keeps a device that sends heartbeats, and forgets one that stops after the timeout', async () => {
    const steady = await open(f.clients.guardian);
    const silent = await open(f.clients.professional);
    const watcher = await open(f.clients.coordinator);
    await join(watcher);
    const both = stateWhere(watcher, (s) => Boolean(participant(s, f.accountIds.guardian) && participant(s, f.accountIds.professional)));
    await join(steady);
    await join(silent);
    const joinedAt = Date.now();
    await both;
    timers.push(setInterval(() => void emitWithAck(steady, 'presence:heartbeat', { planId: f.planId }).catch(() => undefined), 300));
    const lapsed = await stateWhere(watcher, (s) => participant(s, f.accountIds.professional) === undefined, PRESENCE_TIMEOUT_MS * 3);
    expect(Date.now() - joinedAt).toBeGreaterThanOrEqual(PRESENCE_TIMEOUT_MS - 100);
    expect(participant(lapsed, f.accountIds.guardian)).toBeDefined();
    // A heartbeat after the lapse makes the device present again.
    const back = stateWhere(watcher, (s) => participant(s, f.accountIds.professional) !== undefined);
    await expectOk(silent, 'presence:heartbeat', { planId: f.planId });
    await back;
  }, 20_000);

  it('refuses presence for a plan the socket has not joined, and a malformed focus', async () => {
    const socket = await open(f.clients.person);
    const heartbeat = await emitWithAck(socket, 'presence:heartbeat', { planId: f.planId });
    expect(heartbeat).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await join(socket);
    const bad = await emitWithAck(socket, 'presence:update', {
      planId: f.planId,
      focus: { entityType: 'spaceship', entityId: f.planId, mode: 'flying' },
    } as never);
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
  });
});
