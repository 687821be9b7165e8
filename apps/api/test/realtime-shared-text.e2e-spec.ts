/**
 * Shared text over the plan's socket (issue 15): real socket.io clients with real Yjs documents
 * against the built api. Two writers typing into the same minutes at once both keep every
 * character; the text reaches the field (REST) through the write path when typing settles, as a
 * few revisions, not one per keystroke; a writer that was away merges on return; what is not
 * allowed (non-member, no consent, a role that may not write, oversized or malformed updates) is
 * refused with an error ack, nothing is stored and the node keeps serving.
 */
import { Client } from 'pg';
import * as Y from 'yjs';
import { sharedTextKey, type SharedTextRef, type TextUpdateEvent } from '#contracts';
import { connectSocket, emitWithAck, expectOk, useSockets, useTestApp, waitForEvent, type TestSocket } from '#testing';
import { SharedTextSync, type SharedTextSocket } from '../../../libs/contracts/src/shared-text-sync';
import { createPlanFixture, type PlanFixture } from './fixtures/plan-fixture';
import { typeInto, until } from './support/shared-text';

describe('realtime: shared text', () => {
  const app = useTestApp({ SHARED_TEXT_SWEEP_MS: '500', SHARED_TEXT_COMPACT_ROWS: '20' });
  const openSocket = useSockets();
  let f: PlanFixture;
  let meetingId: string;
  let taskId: string;
  let db: Client;

  beforeAll(async () => {
    f = await createPlanFixture(app, 'Felles referat');
    const meeting = await f.clients.coordinator.post(`/api/plans/${f.planId}/meetings`, { startsAt: '2030-03-03T09:00:00+01:00' });
    expect(meeting.status).toBe(201);
    meetingId = meeting.body.entityId;
    const task = await f.clients.coordinator.post(`/api/plans/${f.planId}/tasks`, { title: 'Følge til trening' });
    expect(task.status).toBe(201);
    taskId = task.body.entityId;
    db = new Client({ connectionString: app.databaseUrl });
    db.on('error', () => undefined); // the test database is dropped after the file
    await db.connect();
  }, 90_000);
  afterAll(async () => {
    await db?.end();
  });

  const minutes = (): SharedTextRef => ({ planId: f.planId, entityType: 'meeting', entityId: meetingId, field: 'minutes' });
  const storedRows = async () =>
    Number((await db.query(`SELECT count(*) AS n FROM shared_text_updates WHERE plan_id = $1`, [f.planId])).rows[0].n);
  const joined = async (who: keyof PlanFixture['clients']) => {
    const socket = await openSocket(app.api.url, f.clients[who].accessToken);
    await expectOk(socket, 'plan:join', { planId: f.planId, sinceRevision: null });
    return socket;
  };
  const editor = async (socket: TestSocket, ref: SharedTextRef) => {
    const sync = new SharedTextSync(ref, socket as unknown as SharedTextSocket, { sendIntervalMs: 30 });
    await sync.open();
    return sync;
  };
  const minutesOverRest = async () =>
    (await f.clients.coordinator.get(`/api/plans/${f.planId}/meetings/${meetingId}`)).body.minutes as string;

  it('keeps every character of two people typing into the same minutes at once, and settles it into the field', async () => {
    const [a, b] = await Promise.all([joined('coordinator'), joined('professional')]);
    const [ea, eb] = [await editor(a, minutes()), await editor(b, minutes())];
    expect(ea.writable && eb.writable).toBe(true);
    const before = (await f.clients.coordinator.get(`/api/plans/${f.planId}`)).body.revision as number;
    const mine = 'aina skriver referat fra motet ';
    const theirs = 'KARI NOTERER TILTAK OG ANSVAR ';
    await Promise.all([typeInto(ea, mine, 15), typeInto(eb, theirs, 15)]);
    await until('both editors to hold the same text', () => !ea.unsaved && !eb.unsaved && ea.text.toString() === eb.text.toString());
    const text = ea.text.toString();
    expect(text.length).toBe(mine.length + theirs.length);
    // Each writer's characters, in that writer's order.
    expect([...text].filter((c) => /[a-z ]/.test(c) && c !== ' ').join('')).toBe(mine.replaceAll(' ', ''));
    expect([...text].filter((c) => /[A-Z]/.test(c)).join('')).toBe(theirs.replaceAll(' ', ''));
    ea.settle();
    await until('the minutes over REST to equal the editors', async () => (await minutesOverRest()) === text);
    const after = (await f.clients.coordinator.get(`/api/plans/${f.planId}`)).body.revision as number;
    // Settled in a few revisions (blur, idle, every 5 s), never one per keystroke.
    expect(after - before).toBeGreaterThanOrEqual(1);
    expect(after - before).toBeLessThanOrEqual(6);
    const events = await f.clients.coordinator.get(`/api/plans/${f.planId}/events?since=${before}`);
    const settles = (events.body.events as { entityId: string; patch: Record<string, unknown>; clientMutationId: string }[]).filter(
      (e) => e.entityId === meetingId && 'minutes' in e.patch,
    );
    expect(settles.length).toBe(after - before);
    expect(settles.every((e) => e.clientMutationId.startsWith('yjs:'))).toBe(true);
    ea.close();
    eb.close();
  }, 60_000);

  it('merges what a writer typed while away when it comes back, whichever way it reconnects', async () => {
    const a = await joined('coordinator');
    const ea = await editor(a, minutes());
    let b = await joined('professional');
    const offline = await editor(b, minutes());
    // Join and sync of a second editor: up to 30 s on a busy machine (CI once needed more than 15 s).
    await until('the second editor to have the text', () => offline.text.toString() === ea.text.toString(), 30_000);
    b.disconnect();
    await until('the second editor to see it is offline', () => offline.status === 'offline');
    offline.text.insert(0, 'BORTE ');
    ea.text.insert(ea.text.length, ' imens');
    await until('the first writer to be stored', () => !ea.unsaved);
    // Back on a new connection: join the plan, then the same document opens again and syncs both ways.
    b = await connectSocket(app.api.url, f.clients.professional.accessToken);
    try {
      await expectOk(b, 'plan:join', { planId: f.planId, sinceRevision: null });
      const back = new SharedTextSync(minutes(), b as unknown as SharedTextSocket, { sendIntervalMs: 30 });
      Y.applyUpdate(back.doc, Y.encodeStateAsUpdate(offline.doc)); // the same browser's document, kept while away
      await back.open();
      await until('both texts to merge', () => !back.unsaved && back.text.toString() === ea.text.toString());
      expect(ea.text.toString()).toMatch(/^BORTE .* imens$/);
      back.close();
    } finally {
      b.close();
    }
    ea.close();
  }, 60_000);

  it('shows a write made over REST in the open editors instead of overwriting it', async () => {
    const a = await joined('professional');
    const ea = await editor(a, minutes());
    // The earlier tests' typing settled into the field first (else that settle, written after the
    // revision read here, rightly makes the REST write below a conflict).
    await until('the field to hold the document', async () => (await minutesOverRest()) === ea.text.toString());
    const revision = (await f.clients.coordinator.get(`/api/plans/${f.planId}`)).body.revision as number;
    const res = await f.clients.coordinator.patch(`/api/plans/${f.planId}/meetings/${meetingId}`, {
      baseRevision: revision,
      minutes: 'Skrevet på nytt over REST',
    });
    expect(res.status).toBe(200);
    await until('the editor to show the REST write', () => ea.text.toString() === 'Skrevet på nytt over REST');
    ea.text.insert(0, '> ');
    ea.settle();
    await until('the field to hold the merged text', async () => (await minutesOverRest()) === '> Skrevet på nytt over REST');
    ea.close();
  }, 60_000);

  it('keeps a REST write committed while a settle of the same text waits to write (merged, never overwritten)', async () => {
    const meeting = await f.clients.coordinator.post(`/api/plans/${f.planId}/meetings`, { startsAt: '2030-05-05T09:00:00+02:00' });
    const ref: SharedTextRef = { planId: f.planId, entityType: 'meeting', entityId: meeting.body.entityId, field: 'minutes' };
    const ea = await editor(await joined('professional'), ref);
    const overRest = async () => (await f.clients.coordinator.get(`/api/plans/${f.planId}/meetings/${ref.entityId}`)).body.minutes;
    ea.text.insert(0, 'Skrevet i møtet');
    await until('it to be stored', () => !ea.unsaved);
    ea.settle();
    await until('the field to hold it', async () => (await overRest()) === 'Skrevet i møtet');
    ea.text.insert(ea.text.length, ' og mer');
    await until('the addition to be stored', () => !ea.unsaved);
    const waiting = async () =>
      Number(
        (
          await db.query(
            `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
          )
        ).rows[0].n,
      );
    const holder = new Client({ connectionString: app.databaseUrl });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM plans WHERE id = $1 FOR UPDATE', [f.planId]);
      // Kari corrects the minutes over REST: her write waits for the plan row...
      const revision = (await db.query(`SELECT revision FROM plans WHERE id = $1`, [f.planId])).rows[0].revision as number;
      const rest = f.clients.coordinator.patch(`/api/plans/${f.planId}/meetings/${ref.entityId}`, {
        baseRevision: revision,
        minutes: 'Rettet over REST',
      });
      await until('the REST write to wait for the plan row', async () => (await waiting()) >= 1);
      // ...and the settle reads the field (not yet hers) and waits behind it to write.
      ea.settle();
      await until('the settle to wait for the plan row too', async () => (await waiting()) >= 2);
      await holder.query('COMMIT');
      expect((await rest).status).toBe(200);
    } finally {
      await holder.end();
    }
    // Her write was not overwritten: it is in the document and stays in the field.
    await until('the editor to show the REST write', () => ea.text.toString() === 'Rettet over REST');
    await new Promise((r) => setTimeout(r, 1000));
    expect(await overRest()).toBe('Rettet over REST');
    ea.close();
  }, 60_000);

  it('keeps the text when it is settled into the field while someone opens it (the field read before is not a write)', async () => {
    const meeting = await f.clients.coordinator.post(`/api/plans/${f.planId}/meetings`, { startsAt: '2030-04-07T09:00:00+02:00' });
    const ref: SharedTextRef = { planId: f.planId, entityType: 'meeting', entityId: meeting.body.entityId, field: 'minutes' };
    const ea = await editor(await joined('coordinator'), ref);
    const text = 'Kari ble enig med skolen om skyss';
    await typeInto(ea, text, 5);
    await until('the text to be stored', () => !ea.unsaved);
    // A second opening reads the (still empty) field, then waits to store the document's seed;
    // meanwhile the text is settled into the field, as a settle does it: the field and then what
    // the document says was written to it. The opening then finds the field neither empty nor
    // what the document says: it must not take the empty field it read for a write to merge in.
    const holder = new Client({ connectionString: app.databaseUrl });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE shared_texts IN EXCLUSIVE MODE');
      const opening = joined('person').then((socket) => editor(socket, ref));
      await until('the opening to wait for its seed', async () => {
        const { rows } = await db.query(
          `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO shared_texts%'`,
        );
        return rows.length > 0;
      });
      await holder.query('UPDATE meetings SET minutes = $2 WHERE id = $1', [ref.entityId, text]);
      await holder.query(`UPDATE shared_texts SET materialized_text = $3, materialized_at = now() WHERE plan_id = $1 AND doc_key = $2`, [
        f.planId,
        sharedTextKey(ref),
        text,
      ]);
      await holder.query('COMMIT');
      const eb = await opening;
      expect(eb.text.toString()).toBe(text);
      const { rows } = await db.query(`SELECT materialized_text FROM shared_texts WHERE plan_id = $1 AND doc_key = $2`, [
        f.planId,
        sharedTextKey(ref),
      ]);
      expect(rows[0].materialized_text).toBe(text);
      ea.text.insert(ea.text.length, '.');
      await until('the other editor to have the full stop', () => eb.text.toString() === `${text}.`);
      expect(ea.text.toString()).toBe(`${text}.`);
      eb.close();
    } finally {
      await holder.end();
    }
    ea.close();
  }, 60_000);
  it('keeps what was typed after a settle whose node died between writing the field and marking it written', async () => {
    const meeting = await f.clients.coordinator.post(`/api/plans/${f.planId}/meetings`, { startsAt: '2030-04-14T09:00:00+02:00' });
    const ref: SharedTextRef = { planId: f.planId, entityType: 'meeting', entityId: meeting.body.entityId, field: 'minutes' };
    const minutesOf = async () =>
      (await f.clients.coordinator.get(`/api/plans/${f.planId}/meetings/${ref.entityId}`)).body.minutes as string;
    const ea = await editor(await joined('coordinator'), ref);
    await typeInto(ea, 'Vi møttes på skolen', 5);
    ea.settle();
    await until('the first settle', async () => (await minutesOf()) === 'Vi møttes på skolen');
    // The document's lock held, as by a settle on another node: that settle writes the field
    // (here: what the document said a moment ago) and dies before it marks it written.
    const settler = new Client({ connectionString: app.databaseUrl });
    await settler.connect();
    const lock = [1764_0017, `${f.planId}/${sharedTextKey(ref)}`];
    try {
      await settler.query('SELECT pg_advisory_lock($1, hashtext($2))', lock);
      await typeInto(ea, ' og avtalte skyss til trening', 5);
      await until('the rest to be stored', () => !ea.unsaved);
      const written = 'Vi møttes på skolen og avtalte skyss';
      await settler.query('UPDATE shared_texts SET settling_text = $3 WHERE plan_id = $1 AND doc_key = $2', [
        f.planId,
        sharedTextKey(ref),
        written,
      ]);
      await settler.query('UPDATE meetings SET minutes = $2 WHERE id = $1', [ref.entityId, written]);
      await settler.query('SELECT pg_advisory_unlock($1, hashtext($2))', lock);
    } finally {
      await settler.end();
    }
    const whole = 'Vi møttes på skolen og avtalte skyss til trening';
    // Someone opens the text, and the next settle runs: the field the dead settle wrote is the
    // document's own text, not a write to merge in (that would delete ' til trening').
    const eb = await editor(await joined('person'), ref);
    expect(eb.text.toString()).toBe(whole);
    ea.settle();
    await until('the field to hold all of it', async () => (await minutesOf()) === whole);
    expect(ea.text.toString()).toBe(whole);
    expect(eb.text.toString()).toBe(whole);
    const { rows } = await db.query(`SELECT materialized_text, settling_text FROM shared_texts WHERE plan_id = $1 AND doc_key = $2`, [
      f.planId,
      sharedTextKey(ref),
    ]);
    expect(rows[0]).toEqual({ materialized_text: whole, settling_text: null });
    eb.close();
    ea.close();
  }, 60_000);

  it('refuses a non-member, a role that may not write, and updates of a text not opened; nothing is stored', async () => {
    const rows = await storedRows();
    const outsider = await openSocket(app.api.url, f.clients.outsider.accessToken);
    const sync = Buffer.from([0, 1, 0]).toString('base64'); // sync step 1 of an empty document
    expect(await emitWithAck(outsider, 'text:open', { ...minutes(), sync })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const update = Buffer.from(Y.encodeStateAsUpdate(new Y.Doc())).toString('base64');
    expect(await emitWithAck(outsider, 'text:update', { ...minutes(), update })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // A relative reads the minutes but may not write them.
    const relative = await joined('relative');
    const er = await editor(relative, minutes());
    expect(er.writable).toBe(false);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(er.doc));
    const sv = Y.encodeStateVector(doc);
    doc.getText('text').insert(0, 'ikke lov');
    const forbidden = Buffer.from(Y.encodeStateAsUpdate(doc, sv)).toString('base64');
    expect(await emitWithAck(relative, 'text:update', { ...minutes(), update: forbidden })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await storedRows()).toBe(rows);
    er.close();
  }, 60_000);

  it('takes the unacknowledged edits of a page going away over HTTP: stored once, passed on, refused as on the socket', async () => {
    const socket = await joined('coordinator');
    const kari = await editor(socket, minutes());
    const per = await editor(await joined('professional'), minutes());
    await until('both to agree', () => kari.text.toString() === per.text.toString());
    const received: TextUpdateEvent[] = [];
    socket.on('text:update', (e: TextUpdateEvent) => received.push(e));
    // Per's page types and goes away before the socket sends it: what it holds unstored goes over HTTP.
    const away = new Y.Doc();
    Y.applyUpdate(away, Y.encodeStateAsUpdate(per.doc));
    const sv = Y.encodeStateVector(away);
    away.getText('text').insert(0, 'Skrevet rett før fanen ble lukket. ');
    const update = Buffer.from(Y.encodeStateAsUpdate(away, sv)).toString('base64');
    per.close();
    const route = `/api/plans/${f.planId}/shared-text/updates`;
    const body = { entityType: 'meeting', entityId: meetingId, field: 'minutes', update };
    const rows = await storedRows();
    const first = await f.clients.professional.post(route, body);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ stored: true });
    expect(await storedRows()).toBe(rows + 1);
    await until('Kari to have it', () => kari.text.toString().startsWith('Skrevet rett før fanen ble lukket. '));
    expect(received.length).toBeGreaterThanOrEqual(1);
    // The socket's copy arriving too (or the request retried) is nothing to do.
    const again = await f.clients.professional.post(route, body);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ stored: false });
    expect(await storedRows()).toBe(rows + 1);
    // The field holds it once typing settles.
    await until('the field to hold it', async () => (await minutesOverRest()).startsWith('Skrevet rett før fanen ble lukket. '));
    // Refused as on the socket: a non-member, a role that may not write, not shared text, not an update.
    expect((await f.clients.outsider.post(route, body)).status).toBe(404);
    expect((await f.clients.relative.post(route, body)).status).toBe(403);
    expect((await f.clients.professional.post(route, { ...body, field: 'title' })).status).toBe(400);
    expect((await f.clients.professional.post(route, { ...body, update: Buffer.from('ikke yjs').toString('base64') })).status).toBe(400);
    expect((await f.clients.professional.post(route, { ...body, extra: 1 })).status).toBe(400);
    expect(await storedRows()).toBe(rows + 1);
    kari.close();
  }, 60_000);

  it('refuses oversized and malformed updates with an error ack, stores nothing, and keeps serving', async () => {
    const a = await joined('coordinator');
    const ea = await editor(a, minutes());
    const rows = await storedRows();
    const big = Buffer.alloc(40 * 1024, 7).toString('base64');
    expect(await emitWithAck(a, 'text:update', { ...minutes(), update: big })).toMatchObject({
      ok: false,
      error: { code: 'payload_too_large' },
    });
    const garbage = Buffer.from([200, 1, 2, 3, 250, 250, 250]).toString('base64');
    expect(await emitWithAck(a, 'text:update', { ...minutes(), update: garbage })).toMatchObject({
      ok: false,
      error: { code: 'validation_failed' },
    });
    const map = new Y.Doc();
    map.getMap('ikke-tekst').set('x', 1);
    const otherType = Buffer.from(Y.encodeStateAsUpdate(map)).toString('base64');
    expect(await emitWithAck(a, 'text:update', { ...minutes(), update: otherType })).toMatchObject({
      ok: false,
      error: { code: 'validation_failed' },
    });
    const tooLong = new Y.Doc();
    Y.applyUpdate(tooLong, Y.encodeStateAsUpdate(ea.doc));
    const sv = Y.encodeStateVector(tooLong);
    tooLong.getText('text').insert(0, 'x'.repeat(30_000));
    tooLong.getText('text').insert(0, 'y'.repeat(25_000));
    const long = Buffer.from(Y.encodeStateAsUpdate(tooLong, sv));
    expect(long.length).toBeLessThan(64 * 1024);
    expect(await emitWithAck(a, 'text:update', { ...minutes(), update: long.toString('base64') })).toMatchObject({
      ok: false,
      error: { code: expect.stringMatching(/validation_failed|payload_too_large/) },
    });
    expect(await emitWithAck(a, 'text:update', { ...minutes(), field: 'title', update: garbage })).toMatchObject({
      ok: false,
      error: { code: 'validation_failed' },
    });
    expect(await storedRows()).toBe(rows);
    // Still alive: the same socket's next real edit is stored and acknowledged.
    ea.text.insert(0, 'fortsatt her ');
    await until('the edit to be stored', () => !ea.unsaved);
    expect(await storedRows()).toBe(rows + 1);
    ea.close();
  }, 60_000);

  it('stops a member whose consent is revoked at once', async () => {
    const ref: SharedTextRef = { planId: f.planId, entityType: 'task', entityId: taskId, field: 'how' };
    const relative = await joined('relative');
    const er = await editor(relative, ref);
    expect(er.writable).toBe(true);
    er.text.insert(0, 'Kjører til trening');
    await until('the edit to be stored', () => !er.unsaved);
    er.settle();
    const howOverRest = async () => {
      const plan = await f.clients.coordinator.get(`/api/plans/${f.planId}`);
      return (plan.body.tasks as { id: string; how: string }[]).find((t) => t.id === taskId)?.how;
    };
    await until('the edit to reach the field', async () => (await howOverRest()) === 'Kjører til trening');
    const revoked = waitForEvent(relative, 'plan:revoked', () => true, 5000);
    const res = await f.clients.person.post(`/api/plans/${f.planId}/consents/${f.consentIds.relative}/revoke`);
    expect(res.status).toBe(200);
    await revoked;
    const rows = await storedRows();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(er.doc));
    const sv = Y.encodeStateVector(doc);
    doc.getText('text').insert(0, 'etter ');
    const after = Buffer.from(Y.encodeStateAsUpdate(doc, sv)).toString('base64');
    const ack = await emitWithAck(relative, 'text:update', { ...ref, update: after });
    expect(ack.ok).toBe(false);
    expect(['not_found', 'consent_required']).toContain(!ack.ok && ack.error.code);
    expect(await storedRows()).toBe(rows);
    // And a peer never receives it.
    const coordinator = await joined('coordinator');
    const ec = await editor(coordinator, ref);
    expect(ec.text.toString()).toBe('Kjører til trening');
    const seen: TextUpdateEvent[] = [];
    coordinator.on('text:update', (e) => seen.push(e));
    expect((await emitWithAck(relative, 'text:update', { ...ref, update: after })).ok).toBe(false);
    // The peer's own edit arrives at a third editor, the refused one never did.
    const third = await editor(await joined('coordinator'), ref);
    ec.text.insert(ec.text.length, '.');
    await until('the peer edit to arrive', () => third.text.toString() === 'Kjører til trening.');
    expect(seen).toEqual([]);
    expect(await howOverRest()).not.toContain('etter');
    third.close();
    ec.close();
  }, 60_000);

  it('compacts stored updates into the snapshot once they are in the field', async () => {
    const a = await joined('coordinator');
    const ea = await editor(a, minutes());
    for (let i = 0; i < 25; i++) {
      ea.text.insert(ea.text.length, String(i % 10));
      await until('stored', () => !ea.unsaved);
    }
    ea.settle();
    const text = ea.text.toString();
    await until('the field to hold the text', async () => (await minutesOverRest()) === text);
    await until('the updates to be compacted', async () => {
      const { rows } = await db.query(`SELECT count(*) AS n FROM shared_text_updates WHERE plan_id = $1 AND doc_key = $2`, [
        f.planId,
        `meeting:${meetingId}:minutes`,
      ]);
      return Number(rows[0].n) < 20;
    });
    // A new reader still gets the whole text from the snapshot.
    const b = await joined('professional');
    const eb = await editor(b, minutes());
    expect(eb.text.toString()).toBe(text);
    ea.close();
    eb.close();
  }, 60_000);
});
