/**
 * Meetings that end in a plan: the coordinator closes a meeting with its minutes approved and who
 * was present, sets the next meeting in the same step, and every member, the absent too, gets the
 * summary in the app and by e-mail through a real SMTP server; a member without consent in force
 * gets only that it happened. After closing, the meeting is read-only over REST and the socket
 * (409 meeting_closed) until the coordinator reopens it for a correction.
 */
import type { ParsedMail } from 'mailparser';
import { Client } from 'pg';
import { emitWithAck, eventually, expectOk, recipientOf, startSmtp, useSockets, useTestApp, type TestSmtp } from '#testing';
import { createPlanFixture, type PlanFixture } from './fixtures/plan-fixture';

const PUBLIC_URL = 'https://fellesplan.test';

describe('closing a meeting: minutes approved, read-only, the summary to every member', () => {
  let smtp: TestSmtp;
  const env: Record<string, string> = { REMINDER_INTERVAL_SECONDS: '0', PUBLIC_URL, OUTBOX_POLL_MS: '300' };
  // Registered before useTestApp's own beforeAll, so the api starts with SMTP_URL set.
  beforeAll(async () => {
    smtp = await startSmtp();
    env.SMTP_URL = smtp.url;
  });
  afterAll(async () => {
    await smtp.close();
  });
  const app = useTestApp(env);
  const openSocket = useSockets();
  let f: PlanFixture;
  const emails: Record<string, string> = {};

  beforeAll(async () => {
    f = await createPlanFixture(app, 'Møteplan');
    for (const who of ['coordinator', 'person', 'guardian', 'relative', 'professional'] as const)
      emails[who] = (await f.clients[who].get('/api/auth/me')).body.email;
  }, 90_000);

  const url = (path = '') => `/api/plans/${f.planId}${path}`;
  const revision = async () => (await f.clients.coordinator.get(url())).body.revision as number;
  async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
    const db = new Client({ connectionString: app.databaseUrl });
    await db.connect();
    try {
      return (await db.query(text, params)).rows as T[];
    } finally {
      await db.end();
    }
  }
  const newMeeting = async (extra: object = {}) => {
    const res = await f.clients.coordinator.post(url('/meetings'), {
      startsAt: '2026-11-30T09:00:00+01:00',
      location: 'Fjordvik helsestasjon',
      agenda: [{ title: 'Hvordan går det hjemme?' }, { title: 'Skolestart' }],
      ...extra,
    });
    expect(res.status).toBe(201);
    return res.body.entityId as string;
  };
  const withMinutes = async (meetingId: string, minutes = 'Aina fortalte om den første uka på skolen.') => {
    const res = await f.clients.coordinator.patch(url(`/meetings/${meetingId}`), { baseRevision: await revision(), minutes });
    expect(res.status).toBe(200);
  };
  const mailsTo = (address: string, subject: string) =>
    smtp.mails.filter((m) => recipientOf(m) === address.toLowerCase() && m.subject === subject);

  it('closes with the minutes approved and who was present, sets the next meeting, and sends every member the summary', async () => {
    const goal = await f.clients.coordinator.post(url('/goals'), { title: 'Trygg skolevei' });
    const meetingId = await newMeeting();
    const decided = await f.clients.coordinator.post(url(`/meetings/${meetingId}/decisions`), {
      text: 'Skolen søker om skoleskyss',
      task: { title: 'Søke om skoleskyss', responsibleMemberId: f.memberIds.relative, dueDate: '2027-01-15', goalId: goal.body.entityId },
    });
    expect(decided.status).toBe(201);
    // The decision's task is linked to the goal picked in the meeting.
    expect(decided.body.entity.task).toMatchObject({ goalId: goal.body.entityId });
    await withMinutes(meetingId);
    // What was not reached carries over to the next meeting.
    const agenda = (await f.clients.coordinator.get(url(`/meetings/${meetingId}`))).body.agenda;
    await f.clients.coordinator.patch(url(`/meetings/${meetingId}`), {
      baseRevision: await revision(),
      agenda: [{ ...agenda[0], done: true }, agenda[1]],
    });
    // The person takes back her consent for the relative: he is told only that the meeting closed.
    expect((await f.clients.person.post(url(`/consents/${f.consentIds.relative}/revoke`), {})).status).toBeLessThan(300);

    const before = await revision();
    const res = await f.clients.coordinator.post(url(`/meetings/${meetingId}/close`), {
      present: [f.memberIds.person, f.memberIds.coordinator, f.memberIds.professional],
      minutesApproved: true,
      nextMeeting: { startsAt: '2027-01-20T09:00:00+01:00', location: 'Fjordvik skole, møterom 1' },
    });
    expect(res.status).toBe(200);
    expect(res.body.revision).toBe(before + 1);
    const { meeting, nextMeeting } = res.body.entity;
    expect(meeting).toMatchObject({
      status: 'held',
      closedAt: expect.any(String),
      closedBy: { accountId: f.accountIds.coordinator, name: 'Kari Nilsen' },
      nextMeetingId: nextMeeting.id,
    });
    expect([...meeting.attendees].sort()).toEqual([f.memberIds.person, f.memberIds.coordinator, f.memberIds.professional].sort());
    expect(nextMeeting).toMatchObject({
      startsAt: '2027-01-20T08:00:00.000Z',
      location: 'Fjordvik skole, møterom 1',
      status: 'planned',
      closedAt: null,
      agenda: [{ id: expect.any(String), title: 'Skolestart', done: false }],
    });

    // One change: one event 'closed' carrying the next meeting, one audit entry for each meeting.
    const events = (await f.clients.coordinator.get(url(`/events?since=${before}`))).body.events;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      entityType: 'meeting',
      entityId: meetingId,
      action: 'closed',
      patch: { status: 'held', closedBy: { accountId: f.accountIds.coordinator }, createdMeeting: { id: nextMeeting.id } },
    });
    const audit = await sql<{ action: string; target_id: string }>(
      `SELECT action, target_id FROM audit_entries WHERE plan_id = $1 AND action IN ('meeting.closed', 'meeting.created') AND target_id = ANY($2)`,
      [f.planId, [meetingId, nextMeeting.id]],
    );
    expect(audit.map((a) => `${a.action} ${a.target_id}`).sort()).toEqual(
      [`meeting.created ${meetingId}`, `meeting.closed ${meetingId}`, `meeting.created ${nextMeeting.id}`].sort(),
    );

    // Every member, present or not, gets the summary by e-mail; the absent guardian too.
    const subject = 'Referat fra ansvarsgruppemøte';
    const withConsent = ['coordinator', 'person', 'guardian', 'professional'] as const;
    const mails = await eventually(async () => {
      const found = withConsent.map((who) => mailsTo(emails[who], subject)[0]);
      return found.every(Boolean) && mailsTo(emails.relative, 'Et ansvarsgruppemøte er avsluttet')[0] ? found : undefined;
    }, 15_000);
    for (const mail of mails as ParsedMail[]) {
      expect(mail.text).toContain('1 vedtak og 1 nytt tiltak');
      expect(mail.text).toContain('Neste møte: onsdag 20. januar 2027 kl. 09:00, Fjordvik skole, møterom 1');
      expect(mail.text).toContain(`${PUBLIC_URL}/planer/${f.planId}/mote/${meetingId}`);
      // E-mail is no place for plan content: no decision, no task, no name, no plan title.
      for (const secret of ['skoleskyss', 'Jonas Lund', 'Aina', 'Møteplan', 'første uka']) expect(mail.text).not.toContain(secret);
    }
    // The relative, whose consent was revoked, learns that it happened, nothing of what.
    const bare = mailsTo(emails.relative, 'Et ansvarsgruppemøte er avsluttet');
    expect(bare).toHaveLength(1);
    for (const secret of ['skoleskyss', 'vedtak', 'Neste møte', 'Fjordvik skole', '2027']) expect(bare[0].text).not.toContain(secret);
    expect(mailsTo(emails.relative, subject)).toHaveLength(0);

    // In the app the summary names it all: decisions, the new task with who and when, the next meeting.
    const list = (await f.clients.guardian.get('/api/notifications')).body.items as { kind: string; title: string; body: string }[];
    const summary = list.find((n) => n.kind === 'meeting_summary');
    expect(summary?.body).toContain('Vedtak: «Skolen søker om skoleskyss».');
    expect(summary?.body).toContain('Nye tiltak: Søke om skoleskyss (Jonas Lund, frist 15. januar 2027).');
    expect(summary?.body).toContain('Neste møte: onsdag 20. januar 2027 kl. 09:00, Fjordvik skole, møterom 1.');
    const relativeList = (await f.clients.relative.get('/api/notifications')).body.items as { kind: string; title: string; body: string }[];
    const notice = relativeList.find((n) => n.kind === 'meeting_closed');
    expect(notice?.title).toBe('Et møte i planen «Møteplan» er avsluttet');
    expect(JSON.stringify(notice)).not.toContain('skoleskyss');
    expect(relativeList.some((n) => n.kind === 'meeting_summary')).toBe(false);
    // Stored params of the relative's notice hold no content either.
    const rows = await sql<{ data: Record<string, unknown> }>(`SELECT data FROM notifications WHERE kind = 'meeting_closed'`);
    expect(JSON.stringify(rows)).not.toContain('skoleskyss');

    // The next meeting is a meeting like any other: its invitation goes to the members who may read it.
    await eventually(async () => mailsTo(emails.person, 'Invitasjon til ansvarsgruppemøte').length > 0, 15_000);

    // The relative has his consent again for the tests that follow.
    const again = await f.clients.person.post(url('/consents'), { kind: 'member_access', memberId: f.memberIds.relative });
    expect(again.status).toBe(201);
    f.consentIds.relative = again.body.entityId;
  });

  it('keeps a closed meeting read-only over REST and the socket, until the coordinator reopens it for a correction', async () => {
    const meetingId = await newMeeting();
    await withMinutes(meetingId);
    const closed = await f.clients.coordinator.post(url(`/meetings/${meetingId}/close`), { present: [], minutesApproved: true });
    expect(closed.status).toBe(200);
    const rev = await revision();
    const refused = [
      await f.clients.professional.patch(url(`/meetings/${meetingId}`), { baseRevision: rev, minutes: 'Etterpåklokt tillegg' }),
      await f.clients.coordinator.patch(url(`/meetings/${meetingId}`), { baseRevision: rev, agenda: [{ title: 'Ny sak' }] }),
      await f.clients.coordinator.patch(url(`/meetings/${meetingId}`), { baseRevision: rev, attendees: [f.memberIds.person] }),
      await f.clients.coordinator.post(url(`/meetings/${meetingId}/decisions`), { text: 'Et vedtak for sent' }),
      await f.clients.coordinator.delete(url(`/meetings/${meetingId}`)),
      await f.clients.coordinator.post(url(`/meetings/${meetingId}/close`), { present: [], minutesApproved: true }),
    ];
    expect(refused.map((r) => [r.status, r.body.code])).toEqual([
      [409, 'meeting_closed'],
      [409, 'meeting_closed'],
      [409, 'meeting_closed'],
      [409, 'meeting_closed'],
      [409, 'meeting_closed'],
      [409, 'conflict'],
    ]);
    expect(refused[0].body.message).toMatch(/closed.*reopen/);

    // The socket's write path refuses the same way.
    const socket = await openSocket(app.api.url, f.clients.professional.accessToken);
    await expectOk(socket, 'plan:join', { planId: f.planId, sinceRevision: null });
    const ack = await emitWithAck(socket, 'plan:command', {
      type: 'meeting.update',
      planId: f.planId,
      meetingId,
      baseRevision: rev,
      patch: { minutes: 'Over socket' },
    });
    expect(ack).toMatchObject({ ok: false, error: { code: 'meeting_closed' } });
    expect(await revision()).toBe(rev);
    expect((await f.clients.person.get(url(`/meetings/${meetingId}`))).body.minutes).toBe('Aina fortalte om den første uka på skolen.');

    // Only the coordinator reopens, with a reason that is in the history and the audit trail.
    expect((await f.clients.person.post(url(`/meetings/${meetingId}/reopen`), { reason: 'Feil' })).status).toBe(403);
    const reopened = await f.clients.coordinator.post(url(`/meetings/${meetingId}/reopen`), { reason: 'Feil dato i referatet' });
    expect(reopened.status).toBe(200);
    expect(reopened.body.entity).toMatchObject({ closedAt: null, closedBy: null, status: 'held' });
    const events = (await f.clients.person.get(url(`/events?since=${rev}`))).body.events;
    expect(events).toEqual([
      expect.objectContaining({
        action: 'reopened',
        entityId: meetingId,
        patch: { closedAt: null, closedBy: null, reason: 'Feil dato i referatet' },
      }),
    ]);
    const [audit] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_entries WHERE action = 'meeting.reopened' AND target_id = $1 AND actor_account_id = $2`,
      [meetingId, f.accountIds.coordinator],
    );
    expect(audit.n).toBe(1);
    expect((await f.clients.coordinator.post(url(`/meetings/${meetingId}/reopen`), { reason: 'Igjen' })).body.code).toBe('conflict');

    // Corrected, and closed again: a corrected summary goes out.
    await withMinutes(meetingId, 'Aina fortalte om den andre uka på skolen.');
    const again = await f.clients.coordinator.post(url(`/meetings/${meetingId}/close`), {
      present: [f.memberIds.person],
      minutesApproved: true,
    });
    expect(again.status).toBe(200);
    await eventually(async () => mailsTo(emails.person, 'Rettet referat fra ansvarsgruppemøte').length === 1, 15_000);
  });

  it('lets only the coordinator close a meeting', async () => {
    const meetingId = await newMeeting();
    await withMinutes(meetingId);
    const rev = await revision();
    for (const who of ['person', 'guardian', 'relative', 'professional'] as const) {
      const res = await f.clients[who].post(url(`/meetings/${meetingId}/close`), { present: [], minutesApproved: true });
      expect([who, res.status, res.body.code]).toEqual([who, 403, 'forbidden']);
    }
    for (const who of ['outsider', 'systemkoordinator', 'otherTenant'] as const) {
      const res = await f.clients[who].post(url(`/meetings/${meetingId}/close`), { present: [], minutesApproved: true });
      expect([who, res.status]).toEqual([who, 404]);
    }
    expect(await revision()).toBe(rev);
    expect((await f.clients.coordinator.get(url(`/meetings/${meetingId}`))).body.closedAt).toBeNull();
  });

  it('refuses bad input with a clear 4xx and writes nothing', async () => {
    const other = await createPlanFixture(app, 'En annen plan');
    const meetingId = await newMeeting();
    const empty = await newMeeting();
    await withMinutes(meetingId);
    const cancelled = await newMeeting({ startsAt: '2031-01-01T10:00:00Z' });
    await withMinutes(cancelled);
    await f.clients.coordinator.patch(url(`/meetings/${cancelled}`), { baseRevision: await revision(), status: 'cancelled' });
    const rev = await revision();
    const close = (id: string, body: object) => f.clients.coordinator.post(url(`/meetings/${id}/close`), body);
    const cases: [number, string, Promise<{ status: number; body: { code: string } }>][] = [
      [400, 'validation_failed', close(meetingId, { present: [] })],
      [400, 'validation_failed', close(meetingId, { present: [], minutesApproved: false })],
      [400, 'validation_failed', close(meetingId, { present: [], minutesApproved: 'ja' })],
      [400, 'validation_failed', close(meetingId, { present: ['ikke-en-id'], minutesApproved: true })],
      [400, 'validation_failed', close(meetingId, { present: [f.memberIds.person, f.memberIds.person], minutesApproved: true })],
      [400, 'validation_failed', close(meetingId, { minutesApproved: true })],
      [400, 'validation_failed', close(meetingId, { present: [], minutesApproved: true, rsvp: 'confirmed' })],
      [400, 'validation_failed', close(meetingId, { present: [], minutesApproved: true, nextMeeting: { startsAt: 'neste uke' } })],
      [
        400,
        'validation_failed',
        close(meetingId, { present: [], minutesApproved: true, nextMeeting: { startsAt: '2026-01-01T09:00:00Z' } }),
      ],
      [
        400,
        'validation_failed',
        close(meetingId, {
          present: [],
          minutesApproved: true,
          nextMeeting: { startsAt: '2027-02-01T09:00:00Z', endsAt: '2027-02-01T08:00:00Z' },
        }),
      ],
      [
        400,
        'validation_failed',
        close(meetingId, { present: [], minutesApproved: true, nextMeeting: { startsAt: '2027-02-01T09:00:00Z', x: 1 } }),
      ],
      // Nothing to approve yet.
      [400, 'validation_failed', close(empty, { present: [], minutesApproved: true })],
      // Someone who is not a member of this plan was not present at its meeting.
      [404, 'not_found', close(meetingId, { present: [other.memberIds.person], minutesApproved: true })],
      [404, 'not_found', close('7c9e6679-7425-40de-944b-e07fc1f90ae7', { present: [], minutesApproved: true })],
      [409, 'conflict', close(cancelled, { present: [], minutesApproved: true })],
      [400, 'validation_failed', f.clients.coordinator.post(url(`/meetings/${meetingId}/reopen`), { reason: '' })],
      [400, 'validation_failed', f.clients.coordinator.post(url(`/meetings/${meetingId}/reopen`), { reason: 'x'.repeat(501) })],
      [409, 'conflict', f.clients.coordinator.post(url(`/meetings/${meetingId}/reopen`), { reason: 'Den er åpen' })],
    ];
    const results = [];
    for (const [, , res] of cases) results.push(await res);
    expect(results.map((r) => [r.status, r.body.code])).toEqual(cases.map(([status, code]) => [status, code]));
    expect(await revision()).toBe(rev);
    const [{ n }] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM meetings WHERE plan_id = $1 AND starts_at BETWEEN '2027-02-01' AND '2027-02-02'`,
      [f.planId],
    );
    expect(n).toBe(0);
  }, 90_000);
});
