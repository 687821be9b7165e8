/**
 * Writing an agenda item and a journal note together in real browsers (issue 15): Kari
 * (coordinator, desktop) and Per (professional, on a 360×740 phone) type into the same agenda
 * item at once and both keep every character, each in their own order; the item over REST equals
 * the editors once typing settles. Then both write the plan's journal note at once; Per adds it to
 * the journal with the keyboard only, and it becomes one entry with every character of both while
 * the note empties for both of them.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { AgendaItem } from '#contracts';
import { eventually, launchBrowser, loginInBrowser, newContext, PHONE, seriousA11yViolations, useTestApp } from '#testing';
import { DEMO_PASSWORD, demoAccount } from '../src/database/seed/demo-accounts';
import { createPlanFixture, type PlanFixture } from './fixtures/plan-fixture';

describe('web app: writing agenda items and a journal note together', () => {
  const app = useTestApp();
  let f: PlanFixture;
  let meetingId: string;
  let browser: Browser;
  let kariContext: BrowserContext;
  let perContext: BrowserContext;
  let kari: Page;
  let per: Page;

  const live = (page: Page, label: string) =>
    page
      .locator('[data-shared-text="live"]')
      .filter({ has: page.getByLabel(label, { exact: true }) })
      .waitFor({ timeout: 15_000 });
  async function openEditor(page: Page, label: string) {
    await page.getByLabel(label, { exact: true }).click();
    await live(page, label);
  }
  const type = (page: Page, label: string, text: string, delay: number) =>
    page.getByLabel(label, { exact: true }).pressSequentially(text, { delay, timeout: 60_000 });
  const value = (page: Page, label: string) => page.getByLabel(label, { exact: true }).inputValue();

  beforeAll(async () => {
    f = await createPlanFixture(app, 'Saksliste sammen');
    const meeting = await f.clients.coordinator.post(`/api/plans/${f.planId}/meetings`, {
      startsAt: '2030-03-03T09:00:00+01:00',
      agenda: [{ title: 'Skole' }, { title: 'Fritid' }],
    });
    meetingId = meeting.body.entityId;
    browser = await launchBrowser();
    kariContext = await newContext(browser, app.api.url);
    perContext = await newContext(browser, app.api.url, PHONE);
    kari = await kariContext.newPage();
    per = await perContext.newPage();
    const path = `/planer/${f.planId}/mote/${meetingId}`;
    await loginInBrowser(kari, demoAccount('fjordvik', 'coordinator').email, DEMO_PASSWORD, path);
    await loginInBrowser(per, demoAccount('fjordvik', 'professional').email, DEMO_PASSWORD, path);
    await kari.getByLabel('Sak 1', { exact: true }).waitFor();
    await per.getByLabel('Sak 1', { exact: true }).waitFor();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('keeps every character of two people typing into the same agenda item at once', async () => {
    await openEditor(kari, 'Sak 1');
    await openEditor(per, 'Sak 1');
    await kari.getByLabel('Sak 1', { exact: true }).press('End');
    await per.getByLabel('Sak 1', { exact: true }).press('Home');
    const mine = ' og leksehjelp etter skolen';
    const theirs = 'SFO OG ';
    await Promise.all([type(kari, 'Sak 1', mine, 90), type(per, 'Sak 1', theirs, 90)]);
    await per.locator('.remote-caret-name', { hasText: 'Kari Nilsen' }).waitFor({ timeout: 5000 });
    await eventually(async () => (await value(kari, 'Sak 1')) === (await value(per, 'Sak 1')), 15_000);
    const text = await value(kari, 'Sak 1');
    expect(text).toBe(`${theirs}Skole${mine}`);
    await kari.getByLabel('Sak 1', { exact: true }).blur();
    await per.getByLabel('Sak 1', { exact: true }).blur();
    const agendaOverRest = async () =>
      ((await f.clients.coordinator.get(`/api/plans/${f.planId}/meetings/${meetingId}`)).body.agenda as AgendaItem[]).map((i) => i.title);
    await eventually(async () => JSON.stringify(await agendaOverRest()) === JSON.stringify([text, 'Fritid']), 10_000);
    // "Done" is still a plain field beside the words, labelled with the item.
    await per.getByRole('checkbox', { name: 'Ferdig (sak 1)' }).check();
    await eventually(
      async () => ((await f.clients.coordinator.get(`/api/plans/${f.planId}/meetings/${meetingId}`)).body.agenda as AgendaItem[])[0].done,
      10_000,
    );
    expect(await seriousA11yViolations(per)).toEqual([]);
    // Nothing sticks out sideways on the phone.
    expect(await per.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
  }, 120_000);

  it('lets both write the journal note at once, and adding it makes one entry and empties the note for both', async () => {
    const LABEL = 'Nytt notat';
    // A note Per wrote on his phone before notes were shared is not lost: he is offered to add it.
    await per.evaluate(`localStorage.setItem('fellesplan.note.${f.planId}', 'Skrevet før på telefonen')`);
    for (const page of [kari, per]) {
      await page.goto(`/planer/${f.planId}`);
      await page.locator('.plan-tabs').getByRole('link', { name: 'Historikk' }).click();
      await page.getByLabel(LABEL, { exact: true }).waitFor();
    }
    await per.getByRole('button', { name: 'Legg det til i journalen' }).click();
    await per.getByRole('button', { name: 'Legg det til i journalen' }).waitFor({ state: 'detached' });
    const earlier = (await f.clients.coordinator.get(`/api/plans/${f.planId}/journal?limit=100`)).body.items as { body: string }[];
    expect(earlier.map((e) => e.body)).toContain('Skrevet før på telefonen');
    await openEditor(kari, LABEL);
    await openEditor(per, LABEL);
    await type(per, LABEL, '\n', 0);
    await kari.getByLabel(LABEL, { exact: true }).press('Control+Home');
    const mine = 'aina gikk til butikken alene';
    const theirs = 'PER VAR MED PAA TUREN';
    await Promise.all([type(kari, LABEL, mine, 90), type(per, LABEL, theirs, 90)]);
    await eventually(async () => (await value(kari, LABEL)) === (await value(per, LABEL)), 15_000);
    const text = await value(kari, LABEL);
    expect(text.length).toBe(mine.length + theirs.length + 1);
    expect([...text].filter((c) => /[a-z]/.test(c)).join('')).toBe(mine.replaceAll(' ', ''));
    expect([...text].filter((c) => /[A-Z]/.test(c)).join('')).toBe(theirs.replaceAll(' ', ''));
    await kari.getByLabel(LABEL, { exact: true }).blur();
    await eventually(async () => (await f.clients.coordinator.get(`/api/plans/${f.planId}/journal/draft`)).body.body === text, 10_000);
    // Per adds it with the keyboard only: from the note, Tab to the button, Enter.
    const add = per.getByRole('button', { name: 'Legg til i journalen' });
    await eventually(async () => add.isEnabled(), 10_000);
    await per.getByLabel(LABEL, { exact: true }).focus();
    for (let i = 0; i < 5 && !(await add.evaluate((el) => el === el.ownerDocument.activeElement)); i++) await per.keyboard.press('Tab');
    expect(await add.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await per.keyboard.press('Enter');
    const entries = async () =>
      (await f.clients.coordinator.get(`/api/plans/${f.planId}/journal?limit=100`)).body.items as {
        id: string;
        body: string;
        author: { name: string };
      }[];
    await eventually(async () => (await entries()).some((e) => e.body === text.trim()), 10_000);
    const posted = (await entries()).filter((e) => e.body === text.trim());
    expect(posted.length).toBe(1);
    const [entry] = posted;
    expect(entry.author.name).toBe('Per Hansen');
    // Both see the entry, and the note is empty for both.
    for (const page of [kari, per]) {
      await page.locator(`[data-journal-id="${entry.id}"]`).waitFor({ timeout: 10_000 });
      await eventually(async () => (await value(page, LABEL)) === '', 10_000);
    }
    expect((await f.clients.coordinator.get(`/api/plans/${f.planId}/journal/draft`)).body.body).toBe('');
    expect(await seriousA11yViolations(per)).toEqual([]);
  }, 120_000);
});
