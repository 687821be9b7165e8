/**
 * Shared text for meeting agenda items and for the journal note being written (issue 15), with
 * real socket.io clients and real Yjs documents against the built api. An agenda item is
 * authorized exactly as the meeting's write and settles into the item's title through the
 * meeting's write path; removing it while someone types refuses further updates (not_found). The
 * journal draft is one per plan: several people write it at once, it settles into the draft, and
 * posting it makes one ordinary journal entry with the merged text and empties the draft.
 */
import { fc } from '@fast-check/jest';
import { Client } from 'pg';
import * as Y from 'yjs';
import type { AgendaItem, SharedTextRef } from '#contracts';
import { emitWithAck, expectOk, useSockets, useTestApp, waitForEvent, type TestSocket } from '#testing';
import { SharedTextSync, type SharedTextSocket } from '../../../libs/contracts/src/shared-text-sync';
import { createPlanFixture, type PlanFixture } from './fixtures/plan-fixture';
import { typeInto, until } from './support/shared-text';

/** An update on top of `sync`'s document that inserts `text` (sent by hand, around the sync class). */
function insertUpdate(sync: SharedTextSync, text: string): string {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(sync.doc));
  const sv = Y.encodeStateVector(doc);
  doc.getText('text').insert(0, text);
  return Buffer.from(Y.encodeStateAsUpdate(doc, sv)).toString('base64');
}

describe('realtime: shared text in agenda items and the journal draft', () => {
  const app = useTestApp({ SHARED_TEXT_SWEEP_MS: '500' });
  const openSocket = useSockets();
  let f: PlanFixture;
  let meetingId: string;
  let db: Client;

  beforeAll(async () => {
    f = await createPlanFixture(app, 'Felles saksliste');
    const meeting = await f.clients.coordinator.post(`/api/plans/${f.planId}/meetings`, {
      startsAt: '2030-03-03T09:00:00+01:00',
      agenda: [{ title: 'Skole' }, { title: 'Fritid' }, { title: 'Bolig' }],
    });
    expect(meeting.status).toBe(201);
    meetingId = meeting.body.entityId;
    db = new Client({ connectionString: app.databaseUrl });
    db.on('error', () => undefined);
    await db.connect();
  }, 90_000);
  afterAll(async () => {
    await db?.end();
  });

  const getMeeting = async () => (await f.clients.coordinator.get(`/api/plans/${f.planId}/meetings/${meetingId}`)).body;
  const agenda = async () => (await getMeeting()).agenda as AgendaItem[];
  const item = (id: string): SharedTextRef => ({ planId: f.planId, entityType: 'agenda_item', entityId: id, field: 'title' });
  const draft = (): SharedTextRef => ({ planId: f.planId, entityType: 'journal_draft', entityId: f.planId, field: 'body' });
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
  const draftOverRest = async () => (await f.clients.coordinator.get(`/api/plans/${f.planId}/journal/draft`)).body.body as string;

  it('keeps every character of two people typing into the same agenda item, and settles it into the item through the meeting', async () => {
    const [first, second] = await agenda();
    const [a, b] = await Promise.all([joined('coordinator'), joined('professional')]);
    const [ea, eb] = [await editor(a, item(first.id)), await editor(b, item(first.id))];
    expect(ea.writable && eb.writable).toBe(true);
    expect(ea.text.toString()).toBe('Skole');
    const before = (await f.clients.coordinator.get(`/api/plans/${f.planId}`)).body.revision as number;
    const mine = ' og leksehjelp';
    const theirs = ' OG SFO';
    await Promise.all([typeInto(ea, mine, 15), typeInto(eb, theirs, 15)]);
    await until('both editors to hold the same text', () => !ea.unsaved && !eb.unsaved && ea.text.toString() === eb.text.toString());
    const text = ea.text.toString();
    expect(text.length).toBe('Skole'.length + mine.length + theirs.length);
    expect([...text.slice(5)].filter((c) => /[a-zæøå]/.test(c)).join('')).toBe(mine.replaceAll(' ', ''));
    expect([...text].filter((c) => /[A-ZÆØÅ]/.test(c) && c !== 'S').join('')).toBe('OGFO');
    ea.settle();
    await until('the item over REST to equal the editors', async () => (await agenda())[0].title === text);
    const now = await agenda();
    // The rest of the agenda is as it was: the same items, in order, the second untouched.
    expect(now.map((i) => i.id)).toEqual([first.id, second.id, now[2].id]);
    expect(now[1]).toEqual(second);
    const events = await f.clients.coordinator.get(`/api/plans/${f.planId}/events?since=${before}`);
    const settles = (
      events.body.events as { entityType: string; entityId: string; patch: Record<string, unknown>; clientMutationId: string }[]
    ).filter((e) => e.entityType === 'meeting' && e.entityId === meetingId && 'agenda' in e.patch);
    expect(settles.length).toBeGreaterThanOrEqual(1);
    expect(settles.length).toBeLessThanOrEqual(4);
    expect(settles.every((e) => e.clientMutationId.startsWith('yjs:'))).toBe(true);
    ea.close();
    eb.close();
  }, 60_000);

  it('shows an agenda written over REST in the open item editor', async () => {
    const items = await agenda();
    const a = await joined('coordinator');
    const ea = await editor(a, item(items[1].id));
    const revision = (await f.clients.coordinator.get(`/api/plans/${f.planId}`)).body.revision as number;
    const res = await f.clients.coordinator.patch(`/api/plans/${f.planId}/meetings/${meetingId}`, {
      baseRevision: revision,
      agenda: items.map((i, n) => (n === 1 ? { ...i, title: 'Fritid og venner' } : i)),
    });
    expect(res.status).toBe(200);
    await until('the editor to show the REST write', () => ea.text.toString() === 'Fritid og venner');
    ea.close();
  }, 60_000);

  it('never writes a blank agenda item: an emptied text keeps its last words until new ones settle', async () => {
    const items = await agenda();
    const a = await joined('coordinator');
    const ea = await editor(a, item(items[1].id));
    const before = ea.text.toString();
    expect(before.length).toBeGreaterThan(0);
    ea.text.delete(0, ea.text.length);
    await until('stored', () => !ea.unsaved);
    ea.settle();
    await new Promise((r) => setTimeout(r, 1200));
    expect((await agenda())[1].title).toBe(before);
    ea.text.insert(0, 'Venner');
    await until('stored', () => !ea.unsaved);
    ea.settle();
    await until('the new words to settle', async () => (await agenda())[1].title === 'Venner');
    ea.close();
  }, 60_000);

  it('refuses a non-member, a role that may not write the meeting, and hostile updates; nothing is stored and the node keeps serving', async () => {
    const [first] = await agenda();
    const rows = await storedRows();
    const outsider = await openSocket(app.api.url, f.clients.outsider.accessToken);
    const sync = Buffer.from([0, 1, 0]).toString('base64');
    expect(await emitWithAck(outsider, 'text:open', { ...item(first.id), sync })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    // A relative reads the agenda but may not write the meeting.
    const relative = await joined('relative');
    const er = await editor(relative, item(first.id));
    expect(er.writable).toBe(false);
    expect(await emitWithAck(relative, 'text:update', { ...item(first.id), update: insertUpdate(er, 'ikke lov') })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    er.close();
    // An item id that is no agenda item of this plan.
    const a = await joined('coordinator');
    expect(await emitWithAck(a, 'text:open', { ...item('00000000-0000-4000-8000-000000000000'), sync })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    const ea = await editor(a, item(first.id));
    // Longer than a title may be.
    expect(await emitWithAck(a, 'text:update', { ...item(first.id), update: insertUpdate(ea, 'x'.repeat(400)) })).toMatchObject({
      ok: false,
      error: { code: 'validation_failed' },
    });
    expect(await emitWithAck(a, 'text:update', { ...item(first.id), update: Buffer.alloc(40 * 1024, 3).toString('base64') })).toMatchObject(
      {
        ok: false,
        error: { code: 'payload_too_large' },
      },
    );
    // Arbitrary bytes: each one an error ack, never a 500 and never a stored row.
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 200 }), async (bytes) => {
        const ack = await emitWithAck(a, 'text:update', { ...item(first.id), update: Buffer.from(bytes).toString('base64') });
        if (ack.ok) return (ack as { ok: true; stored?: boolean }).stored === false; // a valid no-op update is possible
        return ack.error.code === 'validation_failed';
      }),
      { numRuns: 40 },
    );
    expect(await storedRows()).toBe(rows);
    ea.text.insert(ea.text.length, '!');
    await until('a real edit to be stored', () => !ea.unsaved);
    expect(await storedRows()).toBe(rows + 1);
    ea.close();
  }, 90_000);

  it('refuses further updates cleanly (not_found) when the item is removed while someone types in it', async () => {
    const items = await agenda();
    const target = items[2];
    const a = await joined('professional');
    const ea = await editor(a, item(target.id));
    await typeInto(ea, ' og flytting', 10);
    await until('stored', () => !ea.unsaved);
    const revision = (await f.clients.coordinator.get(`/api/plans/${f.planId}`)).body.revision as number;
    const res = await f.clients.coordinator.patch(`/api/plans/${f.planId}/meetings/${meetingId}`, {
      baseRevision: revision,
      agenda: items.filter((i) => i.id !== target.id),
    });
    expect(res.status).toBe(200);
    const itemRows = async () =>
      Number(
        (
          await db.query(`SELECT count(*) AS n FROM shared_text_updates WHERE plan_id = $1 AND doc_key = $2`, [
            f.planId,
            `agenda_item:${target.id}:title`,
          ])
        ).rows[0].n,
      );
    const rows = await itemRows();
    expect(await emitWithAck(a, 'text:update', { ...item(target.id), update: insertUpdate(ea, 'mer ') })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await itemRows()).toBe(rows);
    // The settle finds no item: the removed item does not come back.
    ea.settle();
    await new Promise((r) => setTimeout(r, 1500));
    expect((await agenda()).map((i) => i.id)).not.toContain(target.id);
    expect((await f.clients.coordinator.get('/health')).status).toBe(200);
    ea.close();
  }, 60_000);

  it('refuses agenda edits once the meeting is closed (meeting_closed)', async () => {
    const created = await f.clients.coordinator.post(`/api/plans/${f.planId}/meetings`, {
      startsAt: '2030-04-03T09:00:00+01:00',
      agenda: [{ title: 'Oppsummering' }],
    });
    expect(created.status).toBe(201);
    const id = created.body.entityId as string;
    const [only] = (await f.clients.coordinator.get(`/api/plans/${f.planId}/meetings/${id}`)).body.agenda as AgendaItem[];
    const a = await joined('coordinator');
    const ea = await editor(a, item(only.id));
    const revision = (await f.clients.coordinator.get(`/api/plans/${f.planId}`)).body.revision as number;
    expect(
      (await f.clients.coordinator.patch(`/api/plans/${f.planId}/meetings/${id}`, { baseRevision: revision, minutes: 'Godkjent referat' }))
        .status,
    ).toBe(200);
    const closed = await f.clients.coordinator.post(`/api/plans/${f.planId}/meetings/${id}/close`, { present: [], minutesApproved: true });
    expect(closed.status).toBe(200);
    expect(await emitWithAck(a, 'text:update', { ...item(only.id), update: insertUpdate(ea, 'etterpå ') })).toMatchObject({
      ok: false,
      error: { code: 'meeting_closed' },
    });
    ea.close();
  }, 60_000);

  it('lets several people write one journal note together, and posting it makes one entry with the merged text and empties the draft', async () => {
    const [a, b] = await Promise.all([joined('coordinator'), joined('relative')]);
    const [ea, eb] = [await editor(a, draft()), await editor(b, draft())];
    expect(ea.writable && eb.writable).toBe(true);
    expect(ea.text.toString()).toBe('');
    const mine = 'aina gikk til butikken ';
    const theirs = 'JONAS VAR MED ';
    await Promise.all([typeInto(ea, mine, 15), typeInto(eb, theirs, 15)]);
    await until('both editors to hold the same text', () => !ea.unsaved && !eb.unsaved && ea.text.toString() === eb.text.toString());
    const text = ea.text.toString();
    expect(text.length).toBe(mine.length + theirs.length);
    ea.settle();
    // Settled through the write path: others (and a reload) see it over REST.
    await until('the draft over REST to equal the editors', async () => (await draftOverRest()) === text);
    // Posting an empty draft is refused; here it is not empty.
    const cmid = `post-${Date.now()}`;
    const posted = await emitWithAck(b, 'text:post', { planId: f.planId, clientMutationId: cmid });
    expect(posted).toMatchObject({ ok: true, body: text.trim() });
    const entryId = (posted as { ok: true; entryId: string }).entryId;
    const entries = (await f.clients.person.get(`/api/plans/${f.planId}/journal?limit=100`)).body.items as {
      id: string;
      body: string;
      author: { name: string };
    }[];
    const entry = entries.find((e) => e.id === entryId);
    expect(entry?.body).toBe(text.trim());
    await until('both editors to be empty', () => ea.text.toString() === '' && eb.text.toString() === '');
    expect(await draftOverRest()).toBe('');
    // A retry with the same id is the same entry, not a second one, and empties nothing again.
    ea.text.insert(0, 'neste notat');
    await until('stored', () => !ea.unsaved);
    const again = await emitWithAck(b, 'text:post', { planId: f.planId, clientMutationId: cmid });
    expect(again).toMatchObject({ ok: true, entryId, replayed: true });
    const after = (await f.clients.person.get(`/api/plans/${f.planId}/journal?limit=100`)).body.items as { body: string }[];
    expect(after.filter((e) => e.body === text.trim()).length).toBe(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(eb.text.toString()).toBe('neste notat');
    ea.close();
    eb.close();
  }, 60_000);

  it('keeps what is typed while the draft is posted in the draft', async () => {
    const a = await joined('coordinator');
    const ea = await editor(a, draft());
    await until('synced', () => !ea.unsaved);
    const b = await joined('professional');
    const eb = await editor(b, draft());
    const [posted] = await Promise.all([
      emitWithAck(a, 'text:post', { planId: f.planId, clientMutationId: `post-${Date.now()}-2` }),
      typeInto(eb, ' underveis', 5),
    ]);
    expect(posted.ok).toBe(true);
    const body = (posted as { ok: true; body: string }).body;
    await until('both editors agree', () => !eb.unsaved && ea.text.toString() === eb.text.toString(), 10_000);
    // Every character is in exactly one place: the entry, or the draft.
    const all = [...'neste notat underveis']
      .filter((c) => c !== ' ')
      .sort()
      .join('');
    const kept = [...(body + ea.text.toString())]
      .filter((c) => c !== ' ')
      .sort()
      .join('');
    expect(kept).toBe(all);
    // Empty the draft for the next test.
    if (ea.text.toString().trim()) {
      expect((await emitWithAck(a, 'text:post', { planId: f.planId, clientMutationId: `post-${Date.now()}-3` })).ok).toBe(true);
    }
    await until('empty', () => ea.text.toString() === '');
    expect(await emitWithAck(a, 'text:post', { planId: f.planId, clientMutationId: `post-${Date.now()}-4` })).toMatchObject({
      ok: false,
      error: { code: 'validation_failed' },
    });
    ea.close();
    eb.close();
  }, 60_000);

  it('refuses a non-member the draft, and stops a member whose consent is revoked at once', async () => {
    const sync = Buffer.from([0, 1, 0]).toString('base64');
    const outsider = await openSocket(app.api.url, f.clients.outsider.accessToken);
    expect(await emitWithAck(outsider, 'text:open', { ...draft(), sync })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await emitWithAck(outsider, 'text:post', { planId: f.planId, clientMutationId: 'x-1' })).toMatchObject({ ok: false });
    expect((await f.clients.outsider.get(`/api/plans/${f.planId}/journal/draft`)).status).toBe(404);

    const professional = await joined('professional');
    const ep = await editor(professional, draft());
    ep.text.insert(0, 'fra fysio');
    await until('stored', () => !ep.unsaved);
    const [first] = await agenda();
    const ei = await editor(professional, item(first.id));
    const revoked = waitForEvent(professional, 'plan:revoked', () => true, 5000);
    expect((await f.clients.person.post(`/api/plans/${f.planId}/consents/${f.consentIds.professional}/revoke`)).status).toBe(200);
    await revoked;
    const rows = await storedRows();
    for (const [ref, sync2] of [
      [draft(), ep],
      [item(first.id), ei],
    ] as const) {
      const ack = await emitWithAck(professional, 'text:update', { ...ref, update: insertUpdate(sync2, 'etter ') });
      expect(ack.ok).toBe(false);
      expect(['not_found', 'consent_required']).toContain(!ack.ok && ack.error.code);
    }
    const post = await emitWithAck(professional, 'text:post', { planId: f.planId, clientMutationId: 'revoked-1' });
    expect(post.ok).toBe(false);
    expect(await storedRows()).toBe(rows);
    // Without consent they cannot open the texts again either (a fresh connection).
    const fresh = await openSocket(app.api.url, f.clients.professional.accessToken);
    const join = await emitWithAck(fresh, 'plan:join', { planId: f.planId, sinceRevision: null });
    if (join.ok) expect((await emitWithAck(fresh, 'text:open', { ...draft(), sync })).ok).toBe(false);
    ep.close();
    ei.close();
  }, 60_000);
});
