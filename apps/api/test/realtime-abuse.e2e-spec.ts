/**
 * Bad input and abuse on the socket: unknown events, wrong shapes, payloads over the bound, a
 * flood from one socket. Each gets an error ack or a disconnect with a reason; the process stays
 * up and nothing is written.
 */
import { MAX_SOCKET_PAYLOAD_BYTES } from '#contracts';
import { emitRawWithAck, emitWithAck, expectOk, useSockets, useTestApp, waitForDisconnect, waitForEvent, type ApiClient } from '#testing';
import { createPlanFixture, type PlanFixture } from './fixtures/plan-fixture';

const RATE_PER_SECOND = 2;
const RATE_BURST = 20;

describe('realtime: bad input and abuse', () => {
  const app = useTestApp({ SOCKET_RATE_PER_SECOND: String(RATE_PER_SECOND), SOCKET_RATE_BURST: String(RATE_BURST) });
  let f: PlanFixture;
  let revisionBefore: number;
  const openSocket = useSockets();
  beforeAll(async () => {
    f = await createPlanFixture(app, 'Misbruk');
    revisionBefore = await revisionNow();
  }, 60_000);

  async function revisionNow(): Promise<number> {
    return (await f.clients.coordinator.get(`/api/plans/${f.planId}`)).body.revision;
  }
  const open = (client: ApiClient = f.clients.person) => openSocket(app.api.url, client.accessToken);

  it('answers an unknown event with unknown_event', async () => {
    const socket = await open();
    const res = await emitRawWithAck(socket, 'plan:delete-everything', [{ planId: f.planId }]);
    expect(res).toMatchObject({ ok: false, error: { code: 'unknown_event' } });
    expect(socket.connected).toBe(true);
  });

  it('answers wrong shapes and types with validation_failed', async () => {
    const socket = await open();
    const cases: [string, unknown[]][] = [
      ['plan:join', [{ planId: 5 }]],
      ['plan:join', ['just a string']],
      ['plan:join', [[f.planId]]],
      ['plan:join', [{ planId: f.planId, sinceRevision: -1 }]],
      ['plan:join', [{ planId: f.planId, sinceRevision: '3' }]],
      ['plan:join', [{ planId: f.planId, sinceRevision: 1.5 }]],
      ['plan:join', [{ planId: 'not-a-uuid', sinceRevision: null }]],
      ['plan:join', [{ planId: f.planId, admin: true }]],
      ['plan:join', [{ planId: f.planId, sinceRevision: null, admin: true }]],
      ['plan:join', [{ planId: f.planId }, { another: 'argument' }]],
      ['plan:events', [{ planId: f.planId, afterRevision: 1.5 }]],
      ['plan:command', [null]],
      ['plan:command', [JSON.parse(`{"type":"goal.create","planId":"${f.planId}","goal":{"title":"x","__proto__":{"polluted":true}}}`)]],
      ['presence:heartbeat', [{}]],
    ];
    for (const [event, args] of cases) {
      const res = await emitRawWithAck(socket, event, args);
      expect({ event, args, res }).toMatchObject({ res: { ok: false, error: { code: 'validation_failed' } } });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('does nothing for an event sent without an ack', async () => {
    const socket = await open();
    const raw = socket as unknown as { emit(event: string, ...args: unknown[]): void };
    raw.emit('plan:command', { type: 'goal.create', planId: f.planId, goal: { title: 'Uten svar' } });
    // The next event with an ack is answered: the one without was read and dropped.
    await expectOk(socket, 'plan:join', { planId: f.planId, sinceRevision: null });
  });

  it(`answers a payload over ${MAX_SOCKET_PAYLOAD_BYTES} bytes with payload_too_large, and writes nothing`, async () => {
    const socket = await open();
    const res = await emitWithAck(socket, 'plan:command', {
      type: 'plan.update',
      planId: f.planId,
      baseRevision: 0,
      patch: { whatMatters: 'x'.repeat(MAX_SOCKET_PAYLOAD_BYTES + 1) },
    });
    expect(res).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
    expect(socket.connected).toBe(true);
  });

  it('closes the connection on a frame far over the bound', async () => {
    const socket = await open();
    const closed = waitForDisconnect(socket);
    (socket as unknown as { emit(event: string, ...args: unknown[]): void }).emit(
      'plan:command',
      { type: 'plan.update', planId: f.planId, baseRevision: 0, patch: { whatMatters: 'x'.repeat(MAX_SOCKET_PAYLOAD_BYTES * 8) } },
      () => undefined,
    );
    expect(await closed).toMatch(/transport (close|error)/);
  });

  it('rate-limits a socket that sends too fast, and the others are not affected', async () => {
    const socket = await open();
    const other = await open(f.clients.coordinator);
    await expectOk(socket, 'plan:join', { planId: f.planId, sinceRevision: null });
    const answers = await Promise.all(
      Array.from({ length: RATE_BURST + 10 }, () => emitWithAck(socket, 'presence:heartbeat', { planId: f.planId })),
    );
    const codes = answers.map((a) => (a.ok ? 'ok' : a.error.code));
    expect(codes.filter((c) => c !== 'ok' && c !== 'rate_limited')).toEqual([]);
    // The join took one token; the burst's other tokens (and a few refilled) went to heartbeats.
    expect(codes.filter((c) => c === 'ok').length).toBeGreaterThanOrEqual(RATE_BURST - 1);
    expect(codes.filter((c) => c === 'rate_limited').length).toBeGreaterThanOrEqual(5);
    await expectOk(other, 'plan:join', { planId: f.planId, sinceRevision: null });
    expect(socket.connected).toBe(true);
  });

  it('disconnects a socket that keeps flooding, saying why', async () => {
    const socket = await open();
    const notice = waitForEvent(socket, 'connection:closing');
    const closed = waitForDisconnect(socket);
    const raw = socket as unknown as { emit(event: string, ...args: unknown[]): void };
    for (let i = 0; i < RATE_BURST * 4; i++)
      raw.emit('plan:command', { type: 'goal.create', planId: f.planId, goal: { title: '' } }, () => undefined);
    expect(await notice).toMatchObject({ code: 'rate_limited' });
    expect(await closed).toBe('io server disconnect');
  });

  it('after all of it the api is up, serves new sockets, and nothing was written', async () => {
    expect((await app.client.get('/health')).status).toBe(200);
    await expectOk(await open(), 'plan:join', { planId: f.planId, sinceRevision: null });
    expect(await revisionNow()).toBe(revisionBefore);
  });
});
