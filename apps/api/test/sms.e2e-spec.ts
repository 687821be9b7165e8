/**
 * SMS end to end against a real SMPP gateway (libs/testing/src/smpp.ts): the meeting reminder
 * arrives once with the right words, on two api nodes too; JA marks attendance; anything else
 * gets a short answer; STOPP stops further messages; a gateway that refuses or drops the
 * connection is retried until the message arrives, exactly once; bad input writes nothing.
 */
import { Client } from 'pg';
import { ApiClient, eventually, startApiProcess, startSmpp, useTestApp, type ApiProcess, type TestSmpp } from '#testing';
import { DEMO_PASSWORD, demoAccount } from '../src/database/seed/demo-accounts';
import { addDays, appNow, offsetToNext, osloDate, osloInstant } from './support/sms-clock';

const PASSWORD = 'Et-langt-passord-2026';
// The api's clock shows 12:00 in Oslo when it starts: outside quiet hours whenever the test runs.
const OFFSET = offsetToNext(12);

describe('SMS over SMPP', () => {
  let gateway: TestSmpp;
  const env: Record<string, string> = {
    REMINDER_INTERVAL_SECONDS: '0',
    OUTBOX_POLL_MS: '250',
    TEST_CLOCK_OFFSET_MS: String(OFFSET),
    SMS_SENDER_ID: 'Fellesplan',
  };
  beforeAll(async () => {
    gateway = await startSmpp();
    env.SMS_SMPP_URL = gateway.url;
  });
  afterAll(async () => {
    await gateway.close();
  });
  const app = useTestApp(env);
  let admin: ApiClient;
  let counter = 0;
  let phoneCounter = 0;

  async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
    const db = new Client({ connectionString: app.databaseUrl });
    await db.connect();
    try {
      return (await db.query(text, params)).rows as T[];
    } finally {
      await db.end();
    }
  }

  async function newAccount(name: string, role: string) {
    const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${Date.now()}.${counter++}@fjordvik.example`;
    const res = await admin.post('/api/accounts', { email, name, role, password: PASSWORD });
    expect(res.status).toBe(201);
    return { id: res.body.id as string, email, name, client: await app.login(email, PASSWORD) };
  }

  /** A fictional Norwegian mobile number, as people type it, and as E.164. */
  function phone() {
    const digits = `4${String(1000000 + phoneCounter++ * 7919).padStart(7, '0')}`;
    return { typed: `${digits.slice(0, 3)} ${digits.slice(3, 5)} ${digits.slice(5)}`, e164: `+47${digits}` };
  }

  /** A plan whose person wants SMS, with a meeting tomorrow at 10:00 (by the api's clock). */
  async function planWithMeeting(hour = 10, minute = 0) {
    const coordinator = await newAccount('Rune Rådgiver', 'coordinator');
    const person = await newAccount('Siv Solberg', 'citizen');
    const number = phone();
    const set = await person.client.put('/api/notifications/phone', { phone: number.typed });
    expect(set.status).toBe(200);
    expect(set.body.sms.phone).toBe(number.e164);
    const on = await person.client.put('/api/notifications/preferences', { sms: { enabled: true } });
    expect(on.status).toBe(200);
    expect(on.body.sms).toMatchObject({ enabled: true, phone: number.e164, stoppedAt: null });
    const plan = await coordinator.client.post('/api/plans', { title: 'Sivs plan', personName: person.name, personAccountId: person.id });
    expect(plan.status).toBe(201);
    const planId = plan.body.plan.id as string;
    const meeting = async (h = hour, m = minute) => {
      const startsAt = osloInstant(addDays(osloDate(appNow(OFFSET)), 1), h, m).toISOString();
      const res = await coordinator.client.post(`/api/plans/${planId}/meetings`, { startsAt, location: 'Rådhuset' });
      expect(res.status).toBe(201);
      return res.body.entityId as string;
    };
    const meetingId = await meeting();
    return { coordinator, person, number, planId, meetingId, meeting };
  }

  const run = async (client = admin) => {
    const res = await client.post('/api/admin/reminders/run');
    expect(res.status).toBe(200);
    return res.body as { created: Record<string, number> };
  };

  beforeAll(async () => {
    admin = await app.login(demoAccount('fjordvik', 'systemkoordinator').email, DEMO_PASSWORD);
  });

  describe('the meeting reminder on two api nodes', () => {
    let nodeB: ApiProcess;
    let p: Awaited<ReturnType<typeof planWithMeeting>>;

    beforeAll(async () => {
      p = await planWithMeeting();
      nodeB = await startApiProcess(app.databaseUrl, env);
    }, 150_000);
    afterAll(async () => {
      await nodeB?.stop();
    });

    it('arrives once, with words that name no person, plan or service', async () => {
      const adminB = await new ApiClient(nodeB.url).login(demoAccount('fjordvik', 'systemkoordinator').email, DEMO_PASSWORD);
      const [a, b] = await Promise.all([run(), run(adminB)]);
      expect((a.created.meeting_reminder ?? 0) + (b.created.meeting_reminder ?? 0)).toBeGreaterThanOrEqual(2); // person + coordinator
      await eventually(async () => gateway.to(p.number.e164).length === 1, 15_000);
      const [sms] = gateway.to(p.number.e164);
      expect(sms.text).toBe('Du har et møte i Fellesplan i morgen kl. 10. Svar JA eller NEI.');
      expect(sms.from).toBe('Fellesplan');
      expect(sms.key).toMatch(/^notification:[0-9a-f-]{36}$/);
      // Run again on both nodes and restart one: nothing more.
      await Promise.all([run(), run(adminB)]);
      await nodeB.stop();
      nodeB = await startApiProcess(app.databaseUrl, env);
      await run(await new ApiClient(nodeB.url).login(demoAccount('fjordvik', 'systemkoordinator').email, DEMO_PASSWORD));
      const [{ n }] = await sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM sms_messages WHERE to_number = $1 AND kind = 'meeting_reminder'`,
        [p.number.e164],
      );
      expect(n).toBe(1);
      await eventually(async () => (await sql(`SELECT 1 FROM outbox WHERE name = 'sms.send'`)).length === 0, 10_000);
      expect(gateway.to(p.number.e164)).toHaveLength(1);
      // The in-app notification says more (behind login).
      const inApp = await p.person.client.get('/api/notifications');
      expect(inApp.body.items.map((i: { kind: string }) => i.kind)).toContain('meeting_reminder');
    }, 150_000);

    it('JA marks attendance (confirmed, by SMS), and is answered', async () => {
      const before = await p.coordinator.client.get(`/api/plans/${p.planId}/meetings/${p.meetingId}/attendance`);
      expect(before.status).toBe(200);
      expect(before.body.counts).toEqual({ confirmed: 0, declined: 0, unanswered: 2 });
      expect(await gateway.deliver(p.number.e164.slice(1), 'Ja')).toBe(0);
      const after = await eventually(async () => {
        const res = await p.coordinator.client.get(`/api/plans/${p.planId}/meetings/${p.meetingId}/attendance`);
        return res.body.counts.confirmed === 1 && res.body;
      });
      const person = after.members.find((m: { role: string }) => m.role === 'person');
      expect(person).toMatchObject({ response: 'confirmed', via: 'sms', name: p.person.name });
      expect(after.counts).toEqual({ confirmed: 1, declined: 0, unanswered: 1 });
      await eventually(async () => gateway.to(p.number.e164).some((m) => m.text.startsWith('Takk! Vi har notert at du kommer')), 10_000);
      // Through the write path: a plan event and an audit entry by the person.
      const [event] = await sql<{ action: string; actor_account_id: string; patch: Record<string, unknown> }>(
        `SELECT action, actor_account_id, patch FROM plan_events WHERE plan_id = $1 AND entity_type = 'rsvp' ORDER BY revision DESC LIMIT 1`,
        [p.planId],
      );
      expect(event).toMatchObject({ action: 'answered', actor_account_id: p.person.id, patch: { response: 'confirmed', via: 'sms' } });
      const audit = await sql(`SELECT 1 FROM audit_entries WHERE plan_id = $1 AND action = 'rsvp.answered' AND actor_account_id = $2`, [
        p.planId,
        p.person.id,
      ]);
      expect(audit).toHaveLength(1);
      // NEI changes the answer.
      expect(await gateway.deliver(p.number.e164.slice(1), 'nei.')).toBe(0);
      await eventually(async () => {
        const res = await p.person.client.get(`/api/plans/${p.planId}/meetings/${p.meetingId}/attendance`);
        return res.body.mine === 'declined';
      });
      // Its answer arrives too before the next step counts what the phone has.
      await eventually(
        async () => gateway.to(p.number.e164).some((m) => m.text.startsWith('Takk! Vi har notert at du ikke kommer')),
        10_000,
      );
    });

    it('anything else gets a short answer and changes nothing', async () => {
      const before = gateway.to(p.number.e164).length;
      expect(await gateway.deliver(p.number.e164.slice(1), 'Hei, kan vi flytte møtet?')).toBe(0);
      await eventually(async () => gateway.to(p.number.e164).length === before + 1, 10_000);
      expect(gateway.to(p.number.e164).at(-1)!.text).toBe(
        'Vi forstod ikke svaret. Svar JA eller NEI på en møtepåminnelse, eller STOPP for å slutte å få SMS.',
      );
      const res = await p.person.client.get(`/api/plans/${p.planId}/meetings/${p.meetingId}/attendance`);
      expect(res.body.mine).toBe('declined');
    });

    it('STOPP stops further messages, and the preference shows it', async () => {
      expect(await gateway.deliver(p.number.e164.slice(1), 'STOPP')).toBe(0);
      await eventually(async () => gateway.to(p.number.e164).some((m) => m.text.startsWith('Du får ikke flere SMS')), 10_000);
      const prefs = await p.person.client.get('/api/notifications/preferences');
      expect(prefs.body.sms.enabled).toBe(false);
      expect(prefs.body.sms.stoppedAt).toEqual(expect.any(String));
      const count = gateway.to(p.number.e164).length;
      const stored = async () =>
        (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM sms_messages WHERE to_number = $1`, [p.number.e164]))[0].n;
      const storedBefore = await stored();
      // A new meeting tomorrow: the person is told in the app, not by SMS.
      await p.meeting(14);
      const made = await run();
      expect(made.created.meeting_reminder).toBeGreaterThanOrEqual(1);
      expect(await stored()).toBe(storedBefore);
      const inApp = await p.person.client.get('/api/notifications');
      expect(inApp.body.items.filter((i: { kind: string }) => i.kind === 'meeting_reminder')).toHaveLength(2);
      expect(gateway.to(p.number.e164)).toHaveLength(count);
      // Another STOPP, or anything else, is not answered while the number is stopped.
      expect(await gateway.deliver(p.number.e164.slice(1), 'stopp')).toBe(0);
      expect(await gateway.deliver(p.number.e164.slice(1), 'hallo?')).toBe(0);
      expect(await stored()).toBe(storedBefore);
      // Turning SMS on again in the app lifts the STOPP.
      const on = await p.person.client.put('/api/notifications/preferences', { sms: { enabled: true } });
      expect(on.body.sms).toMatchObject({ enabled: true, stoppedAt: null });
      expect(gateway.to(p.number.e164)).toHaveLength(count);
    });
  });

  describe('an invitation by phone only', () => {
    it('sends the link by SMS, naming no person, plan or service; a number that answered STOPP gets none', async () => {
      const coordinator = await newAccount('Vera Veileder', 'coordinator');
      const plan = await coordinator.client.post('/api/plans', {
        title: 'Plan for Oda Olsen',
        personName: 'Oda Olsen',
        personNoContact: true,
      });
      expect(plan.status).toBe(201);
      const planId = plan.body.plan.id as string;
      const number = phone();
      const res = await coordinator.client.post(`/api/plans/${planId}/members`, {
        name: 'Ola Olsen',
        phone: number.typed,
        role: 'relative',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ invitationSms: 'sent', invitationUrl: expect.stringContaining('/invitasjon/') });
      const [sms] = await eventually(async () => gateway.to(number.e164).length === 1 && gateway.to(number.e164), 10_000);
      expect(sms.text).toBe(`Du er invitert til å være med i en plan i Fellesplan. Åpne lenken for å svare: ${res.body.invitationUrl}`);
      expect(sms.text).not.toMatch(/Oda|Ola|Olsen|Vera/);
      // The link is a secret: it is in no stored SMS, and the gateway's idempotency key is its hash.
      const token = new URL(res.body.invitationUrl).pathname.split('/').pop()!;
      expect(sms.key).toMatch(/^invitation:[\w-]{43}$/);
      expect(sms.key).not.toContain(token);
      expect(await sql(`SELECT 1 FROM sms_messages WHERE to_number = $1`, [number.e164])).toHaveLength(0);
      // The link works: it names the plan's invitation.
      const view = await new ApiClient(app.api.url).get(`/api/invitations/${token}`);
      expect(view.status).toBe(200);

      // A number that answered STOPP gets no invitation either; the inviter has the link.
      const other = phone();
      // (How a number comes to answer STOPP is the test above; here the number has.)
      await sql(`INSERT INTO sms_stops (phone) VALUES ($1)`, [other.e164]);
      const before = gateway.to(other.e164).length;
      const stopped = await coordinator.client.post(`/api/plans/${planId}/members`, {
        name: 'Per Olsen',
        phone: other.typed,
        role: 'relative',
      });
      expect(stopped.status).toBe(201);
      expect(stopped.body).toMatchObject({ invitationSms: 'stopped', invitationUrl: expect.any(String) });
      await new Promise((r) => setTimeout(r, 500));
      expect(gateway.to(other.e164)).toHaveLength(before);
    }, 60_000);
  });

  describe('a gateway that refuses or drops the connection', () => {
    const ATTEMPTS = `SELECT attempts, status FROM sms_messages WHERE to_number = $1 AND kind = 'meeting_reminder'`;

    it('refuses submit_sm: retried with backoff, arrives once when it accepts again', async () => {
      gateway.submitStatus = 0x0058; // ESME_RTHROTTLED
      const p = await planWithMeeting(9, 30);
      await run();
      await eventually(async () => (await sql<{ attempts: number }>(ATTEMPTS, [p.number.e164]))[0]?.attempts >= 2, 20_000);
      expect(gateway.to(p.number.e164)).toHaveLength(0);
      gateway.submitStatus = 0;
      await eventually(async () => gateway.to(p.number.e164).length === 1, 30_000);
      expect(gateway.to(p.number.e164)[0].text).toBe('Du har et møte i Fellesplan i morgen kl. 9.30. Svar JA eller NEI.');
      await eventually(async () => (await sql<{ status: string }>(ATTEMPTS, [p.number.e164]))[0].status === 'sent');
    }, 70_000);

    it('drops the connection on submit_sm, or refuses the bind: arrives once when it is back', async () => {
      gateway.dropOnSubmit = true;
      const p = await planWithMeeting(11);
      await run();
      await eventually(async () => (await sql<{ attempts: number }>(ATTEMPTS, [p.number.e164]))[0]?.attempts >= 1, 20_000);
      // The node binds again and is refused.
      gateway.dropOnSubmit = false;
      gateway.refuseBinds = true;
      const refused = gateway.binds.refused;
      await eventually(async () => gateway.binds.refused > refused, 30_000);
      expect(gateway.to(p.number.e164)).toHaveLength(0);
      gateway.refuseBinds = false;
      await eventually(async () => gateway.to(p.number.e164).length === 1, 40_000);
      expect(gateway.to(p.number.e164)[0].text).toBe('Du har et møte i Fellesplan i morgen kl. 11. Svar JA eller NEI.');
    }, 100_000);

    it('is down (connection refused): arrives once when it is up again, and replies work again', async () => {
      await gateway.down();
      const p = await planWithMeeting(13);
      await run();
      await eventually(async () => (await sql<{ attempts: number }>(ATTEMPTS, [p.number.e164]))[0]?.attempts >= 1, 20_000);
      await gateway.up();
      await eventually(async () => gateway.to(p.number.e164).length === 1, 40_000);
      expect(gateway.to(p.number.e164)[0].text).toBe('Du har et møte i Fellesplan i morgen kl. 13. Svar JA eller NEI.');
      await eventually(async () => gateway.boundSessions() > 0);
      expect(await gateway.deliver(p.number.e164.slice(1), 'JA')).toBe(0);
      await eventually(async () => {
        const res = await p.person.client.get(`/api/plans/${p.planId}/meetings/${p.meetingId}/attendance`);
        return res.body.mine === 'confirmed';
      });
    }, 100_000);
  });

  describe('bad input gives clear errors and writes nothing', () => {
    const counts = async () =>
      (
        await sql<{ sms: number; stops: number; rsvps: number; events: number }>(
          `SELECT (SELECT count(*)::int FROM sms_messages) AS sms, (SELECT count(*)::int FROM sms_stops) AS stops,
                  (SELECT count(*)::int FROM meeting_rsvps) AS rsvps, (SELECT count(*)::int FROM plan_events) AS events`,
        )
      )[0];

    it('malformed phone numbers are refused', async () => {
      const person = await newAccount('Per Prøve', 'citizen');
      for (const bad of ['12345', '+47 123', '+4701234567', 'ring meg', '+47 912 34 567 8', '0'.repeat(40), '+1 (555) abc']) {
        const res = await person.client.put('/api/notifications/phone', { phone: bad });
        expect([bad, res.status]).toEqual([bad, 400]);
        expect(['phone_invalid', 'validation_failed']).toContain(res.body.code);
      }
      expect((await person.client.put('/api/notifications/phone', { phone: 4791234567 })).status).toBe(400);
      const prefs = await person.client.get('/api/notifications/preferences');
      expect(prefs.body.sms).toMatchObject({ phone: null, enabled: false });
      const on = await person.client.put('/api/notifications/preferences', { sms: { enabled: true } });
      expect(on.status).toBe(400);
      expect(on.body.code).toBe('phone_required');
      const badKind = await person.client.put('/api/notifications/preferences', { sms: { kinds: { not_a_kind: true } } });
      expect(badKind.status).toBe(400);
      expect((await sql(`SELECT 1 FROM sms_preferences WHERE account_id = $1`, [person.id])).length).toBe(0);
      // E.164 from abroad is accepted as it is.
      const abroad = await person.client.put('/api/notifications/phone', { phone: '+46 70 123 45 67' });
      expect(abroad.body.sms.phone).toBe('+46701234567');
    });

    it('replies from unknown or malformed numbers, and oversized texts, are refused', async () => {
      const p = await planWithMeeting(15);
      await run();
      await eventually(async () => gateway.to(p.number.e164).length === 1, 20_000);
      await eventually(async () => (await sql(`SELECT 1 FROM outbox`)).length === 0, 10_000);
      const before = await counts();
      const sent = gateway.messages.length;
      expect(await gateway.deliver('4799999999', 'JA')).toBe(0x0066); // ESME_RX_R_APPN: nothing was sent to it
      expect(await gateway.deliver('12', 'JA', { ton: 0 })).toBe(0x000a); // ESME_RINVSRCADR
      expect(await gateway.deliver(p.number.e164.slice(1), `JA ${'x'.repeat(300)}`, { payload: true })).toBe(0x0001); // ESME_RINVMSGLEN
      expect(await counts()).toEqual(before);
      expect(gateway.messages.length).toBe(sent);
      const res = await p.person.client.get(`/api/plans/${p.planId}/meetings/${p.meetingId}/attendance`);
      expect(res.body.mine).toBeNull();
    }, 40_000);
  });
});
