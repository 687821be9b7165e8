/**
 * Consent without dead ends, in a real browser (issue 13): a relative who waits sees why and what
 * happens next; the coordinator sees that consent is missing (home card and plan page), records
 * the consent the person gave on paper with the scanned form, and the relative gets in; where the
 * person can log in, the coordinator sees who waits and reminds the person in one step; the
 * systemkoordinator reminds a coordinator from the list of quiet plans. axe-core finds no serious
 * or critical violation on the new screens; screenshots at 1280×800 and 360×740.
 */
import { Client } from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectAccessibleAndFits, launchBrowser, loginInBrowser, newContext, useTestApp, type ApiClient } from '#testing';
import { DEMO_PASSWORD, demoAccount } from '../src/database/seed/demo-accounts';
import { samplePdf } from './fixtures/documents';

/** A browser script of several screens: on a loaded machine it takes longer than jest's default. */
const BROWSER_TEST_MS = 120_000;

describe('web app: consent without dead ends', () => {
  const app = useTestApp({ REMINDER_INTERVAL_SECONDS: '0' });
  let browser: Browser;
  let contexts: BrowserContext[] = [];
  let kari: ApiClient;
  let paperPlan: string;
  let appPlan: string;

  async function loggedIn(key: string, path: string, viewport?: { width: number; height: number }): Promise<Page> {
    const context = await newContext(browser, app.api.url, viewport);
    contexts.push(context);
    const page = await context.newPage();
    await loginInBrowser(page, demoAccount('fjordvik', key).email, DEMO_PASSWORD, path);
    return page;
  }

  /** A plan by Kari with the relative Jonas (joined) and the professional Per Hansen, neither with consent. */
  async function planWithWaiting(title: string, person: { personName: string; personAccountId?: string }): Promise<string> {
    const created = await kari.post('/api/plans', { title, ...person, ...(person.personAccountId ? {} : { personNoContact: true }) });
    expect(created.status).toBe(201);
    const planId = created.body.plan.id as string;
    const invited = await kari.post(`/api/plans/${planId}/members`, {
      email: demoAccount('fjordvik', 'relative').email,
      name: 'Jonas Lund',
      role: 'relative',
    });
    const token = (invited.body.invitationUrl as string).split('/').pop();
    expect((await app.client.post(`/api/invitations/${token}/accept`, { password: DEMO_PASSWORD })).status).toBe(200);
    const staff = await kari.get(`/api/directory/staff?planId=${planId}&q=${encodeURIComponent('Per Hansen')}`);
    expect((await kari.post(`/api/plans/${planId}/members`, { accountId: staff.body[0].accountId, role: 'professional' })).status).toBe(
      201,
    );
    return planId;
  }

  beforeAll(async () => {
    kari = await app.login(demoAccount('fjordvik', 'coordinator').email, DEMO_PASSWORD);
    paperPlan = await planWithWaiting('Olavs plan', { personName: 'Olav Fjell' });
    const sk = await app.login(demoAccount('fjordvik', 'systemkoordinator').email, DEMO_PASSWORD);
    const aina = (await sk.get('/api/accounts?limit=200')).body.items.find(
      (a: { email: string }) => a.email === demoAccount('fjordvik', 'citizen').email,
    );
    appPlan = await planWithWaiting('Ainas andre plan', { personName: 'Aina Lund', personAccountId: aina.id });
    browser = await launchBrowser();
  }, 120_000);
  afterEach(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    contexts = [];
  });
  afterAll(async () => {
    await browser?.close();
  }, BROWSER_TEST_MS);

  it(
    'a relative who waits sees why, who decides and what happens next, instead of a dead end',
    async () => {
      const page = await loggedIn('relative', '/');
      const card = page.locator(`[data-plan-id="${paperPlan}"]`);
      await card.getByText('Du ser planen når personen har gitt samtykke.').waitFor();
      await card.getByRole('link', { name: 'Hva skjer nå?' }).click();
      await page.getByRole('heading', { level: 1, name: 'Venter på samtykke' }).waitFor();
      const screen = page.getByTestId('waiting-for-consent');
      await screen.getByText(/Olav Fjell har ikke gitt samtykke til at du ser den ennå/).waitFor();
      await screen.getByText(/Olav Fjell kan ikke logge inn selv\. Kari Nilsen kan registrere samtykke/).waitFor();
      await page.getByRole('button', { name: 'Sjekk igjen' }).click();
      await page.getByText('Samtykket er ikke gitt ennå.').waitFor();
      await expectAccessibleAndFits(page, 'consent-waiting-member');
    },
    BROWSER_TEST_MS,
  );

  it(
    'the coordinator sees consent missing, records the consent given on paper with the scan, and the relative gets in',
    async () => {
      const page = await loggedIn('coordinator', '/');
      const card = page.locator(`[data-plan-id="${paperPlan}"]`);
      await card.getByRole('link', { name: 'Samtykke mangler: 2 personer venter' }).waitFor();
      await card.getByRole('link', { name: 'Olavs plan' }).click();
      const banner = page.getByTestId('consent-needs');
      await banner.getByText('Olav Fjell har ikke gitt samtykke til planen.').waitFor();
      await banner.getByText('2 personer venter på samtykke for å se planen.').waitFor();
      await expectAccessibleAndFits(page, 'consent-missing-banner');
      await banner.getByRole('link', { name: 'Registrer samtykke gitt på papir' }).click();

      const form = page.getByTestId('consent-record-form');
      await form.waitFor();
      expect(await form.getByRole('radio', { name: 'På papir (signert skjema)' }).isChecked()).toBe(true);
      expect(await form.getByRole('checkbox', { name: 'At planen lages' }).isChecked()).toBe(true);
      expect(await form.getByRole('checkbox', { name: /At Jonas Lund .* kan se planen/ }).isChecked()).toBe(true);
      expect(await form.getByRole('checkbox', { name: /At Per Hansen .* kan se planen/ }).isChecked()).toBe(true);
      await form.getByLabel('Merknad (valgfritt)').fill('Signert i første ansvarsgruppemøte');
      await form.locator('input[type=file]').setInputFiles({ name: 'samtykke.pdf', mimeType: 'application/pdf', buffer: samplePdf() });
      await expectAccessibleAndFits(page, 'consent-record-form');
      await form.getByRole('button', { name: 'Registrer samtykket' }).click();
      await page.getByText('Samtykket er registrert, og skjemaet er lagret.').waitFor();

      // Marked as such, with the scan to download; the banner is gone.
      const recorded = page.getByTestId('consent-recorded');
      await recorded
        .first()
        .getByText(/Samtykke gitt på papir .*, registrert av Kari Nilsen/)
        .waitFor();
      expect(await recorded.count()).toBe(3);
      await page
        .getByTestId('consent-document')
        .first()
        .getByText(/Last ned skjemaet \(PDF/)
        .waitFor();
      await page.getByTestId('consent-needs').waitFor({ state: 'detached' });
      const download = page.waitForEvent('download');
      await page.getByTestId('consent-document').first().click();
      expect((await download).suggestedFilename()).toBe('samtykke.pdf');

      const relative = await loggedIn('relative', `/planer/${paperPlan}`);
      await relative.getByRole('heading', { level: 1, name: 'Olavs plan' }).waitFor();
    },
    BROWSER_TEST_MS,
  );

  it(
    'where the person can log in, the coordinator sees who waits and reminds the person in one step',
    async () => {
      const page = await loggedIn('coordinator', `/planer/${appPlan}?vis=folk`);
      const waiting = page.getByTestId('consent-waiting');
      await waiting.getByText(/Jonas Lund \(pårørende\), venter siden/).waitFor();
      await waiting.getByText(/Per Hansen/).waitFor();
      await waiting.getByRole('button', { name: 'Send påminnelse til Aina Lund' }).click();
      await waiting.getByText('Påminnelsen er sendt til 1 person.').waitFor();
      await waiting.getByText(/Aina Lund ble minnet på samtykke/).waitFor();
      await waiting.getByText(/Du kan sende en ny påminnelse/).waitFor();
      expect(await waiting.getByRole('button', { name: 'Send påminnelse til Aina Lund' }).count()).toBe(0);
      await expectAccessibleAndFits(page, 'consent-waiting-coordinator');

      // The person has it in the app; the waiting relative sees that she was reminded.
      const aina = await loggedIn('citizen', '/varsler');
      await aina.getByText('Planen «Ainas andre plan» venter på samtykket ditt').waitFor();
      const relative = await loggedIn('relative', `/planer/${appPlan}`);
      await relative.getByText(/Aina Lund ble minnet på samtykke/).waitFor();
      await relative.getByText(/Kari Nilsen kan minne Aina Lund på det/).waitFor();
    },
    BROWSER_TEST_MS,
  );

  it(
    'the systemkoordinator reminds the coordinator of a quiet plan in one step, once a day',
    async () => {
      const db = new Client({ connectionString: app.databaseUrl });
      await db.connect();
      try {
        await db.query(`UPDATE plans SET last_activity_at = now() - interval '90 days' WHERE id = $1`, [appPlan]);
      } finally {
        await db.end();
      }
      const page = await loggedIn('systemkoordinator', '/koordinerende-enhet');
      const row = page.locator(`#inactive [data-plan-id="${appPlan}"], [data-testid="plan-row"][data-plan-id="${appPlan}"]`).first();
      await row.getByRole('button', { name: /Minn Kari Nilsen på planen/ }).click();
      await row.getByText('Kari Nilsen har fått en påminnelse med lenke til planen.').waitFor();
      await row.getByRole('button', { name: /Minn Kari Nilsen på planen/ }).click();
      await row.getByText(/Kari Nilsen fikk en påminnelse om dette allerede .*Vi sender bare én om dagen\./).waitFor();
      await expectAccessibleAndFits(page, 'overview-nudge');

      const coordinator = await loggedIn('coordinator', '/varsler');
      await coordinator.getByText('Påminnelse fra koordinerende enhet: Ainas andre plan').waitFor();
    },
    BROWSER_TEST_MS,
  );
});
