/**
 * Quiet hours: no SMS from 21:00 to 08:00 in NOTIFICATION_TIME_ZONE. The api's clock is moved
 * (TEST_CLOCK_OFFSET_MS) to 07:59:45 in Oslo: a reminder made then is held until 08:00 — not
 * dropped — and goes out once when quiet hours end.
 */
import { Client } from 'pg';
import { ApiClient, eventually, startApiProcess, startSmpp, useTestApp, type TestSmpp } from '#testing';
import { DEMO_PASSWORD, demoAccount } from '../src/database/seed/demo-accounts';
import { addDays, appNow, offsetToNext, osloDate, osloInstant } from './support/sms-clock';

const PASSWORD = 'Et-langt-passord-2026';

describe('SMS quiet hours', () => {
  let gateway: TestSmpp;
  const env: Record<string, string> = { REMINDER_INTERVAL_SECONDS: '0', OUTBOX_POLL_MS: '250' };
  beforeAll(async () => {
    gateway = await startSmpp();
    env.SMS_SMPP_URL = gateway.url;
  });
  afterAll(async () => {
    await gateway.close();
  });
  const app = useTestApp(env);

  async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
    const db = new Client({ connectionString: app.databaseUrl });
    await db.connect();
    try {
      return (await db.query(text, params)).rows as T[];
    } finally {
      await db.end();
    }
  }

  it('a reminder made at 07:59 is held until 08:00, then sent once', async () => {
    let admin: ApiClient = await app.login(demoAccount('fjordvik', 'systemkoordinator').email, DEMO_PASSWORD);
    const mk = async (name: string, role: string) => {
      const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${Date.now()}@fjordvik.example`;
      const res = await admin.post('/api/accounts', { email, name, role, password: PASSWORD });
      expect(res.status).toBe(201);
      return { id: res.body.id as string, name, email, client: await app.login(email, PASSWORD) };
    };
    const coordinator = await mk('Kim Koordinator', 'coordinator');
    const person = await mk('Tor Tveit', 'citizen');
    expect((await person.client.put('/api/notifications/phone', { phone: '41234567' })).body.sms.phone).toBe('+4741234567');
    expect((await person.client.put('/api/notifications/preferences', { sms: { enabled: true } })).body.sms.enabled).toBe(true);
    const plan = await coordinator.client.post('/api/plans', { title: 'Tors plan', personName: person.name, personAccountId: person.id });
    const planId = plan.body.plan.id as string;
    const tomorrow = addDays(osloDate(appNow(offsetToNext(7, 59, 40))), 1);
    const meeting = await coordinator.client.post(`/api/plans/${planId}/meetings`, {
      startsAt: osloInstant(tomorrow, 12, 15).toISOString(),
    });
    expect(meeting.status).toBe(201);

    // The same database, the api's clock at 07:59:40 in Oslo.
    await app.api.stop();
    const OFFSET = offsetToNext(7, 59, 40);
    app.api = await startApiProcess(app.databaseUrl, { ...env, TEST_CLOCK_OFFSET_MS: String(OFFSET) });
    admin = await new ApiClient(app.api.url).login(demoAccount('fjordvik', 'systemkoordinator').email, DEMO_PASSWORD);

    // Still quiet hours by the api's clock (07:59:40 when it started, a moment ago).
    expect(appNow(OFFSET).getTime()).toBeLessThan(osloInstant(osloDate(appNow(OFFSET)), 8).getTime());
    // An invitation by phone only is not sent in quiet hours either: the inviter is told, and has the link.
    const inviter = await new ApiClient(app.api.url).login(coordinator.email, PASSWORD);
    const invited = await inviter.post(`/api/plans/${planId}/members`, { name: 'Tone Tveit', phone: '41234568', role: 'relative' });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ invitationSms: 'quiet_hours', invitationUrl: expect.any(String) });
    const run = await admin.post('/api/admin/reminders/run');
    expect(run.body.created.meeting_reminder).toBeGreaterThanOrEqual(1);
    const [held] = await eventually(async () => {
      const rows = await sql<{ status: string; not_before: Date }>(
        `SELECT status, not_before FROM sms_messages WHERE to_number = '+4741234567'`,
      );
      return rows[0]?.status === 'deferred' && rows;
    }, 10_000);
    const eight = osloInstant(osloDate(appNow(OFFSET)), 8);
    expect(held.not_before.toISOString()).toBe(eight.toISOString());
    expect(gateway.to('+4741234567')).toHaveLength(0);

    const sms = await eventually(async () => gateway.to('+4741234567')[0], 40_000, 100);
    expect(sms.text).toBe('Du har et møte i Fellesplan i morgen kl. 12.15. Svar JA eller NEI.');
    // By the api's clock it went out at 08:00 or later, never before.
    expect(sms.at.getTime() + OFFSET).toBeGreaterThanOrEqual(eight.getTime());
    await eventually(async () => (await sql(`SELECT 1 FROM outbox`)).length === 0, 10_000);
    expect(gateway.to('+4741234567')).toHaveLength(1);
    expect(gateway.to('+4741234568')).toHaveLength(0);
  }, 90_000);
});
