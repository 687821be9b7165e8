/**
 * SMS preference and meeting attendance in a real browser (Debian chromium): the person gives a
 * mobile number and turns SMS on; answers "Kommer du?" in one tap on the home screen; the
 * coordinator sees who has confirmed, declined or not answered on the meeting card and the
 * meeting page; a STOPP sent by SMS (real SMPP gateway) shows in the person's preferences.
 * axe-core finds no serious or critical violation; screenshots at 1280×800 and 360×740.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { MeetingAttendanceView, NotificationPreferences } from '#contracts';
import {
  eventually,
  expectAccessibleAndFits,
  launchBrowser,
  loginInBrowser,
  newContext,
  startSmpp,
  useTestApp,
  type ApiClient,
  type TestSmpp,
} from '#testing';
import { DEMO_PASSWORD, demoAccount } from '../src/database/seed/demo-accounts';
import { addDays, appNow, offsetToNext, osloDate, osloInstant } from './support/sms-clock';

const PASSWORD = 'Et-langt-passord-2026';
const OFFSET = offsetToNext(12);

describe('web app: SMS preference and meeting attendance', () => {
  let gateway: TestSmpp;
  const env: Record<string, string> = { REMINDER_INTERVAL_SECONDS: '0', OUTBOX_POLL_MS: '250', TEST_CLOCK_OFFSET_MS: String(OFFSET) };
  beforeAll(async () => {
    gateway = await startSmpp();
    env.SMS_SMPP_URL = gateway.url;
  });
  const app = useTestApp(env);
  let browser: Browser;
  let contexts: BrowserContext[] = [];
  let admin: ApiClient;
  let coordinator: { email: string; client: ApiClient };
  let person: { email: string; name: string; client: ApiClient };
  let planId: string;
  let meetingId: string;

  async function loggedIn(email: string, path: string): Promise<Page> {
    const context = await newContext(browser, app.api.url);
    contexts.push(context);
    const page = await context.newPage();
    await loginInBrowser(page, email, PASSWORD, path);
    return page;
  }

  beforeAll(async () => {
    admin = await app.login(demoAccount('fjordvik', 'systemkoordinator').email, DEMO_PASSWORD);
    const mk = async (name: string, role: string) => {
      const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${Date.now()}@fjordvik.example`;
      const res = await admin.post('/api/accounts', { email, name, role, password: PASSWORD });
      expect(res.status).toBe(201);
      return { id: res.body.id as string, email, name, client: await app.login(email, PASSWORD) };
    };
    coordinator = await mk('Kine Koordinator', 'coordinator');
    person = await mk('Ola Olsen', 'citizen');
    const created = await person.client.get('/api/auth/me');
    const plan = await coordinator.client.post('/api/plans', {
      title: 'Olas plan',
      personName: person.name,
      personAccountId: created.body.id,
    });
    expect(plan.status).toBe(201);
    planId = plan.body.plan.id;
    const startsAt = osloInstant(addDays(osloDate(appNow(OFFSET)), 1), 10).toISOString();
    const meeting = await coordinator.client.post(`/api/plans/${planId}/meetings`, { startsAt, location: 'Rådhuset' });
    expect(meeting.status).toBe(201);
    meetingId = meeting.body.entityId;
    browser = await launchBrowser();
  }, 90_000);
  afterEach(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    contexts = [];
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
  });

  it('the person gives a mobile number and turns SMS on', async () => {
    const page = await loggedIn(person.email, '/varsler/innstillinger');
    await page.getByRole('heading', { level: 2, name: 'SMS' }).waitFor();
    expect(await page.getByRole('checkbox', { name: 'Send meg SMS' }).isDisabled()).toBe(true);
    await page.getByRole('textbox', { name: 'Mobilnummer' }).fill('12 34');
    await page.getByRole('button', { name: 'Lagre nummeret' }).click();
    await page.getByText('Det er ikke et mobilnummer.', { exact: false }).waitFor();
    await page.getByRole('textbox', { name: 'Mobilnummer' }).fill('912 34 560');
    await page.getByRole('button', { name: 'Lagre nummeret' }).click();
    await page.getByText('Nummeret er lagret: +4791234560.').waitFor();
    await page.getByRole('checkbox', { name: 'Send meg SMS' }).check();
    const smsKinds = page.getByRole('group', { name: 'Hva vil du ha på SMS?' });
    await smsKinds.waitFor();
    expect(await smsKinds.getByRole('checkbox', { name: 'Påminnelse om møte dagen før' }).isChecked()).toBe(true);
    expect(await smsKinds.getByRole('checkbox', { name: 'Ny kommentar på et tiltak' }).isChecked()).toBe(false);
    await smsKinds.getByRole('checkbox', { name: 'Ny kommentar på et tiltak' }).check();
    await page.getByRole('button', { name: 'Lagre', exact: true }).click();
    await page.getByText('Valgene dine er lagret.').waitFor();
    await expectAccessibleAndFits(page, 'varsler-sms');
    const prefs = (await person.client.get('/api/notifications/preferences')).body as NotificationPreferences;
    expect(prefs.sms).toEqual({ phone: '+4791234560', enabled: true, kinds: { comment: true }, stoppedAt: null });
  }, 60_000);

  it('the person answers "Kommer du?" in one tap from home; the coordinator sees it on the card and the meeting page', async () => {
    const home = await loggedIn(person.email, '/');
    const rsvp = home.locator(`[data-rsvp="${meetingId}"]`);
    await rsvp.getByRole('button', { name: 'Ja, jeg kommer' }).click();
    await rsvp.getByText('Du har svart at du kommer.').waitFor();
    expect(await rsvp.getByRole('button', { name: 'Ja, jeg kommer' }).getAttribute('aria-pressed')).toBe('true');
    await expectAccessibleAndFits(home, 'hjem-kommer-du');
    const view = (await person.client.get(`/api/plans/${planId}/meetings/${meetingId}/attendance`)).body as MeetingAttendanceView;
    expect(view.mine).toBe('confirmed');

    const page = await loggedIn(coordinator.email, `/planer/${planId}?vis=moter`);
    const counts = page.locator(`[data-rsvp-counts="${meetingId}"]`);
    await counts.getByRole('link', { name: '1 har bekreftet' }).waitFor();
    await counts.getByRole('link', { name: 'ingen har meldt avbud' }).waitFor();
    await counts.getByRole('link', { name: '1 har ikke svart' }).click();
    await page.waitForURL((url) => url.pathname === `/planer/${planId}/mote/${meetingId}`);
    const overview = page.locator(`[data-attendance="${meetingId}"]`);
    await overview.getByRole('heading', { name: 'Hvem kommer?' }).waitFor();
    await overview.locator('[data-response="confirmed"]').getByText('Ola Olsen').waitFor();
    await overview.locator('[data-response="none"]').getByText('Kine Koordinator').waitFor();
    // The coordinator declines in one tap; the list follows live.
    await overview.getByRole('button', { name: 'Nei, jeg kommer ikke' }).click();
    await overview.locator('[data-response="declined"]').getByText('Kine Koordinator').waitFor();
    await overview.getByTestId('rsvp-counts').getByText('1 har bekreftet, 1 har meldt avbud, alle har svart.').waitFor();
    await expectAccessibleAndFits(page, 'mote-hvem-kommer');
  }, 60_000);

  it('a STOPP by SMS shows in the preferences, and SMS can be turned on again', async () => {
    expect((await admin.post('/api/admin/reminders/run')).status).toBe(200);
    await eventually(async () => gateway.to('+4791234560').length === 1, 20_000);
    expect(await gateway.deliver('4791234560', 'STOPP')).toBe(0);
    await eventually(
      async () => ((await person.client.get('/api/notifications/preferences')).body as NotificationPreferences).sms.stoppedAt,
    );
    const page = await loggedIn(person.email, '/varsler/innstillinger');
    await page.getByText('Du svarte STOPP på en SMS', { exact: false }).waitFor();
    expect(await page.getByRole('checkbox', { name: 'Send meg SMS' }).isChecked()).toBe(false);
    await expectAccessibleAndFits(page, 'varsler-sms-stopp');
    await page.getByRole('checkbox', { name: 'Send meg SMS' }).check();
    await page.getByRole('button', { name: 'Lagre', exact: true }).click();
    await page.getByText('Valgene dine er lagret.').waitFor();
    const prefs = (await person.client.get('/api/notifications/preferences')).body as NotificationPreferences;
    expect(prefs.sms).toMatchObject({ enabled: true, stoppedAt: null });
  }, 60_000);
});
