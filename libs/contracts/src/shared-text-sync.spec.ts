/**
 * SharedTextSync when an update arrives before one it depends on, and the server's first reading
 * lacks that one too (its copy lagged what another node stored): the client reads the document
 * again, later each time, until it has it, not only when the next update comes. The server here
 * is a scripted y-protocols peer behind the socket interface (the real server and sockets are in
 * apps/api/test/realtime-shared-text*.e2e-spec.ts).
 */
import * as Y from 'yjs';
import { fromBase64, toBase64 } from 'lib0/buffer';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as sync from 'y-protocols/sync';
import type { Ack } from './realtime';
import type { SharedTextRef, TextUpdateEvent } from './shared-text';
import { SharedTextSync, type SharedTextSocket } from './shared-text-sync';

const ref: SharedTextRef = { planId: 'p1', entityType: 'meeting', entityId: 'm1', field: 'minutes' };

/** A server holding `doc`; it answers text:open from it and can push updates. */
class ScriptedServer implements SharedTextSocket {
  connected = true;
  opens = 0;
  private readonly listeners = new Map<string, ((...args: never[]) => void)[]>();
  constructor(public doc: Y.Doc) {}

  timeout() {
    return {
      emit: (event: string, payload: unknown, ack: (err: Error | null, res: Ack<object>) => void) => {
        if (event === 'text:open') {
          this.opens++;
          const step1 = decoding.createDecoder(fromBase64((payload as { sync: string }).sync));
          decoding.readVarUint(step1);
          const vector = decoding.readVarUint8Array(step1);
          const answer = encoding.createEncoder();
          sync.writeSyncStep2(answer, this.doc, vector);
          const own = encoding.createEncoder();
          sync.writeSyncStep1(own, this.doc);
          setTimeout(() =>
            ack(null, {
              ok: true,
              sync: toBase64(encoding.toUint8Array(answer)),
              serverSync: toBase64(encoding.toUint8Array(own)),
              writable: true,
            } as Ack<object>),
          );
        } else setTimeout(() => ack(null, { ok: true, stored: true } as Ack<object>));
      },
    };
  }
  on(event: string, listener: (...args: never[]) => void) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }
  off(event: string, listener: (...args: never[]) => void) {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((l) => l !== listener),
    );
  }
  push(update: Uint8Array) {
    const event: TextUpdateEvent = { ...ref, update: toBase64(update), by: { accountId: 'a2', name: 'Per' } };
    for (const l of this.listeners.get('text:update') ?? []) (l as (e: TextUpdateEvent) => void)(event);
  }
}

const until = async (check: () => boolean, timeoutMs = 5_000) => {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('SharedTextSync', () => {
  it('reads the document again, later each time, until an update held back for a missing predecessor applies', async () => {
    // Per types "Hei", then " alle" (it depends on "Hei"). The server this client talks to has
    // neither at first, and only " alle" reaches the client: "Hei" was stored by a node that died.
    const per = new Y.Doc();
    const before = Y.encodeStateVector(per);
    per.getText('text').insert(0, 'Hei');
    const hei = Y.encodeStateAsUpdate(per, before);
    const middle = Y.encodeStateVector(per);
    per.getText('text').insert(3, ' alle');
    const alle = Y.encodeStateAsUpdate(per, middle);

    const server = new ScriptedServer(new Y.Doc());
    const client = new SharedTextSync(ref, server);
    await client.open();
    expect(server.opens).toBe(1);
    server.push(alle);
    expect(client.text.toString()).toBe('');
    // The first reading (after 250 ms) finds nothing new: the server's copy lags as well.
    await until(() => server.opens === 2);
    const second = Date.now();
    await until(() => client.status === 'live');
    expect(client.text.toString()).toBe('');
    // It has "Hei" by the next reading, which comes later than the first did (500 ms).
    Y.applyUpdate(server.doc, hei);
    Y.applyUpdate(server.doc, alle);
    await until(() => server.opens === 3);
    expect(Date.now() - second).toBeGreaterThanOrEqual(400);
    await until(() => client.text.toString() === 'Hei alle');
    // Nothing pending: no more readings.
    await new Promise((r) => setTimeout(r, 700));
    expect(server.opens).toBe(3);
    client.close();
  });
});
