/**
 * Writing the minutes together in real browsers (issue 15): Kari (coordinator) and Per
 * (professional) type into the same minutes at the same time for ten seconds at human speed, and
 * the text holds every character of both, each in its writer's order; one of them goes offline,
 * both type, and the texts merge when she is back; the field over REST equals the editors once
 * typing settles; others' carets show by name; a member whose consent is revoked is refused.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { eventually, launchBrowser, loginInBrowser, newContext, PHONE, seriousA11yViolations, useTestApp } from '#testing';
import { DEMO_PASSWORD, demoAccount } from '../src/database/seed/demo-accounts';
import { createPlanFixture, type PlanFixture } from './fixtures/plan-fixture';

const LABEL = 'Referat fra møtet';

describe('web app: writing the minutes together', () => {
  const app = useTestApp();
  let f: PlanFixture;
  let meetingId: string;
  let browser: Browser;
  let kariContext: BrowserContext;
  let perContext: BrowserContext;
  let kari: Page;
  let per: Page;

  const minutes = (page: Page) => page.getByLabel(LABEL);
  const minutesOverRest = async () =>
    (await f.clients.coordinator.get(`/api/plans/${f.planId}/meetings/${meetingId}`)).body.minutes as string;
  const status = (page: Page) => page.locator('[data-shared-text]').filter({ has: page.getByLabel(LABEL) });
  /** Focuses the minutes by keyboard-free click and waits until the editor is live. */
  async function openEditor(page: Page) {
    await minutes(page).click();
    await status(page).and(page.locator('[data-shared-text="live"]')).waitFor({ timeout: 15_000 });
  }
  /** Types `text` at the end of what this writer typed last (the caret stays where the writer left it). */
  const type = (page: Page, text: string, delay: number) => minutes(page).pressSequentially(text, { delay, timeout: 60_000 });

  beforeAll(async () => {
    f = await createPlanFixture(app, 'Referat sammen');
    const meeting = await f.clients.coordinator.post(`/api/plans/${f.planId}/meetings`, {
      startsAt: '2030-03-03T09:00:00+01:00',
      agenda: [{ title: 'Hvordan går det med gåtreningen?' }],
    });
    meetingId = meeting.body.entityId;
    browser = await launchBrowser();
    kariContext = await newContext(browser, app.api.url);
    perContext = await newContext(browser, app.api.url, PHONE); // Per writes on his phone
    kari = await kariContext.newPage();
    per = await perContext.newPage();
    const path = `/planer/${f.planId}/mote/${meetingId}`;
    await loginInBrowser(kari, demoAccount('fjordvik', 'coordinator').email, DEMO_PASSWORD, path);
    await loginInBrowser(per, demoAccount('fjordvik', 'professional').email, DEMO_PASSWORD, path);
    await minutes(kari).waitFor();
    await minutes(per).waitFor();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('keeps every character of two people typing at once for ten seconds, each in their own order', async () => {
    await openEditor(kari);
    await openEditor(per);
    // Per starts on a line of his own, then both type at once, at about 8 characters a second.
    await type(per, '\n', 0);
    await minutes(kari).press('Control+Home');
    const mine = 'kari skriver referat fra motet og noterer hva aina sa om treningen hver dag denne uka';
    const theirs = 'PER NOTERER TILTAK OG HVEM SOM HAR ANSVARET FOR GAATRENINGEN OG TRANSPORTEN DIT';
    const started = Date.now();
    await Promise.all([type(kari, mine, 120), type(per, theirs, 120)]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(9000);
    // While they typed, each saw the other's caret by name.
    await per.locator('.remote-caret-name', { hasText: 'Kari Nilsen' }).waitFor({ timeout: 5000 });
    await eventually(async () => (await minutes(kari).inputValue()) === (await minutes(per).inputValue()), 15_000);
    const text = await minutes(kari).inputValue();
    expect(text.length).toBe(mine.length + theirs.length + 1);
    expect([...text].filter((c) => /[a-z]/.test(c)).join('')).toBe(mine.replaceAll(' ', ''));
    expect([...text].filter((c) => /[A-Z]/.test(c)).join('')).toBe(theirs.replaceAll(' ', ''));
    // A screen reader heard of Kari's edits politely, in one sentence, not per keystroke.
    await eventually(async () =>
      /Kari Nilsen endret «Referat fra møtet»/.test(await status(per).getByTestId('shared-text-announcement').innerText()),
    );
    // Settled: the field over REST is the editors' text.
    await minutes(kari).blur();
    await eventually(async () => (await minutesOverRest()) === text, 10_000);
    expect(await seriousA11yViolations(kari)).toEqual([]);
  }, 120_000);

  it('merges what both wrote while one of them was offline', async () => {
    const before = await minutes(kari).inputValue();
    await perContext.setOffline(true);
    await status(per).and(per.locator('[data-shared-text="offline"]')).waitFor();
    expect(await status(per).innerText()).toContain('Frakoblet');
    await minutes(per).press('Control+End');
    await type(per, ' BORTE', 60);
    await minutes(kari).press('Control+Home');
    await type(kari, 'imens ', 60);
    await eventually(async () => (await minutes(kari).inputValue()).startsWith('imens '));
    expect(await minutes(kari).inputValue()).not.toContain('BORTE');
    await perContext.setOffline(false);
    await eventually(async () => {
      const [a, b] = [await minutes(kari).inputValue(), await minutes(per).inputValue()];
      return a === b && a.startsWith('imens ') && a.endsWith(' BORTE');
    }, 20_000);
    expect((await minutes(kari).inputValue()).length).toBe(before.length + 'imens '.length + ' BORTE'.length);
    await minutes(per).blur();
    await minutes(kari).blur();
    const text = await minutes(kari).inputValue();
    await eventually(async () => (await minutesOverRest()) === text, 10_000);
  }, 90_000);

  it("refuses a member's updates once the person revokes their consent", async () => {
    await openEditor(per);
    await minutes(per).press('Control+End');
    await type(per, ' SISTE', 40);
    await eventually(async () => (await minutes(kari).inputValue()).endsWith(' SISTE'), 10_000);
    const revoked = await f.clients.person.post(`/api/plans/${f.planId}/consents/${f.consentIds.professional}/revoke`);
    expect(revoked.status).toBe(200);
    // Per's app is told at once; whatever he types now stays on his device.
    await per
      .getByText(/samtykke/i)
      .first()
      .waitFor({ timeout: 10_000 });
    if (
      await minutes(per)
        .isEditable()
        .catch(() => false)
    )
      await type(per, ' ETTER', 20);
    await minutes(kari).blur();
    await eventually(async () => (await minutesOverRest()).endsWith(' SISTE'), 10_000);
    await new Promise((r) => setTimeout(r, 1500)); // a settle (1 s) would have brought anything else
    expect(await minutesOverRest()).not.toContain('ETTER');
    expect(await minutes(kari).inputValue()).not.toContain('ETTER');
  }, 90_000);
});
