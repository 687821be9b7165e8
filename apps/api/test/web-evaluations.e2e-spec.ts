/**
 * The evaluation journey in a real browser (issue 14): the person rates her goals on a 360×740
 * phone before the meeting and answers the weekly check-in on her home; the coordinator opens the
 * meeting, evaluates the plan one goal at a time (her ratings already there), and finishes; the
 * plan's progress charts (with their tables), the T-score and the history show it. axe-core finds
 * no serious or critical violation on any of these screens, and the phone never scrolls sideways.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { hasHorizontalScroll, launchBrowser, loginInBrowser, newContext, PHONE, seriousA11yViolations, useTestApp } from '#testing';
import { DEMO_PASSWORD, demoAccount } from '../src/database/seed/demo-accounts';
import { createPlanFixture, type PlanFixture } from './fixtures/plan-fixture';

describe('web app: evaluating the plan', () => {
  const app = useTestApp({ REMINDER_INTERVAL_SECONDS: '0' });
  let f: PlanFixture;
  let browser: Browser;
  let contexts: BrowserContext[] = [];
  const goals = { shop: '', stairs: '' };
  let meetingId = '';

  async function open(key: string, path: string, viewport?: { width: number; height: number }): Promise<Page> {
    const context = await newContext(browser, app.api.url, viewport);
    contexts.push(context);
    const page = await context.newPage();
    await loginInBrowser(page, demoAccount('fjordvik', key).email, DEMO_PASSWORD, path);
    return page;
  }
  const picker = (page: Page, title: string) => page.getByRole('group', { name: `Hvordan går det med «${title}»?` });

  beforeAll(async () => {
    f = await createPlanFixture(app, 'Evalueringsplan');
    goals.shop = (await f.clients.person.post(`/api/plans/${f.planId}/goals`, { title: 'Gå på butikken selv' })).body.entityId;
    goals.stairs = (await f.clients.coordinator.post(`/api/plans/${f.planId}/goals`, { title: 'Bli trygg i trappen' })).body.entityId;
    meetingId = (
      await f.clients.coordinator.post(`/api/plans/${f.planId}/meetings`, {
        startsAt: '2027-01-14T09:00:00.000Z',
        title: 'Evalueringsmøte',
      })
    ).body.entityId;
    browser = await launchBrowser();
  }, 120_000);
  afterEach(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    contexts = [];
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the person rates her goals on the phone before the meeting, in pictures and words, and answers the weekly check-in', async () => {
    const page = await open('citizen', `/planer/${f.planId}`, PHONE);
    await page.getByRole('heading', { level: 2, name: 'Hvordan går det' }).waitFor();
    await page.getByRole('link', { name: 'Si hvordan det går, før møtet' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hvordan går det? Før møtet' }).waitFor();
    const shop = picker(page, 'Gå på butikken selv');
    // The pickers show once the goals' ratings so far have loaded (after the heading).
    await shop.getByRole('radio').first().waitFor();
    // Five steps in words, no numbers.
    expect(await shop.getByRole('radio').count()).toBe(5);
    expect(await shop.innerText()).not.toMatch(/[-+]?\d/);
    // A tap target of at least 44 px.
    const box = await shop.locator('label').first().boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    await shop.getByText('Litt bedre enn forventet', { exact: true }).click();
    await page.getByText('Lagret: Litt bedre enn forventet').waitFor();
    await page.getByRole('textbox', { name: 'Med dine egne ord (valgfritt, gjerne på ditt eget språk)' }).fill('Jeg var der to ganger');
    await page.getByRole('button', { name: 'Lagre ordene' }).click();
    await picker(page, 'Bli trygg i trappen').getByText('Litt verre enn forventet', { exact: true }).click();
    await page.getByText('Lagret: Litt verre enn forventet').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await hasHorizontalScroll(page)).toBe(false);
    const drafts = (await f.clients.person.get(`/api/plans/${f.planId}/evaluations`)).body.selfRatings as {
      goalId: string;
      comment: string;
    }[];
    expect(drafts.find((d) => d.goalId === goals.shop)!.comment).toBe('Jeg var der to ganger');

    // The home asks how it goes this week: one tap per goal.
    await page.goto('/');
    const checkin = page.locator(`[data-checkin-plan="${f.planId}"]`);
    await checkin.getByRole('heading', { name: 'Hvordan går det med …?' }).waitFor();
    await picker(page, 'Bli trygg i trappen').getByText('Som forventet', { exact: true }).click();
    await checkin.getByText('Bli trygg i trappen: Takk! Du svarte «Som forventet» denne uka.').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await hasHorizontalScroll(page)).toBe(false);
  });

  it('the coordinator evaluates in the meeting, one goal at a time; the chart, the T-score and the history show it', async () => {
    const page = await open('coordinator', `/planer/${f.planId}/mote/${meetingId}`);
    await page.getByRole('heading', { level: 1, name: 'Evalueringsmøte' }).waitFor();
    await page.getByRole('link', { name: 'Evaluer planen i dette møtet' }).click();
    await page.getByRole('heading', { level: 1, name: 'Evaluering av planen' }).waitFor();
    await page.getByText('Steg 1 av 4').waitFor();
    const who = page.getByRole('group', { name: 'Hvem er med?' });
    expect(await who.getByRole('checkbox', { name: 'Aina Lund (personen planen gjelder)' }).isChecked()).toBe(true);
    await who.getByRole('checkbox', { name: /^Per Hansen/ }).check();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Neste' }).click();

    // Goal 1: the person's own rating is already there.
    await page.getByText('Aina Lund sa før møtet: «Litt bedre enn forventet»').waitFor();
    const shop = picker(page, 'Gå på butikken selv');
    expect(await shop.getByRole('radio', { name: 'Litt bedre enn forventet' }).isChecked()).toBe(true);
    expect(await page.getByRole('textbox', { name: /Med personens egne ord/ }).inputValue()).toBe('Jeg var der to ganger');
    await page.getByRole('radio', { name: 'Målet er nådd' }).check();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Neste' }).click();

    // Goal 2: the group changes it.
    const stairs = picker(page, 'Bli trygg i trappen');
    await stairs.waitFor();
    expect(await stairs.getByRole('radio', { name: 'Litt verre enn forventet' }).isChecked()).toBe(true);
    await page.getByRole('radio', { name: 'Endre målet' }).check();
    await page.getByRole('textbox', { name: 'Nytt mål, med personens ord' }).fill('Gå trappen med støtte');
    await page.getByRole('button', { name: 'Neste' }).click();

    // Dates and summary; then finish.
    await page.getByRole('heading', { name: 'Neste evaluering og planperioden' }).waitFor();
    const summary = page.getByTestId('evaluation-summary');
    expect(await summary.innerText()).toContain('Gå på butikken selv: Litt bedre enn forventet · Målet er nådd');
    expect(await summary.innerText()).toContain('Bli trygg i trappen: Litt verre enn forventet · Endre målet');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Fullfør evalueringen' }).click();
    await page.getByText('Evalueringen er lagret.', { exact: false }).waitFor();

    // The plan: goal 1 reached, goal 2 in new words, charts with a table, the T-score on request.
    await page.getByRole('link', { name: 'Til planen' }).click();
    const progress = page.getByTestId('progress');
    await progress.locator(`[data-goal-progress="${goals.shop}"] svg[role="img"]`).waitFor();
    const shopProgress = progress.locator(`[data-goal-progress="${goals.shop}"]`);
    await shopProgress.getByText(/^Sist: Litt bedre enn forventet/).waitFor();
    await shopProgress.getByText('Vis som tabell').click();
    const row = shopProgress.getByRole('row').filter({ hasText: 'Evaluering' });
    expect(await row.innerText()).toContain('Litt bedre enn forventet');
    const stairsProgress = progress.locator(`[data-goal-progress="${goals.stairs}"]`);
    await stairsProgress.getByRole('heading', { name: 'Gå trappen med støtte' }).waitFor();
    // The check-in is a dot on the chart beside the evaluation, for the coordinator.
    expect(await stairsProgress.locator('svg[role="img"]').getAttribute('data-rating-chart')).toBe('2');
    await progress.getByText('For deg som vil ha et tall (T-skår)').click();
    await progress.getByText(/^T-skår 50,0 \(/).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The history tells it in words.
    await page.goto(`/planer/${f.planId}?vis=historikk`);
    await page.getByText('Vis endringene', { exact: true }).click();
    await page
      .getByText(
        'Kari Nilsen evaluerte planen (2 mål): Gå på butikken selv: litt bedre enn forventet; Bli trygg i trappen: litt verre enn forventet',
      )
      .waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('the person sees the chart of her progress on the phone', async () => {
    const page = await open('citizen', `/planer/${f.planId}`, PHONE);
    const chart = page.locator(`[data-goal-progress="${goals.shop}"] svg[role="img"]`);
    await chart.waitFor();
    expect(await chart.getAttribute('aria-labelledby')).toBeTruthy();
    await page
      .locator(`[data-goal-progress="${goals.shop}"]`)
      .getByText(/^Sist: Litt bedre enn forventet/)
      .waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await hasHorizontalScroll(page)).toBe(false);
  });

  it('koordinerende enhet sees the follow-up counts, each a link to its list, and no content', async () => {
    const page = await open('systemkoordinator', '/koordinerende-enhet');
    const followUp = page.getByTestId('follow-up');
    await followUp.getByRole('heading', { name: 'Oppfølging av planene' }).waitFor();
    const rated = followUp.getByTestId('follow-up-rated_recently');
    const count = Number(await rated.getAttribute('data-count'));
    expect(count).toBeGreaterThanOrEqual(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await rated.getByRole('link', { name: new RegExp(`^${count} aktive? plan(er)? har en vurdering de siste 6 månedene$`) }).click();
    await page.getByRole('heading', { level: 1, name: 'Planene i kommunen' }).waitFor();
    expect(new URL(page.url()).searchParams.get('view')).toBe('rated_recently');
    await page.getByText('Evalueringsplan').first().waitFor();
    expect(await page.locator('body').innerText()).not.toContain('Gå trappen med støtte');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
