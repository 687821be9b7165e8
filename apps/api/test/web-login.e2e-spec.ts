/**
 * The web app in a real browser: logging in, "Mine planer", the language switch, deep links and
 * the screens a logged-out visitor sees. Each screen passes axe-core and fits 360 px.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, loginInBrowser, newContext, screenshotBoth, seriousA11yViolations, useTestApp } from '#testing';
import { DEMO_PASSWORD, demoAccount } from '../src/database/seed/demo-accounts';
import { createPlanFixture, type PlanFixture } from './fixtures/plan-fixture';

describe('web app: login and Mine planer', () => {
  const app = useTestApp();
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let f: PlanFixture;

  beforeAll(async () => {
    f = await createPlanFixture(app, 'Ainas plan');
    browser = await launchBrowser();
  }, 60_000);
  beforeEach(async () => {
    context = await newContext(browser, app.api.url);
    page = await context.newPage();
  });
  afterEach(async () => {
    await context?.close();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('serves the app at / with lang="nb", and a deep link to a plan asks for login first', async () => {
    await page.goto(`/planer/${f.planId}`);
    await page.waitForURL(/\/login\?returnTo=/);
    expect(await page.getAttribute('html', 'lang')).toBe('nb');
    // The login screen is a lazy part: the address changes before its heading is drawn.
    await page.getByRole('heading', { level: 1, name: 'Logg inn' }).waitFor({ state: 'visible' });
    expect(await seriousA11yViolations(page)).toEqual([]);
    const shot = await screenshotBoth(page, 'login');
    expect(shot.phoneHorizontalScroll).toBe(false);
  });

  it('says so in plain words when the password is wrong', async () => {
    await page.goto('/login');
    await page.getByLabel('E-post').fill(demoAccount('fjordvik', 'coordinator').email);
    await page.getByLabel('Passord', { exact: true }).fill('feil-passord');
    await page.getByRole('button', { name: 'Logg inn', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Feil e-post eller passord.' }).waitFor();
  });

  it('logs in and lists my plans with my role, next meeting and open tasks', async () => {
    await loginInBrowser(page, demoAccount('fjordvik', 'coordinator').email, DEMO_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Mine planer' }).waitFor();
    const card = page.locator('.plan-card').filter({ hasText: 'Ainas plan' }).first();
    await card.waitFor();
    expect(await card.innerText()).toContain('koordinator');
    expect(await card.innerText()).toContain('Neste møte');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect((await screenshotBoth(page, 'mine-planer')).phoneHorizontalScroll).toBe(false);
    await card.getByRole('link', { name: 'Ainas plan' }).click();
    await page.waitForURL(new RegExp(`/planer/${f.planId}$`));
    await page.getByRole('heading', { level: 2, name: 'Hva er viktig for Aina Lund' }).waitFor();
  });

  it('after login, returns to the deep link it came from', async () => {
    await loginInBrowser(page, demoAccount('fjordvik', 'citizen').email, DEMO_PASSWORD, `/planer/${f.planId}`);
    await page.waitForURL(new RegExp(`/planer/${f.planId}$`));
    await page.getByRole('heading', { level: 2, name: 'Hva er viktig for meg' }).waitFor();
  });

  it('opens a notification link to a task or a note at that section of the plan', async () => {
    await loginInBrowser(
      page,
      demoAccount('fjordvik', 'citizen').email,
      DEMO_PASSWORD,
      `/planer/${f.planId}/tiltak/00000000-0000-4000-8000-000000000000`,
    );
    await page.waitForURL(new RegExp(`/planer/${f.planId}#goals$`));
    await page.goto(`/planer/${f.planId}/journal/00000000-0000-4000-8000-000000000000`);
    await page.waitForURL(new RegExp(`/planer/${f.planId}#journal$`));
    // The journal is in the plan's "Historikk" part.
    await page.getByRole('heading', { level: 2, name: 'Dagbok' }).waitFor();
    expect(await page.locator('.plan-tabs a[aria-current="page"]').innerText()).toBe('Historikk');
  });

  it('switches to English and back, with <html lang> following', async () => {
    await loginInBrowser(page, demoAccount('fjordvik', 'citizen').email, DEMO_PASSWORD);
    await page.getByTestId('language-switch').click();
    // The person's own home is "Min plan".
    await page.getByRole('heading', { level: 1, name: 'My plan' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { level: 1, name: 'Min plan' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('nb');
  });

  it('shows a plain "not found" page for an unknown path, without a scrollbar sideways', async () => {
    await page.goto('/finnes-ikke');
    await page.getByRole('heading', { level: 1, name: 'Fant ikke siden' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect((await screenshotBoth(page, 'ikke-funnet')).phoneHorizontalScroll).toBe(false);
  });
});
