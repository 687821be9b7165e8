/**
 * Shared text when a node dies (issue 15), two nodes on Redis: two writers type into the same
 * minutes, one on each node, and the node of one is killed with SIGKILL mid-typing. Every update
 * it acknowledged is in PostgreSQL (a fresh reader on the surviving node gets it), and once the
 * writer is back (on the other node) everything it typed reaches the other writer. The text is
 * written to the field once typing settles, by the surviving node.
 */
import { Redis } from 'ioredis';
import type { SharedTextRef } from '#contracts';
import { expectOk, startApiProcess, useSockets, useTestApp, type ApiProcess, type TestSocket } from '#testing';
import { SharedTextSync, type SharedTextSocket } from '../../../libs/contracts/src/shared-text-sync';
import * as Y from 'yjs';
import { createPlanFixture, type PlanFixture } from './fixtures/plan-fixture';
import { until as untilWithin } from './support/shared-text';

const until = (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000) => untilWithin(what, check, timeoutMs);

describe('shared text when a node dies (redis adapter)', () => {
  const env = {
    REALTIME_ADAPTER: 'redis',
    REALTIME_CHANNEL: `fp-text-loss-${process.pid}-${Date.now().toString(36)}`,
    REALTIME_NODE_HEARTBEAT_MS: '250',
    SHARED_TEXT_SWEEP_MS: '500',
  };
  const app = useTestApp(env);
  const openSocket = useSockets();
  let nodeB: ApiProcess | undefined;
  let f: PlanFixture;
  let ref: SharedTextRef;
  beforeAll(async () => {
    f = await createPlanFixture(app, 'Referat når en node dør');
    const meeting = await f.clients.coordinator.post(`/api/plans/${f.planId}/meetings`, { startsAt: '2030-03-03T09:00:00+01:00' });
    ref = { planId: f.planId, entityType: 'meeting', entityId: meeting.body.entityId, field: 'minutes' };
  }, 90_000);
  afterAll(async () => {
    await nodeB?.stop().catch(() => undefined);
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    await redis.del(env.REALTIME_CHANNEL).finally(() => redis.quit());
  });

  const joined = async (url: string, who: 'coordinator' | 'professional' | 'person') => {
    const socket = await openSocket(url, f.clients[who].accessToken);
    await expectOk(socket, 'plan:join', { planId: f.planId, sinceRevision: null });
    return socket;
  };
  const editor = async (socket: TestSocket, onStored?: (ms: number, edits: number) => void, from?: Y.Doc) => {
    const sync = new SharedTextSync(ref, socket as unknown as SharedTextSocket, { sendIntervalMs: 20, onStored });
    if (from) Y.applyUpdate(sync.doc, Y.encodeStateAsUpdate(from));
    await sync.open();
    return sync;
  };

  it('keeps every acknowledged update of a writer whose node is killed, and merges the rest when it is back', async () => {
    nodeB = await startApiProcess(app.databaseUrl, env);
    const onA = await editor(await joined(app.api.url, 'coordinator'));
    // Per's characters are acknowledged in the order he typed them: count them as the acks come.
    let acked = 0;
    const onB = await editor(await joined(nodeB.url, 'professional'), (_ms, edits) => (acked += edits));
    const perTyped: string[] = [];
    const kariTyped: string[] = [];
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    let killed = false;
    const typePer = (async () => {
      for (let i = 0; i < 120; i++) {
        const ch = letters[i % letters.length];
        onB.text.insert(onB.text.length, ch); // Per writes at the end
        perTyped.push(ch);
        if (i === 60) {
          killed = true;
          void nodeB!.kill('SIGKILL');
        }
        await new Promise((r) => setTimeout(r, 15));
      }
    })();
    const typeKari = (async () => {
      for (let i = 0; i < 120; i++) {
        const ch = 'abcdefghij'[i % 10];
        onA.text.insert(0, ch); // Kari writes at the start
        kariTyped.unshift(ch);
        await new Promise((r) => setTimeout(r, 15));
      }
    })();
    await Promise.all([typePer, typeKari]);
    expect(killed).toBe(true);
    await until('Per to see his node is gone', () => onB.status === 'offline');
    const ackedAtKill = acked;
    expect(ackedAtKill).toBeGreaterThan(0);
    await until("Kari's edits to be stored", () => !onA.unsaved);

    // A fresh reader on the surviving node: every acknowledged character of Per's is there, in order.
    const reader = await editor(await joined(app.api.url, 'person'));
    const upper = (s: string) => [...s].filter((c) => /[A-Z]/.test(c)).join('');
    expect(upper(reader.text.toString()).startsWith(perTyped.slice(0, ackedAtKill).join(''))).toBe(true);
    expect([...reader.text.toString()].filter((c) => /[a-j]/.test(c)).join('')).toBe(kariTyped.join(''));
    reader.close();

    // Per is back, on node A, with the document his device kept: everything he typed reaches Kari.
    const back = await editor(await joined(app.api.url, 'professional'), undefined, onB.doc);
    await until('Kari to have all of Per', () => upper(onA.text.toString()) === perTyped.join(''));
    await until('both to agree', () => !back.unsaved && back.text.toString() === onA.text.toString());
    // And the surviving node writes it to the field once typing settles.
    const text = onA.text.toString();
    onA.settle();
    await until(
      'the field to hold the text',
      async () => (await f.clients.coordinator.get(`/api/plans/${f.planId}/meetings/${ref.entityId}`)).body.minutes === text,
    );
    onA.close();
    back.close();
  }, 120_000);
});
