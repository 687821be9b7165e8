/**
 * Every screen of a full plan in the browser: the plan (for the person and the coordinator) and its
 * parts (Folk, Møter, Historikk), its
 * history and "Hvem har sett planen min", and meeting mode with a decision turned into a task in
 * one step. axe-core finds no serious or critical violation; screenshots at 1280×800 and 360×740.
 */
import type { Browser } from 'playwright-core';
import { eventually, expectAccessibleAndFits, launchBrowser, loginInBrowser, newContext, useTestApp } from '#testing';
import { DEMO_PASSWORD, demoAccount } from '../src/database/seed/demo-accounts';
import { createPlanFixture, type PlanFixture } from './fixtures/plan-fixture';

describe('web app: the plan and meeting mode', () => {
  const app = useTestApp();
  let f: PlanFixture;
  let browser: Browser;
  let meetingId: string;

  beforeAll(async () => {
    f = await createPlanFixture(app, 'Ainas plan');
    const c = f.clients.coordinator;
    const url = `/api/plans/${f.planId}`;
    await f.clients.person.patch(url, {
      baseRevision: (await c.get(url)).body.revision,
      whatMatters: 'Å bo hjemme og klare meg selv. Å gå på butikken og treffe venner på kafeen.',
    });
    const goal = await c.post(`${url}/goals`, { title: 'Gå på butikken selv', lifeArea: 'hverdagsmestring', targetDate: '2027-03-01' });
    await c.post(`${url}/tasks`, {
      title: 'Gåtrening',
      goalId: goal.body.entityId,
      how: 'Trening hjemme og ute, med fysioterapeut',
      scope: '2 t/uke',
      responsibleMemberId: f.memberIds.professional,
      dueDate: '2027-01-15',
    });
    await c.post(`${url}/tasks`, { title: 'Gå tur hver dag', goalId: goal.body.entityId, responsibleMemberId: f.memberIds.person });
    const meeting = await c.post(`${url}/meetings`, {
      title: 'Ansvarsgruppemøte',
      startsAt: '2027-01-10T09:00:00+01:00',
      location: 'Fjordvik helsestasjon, møterom 2',
      agenda: [{ title: 'Hvordan går det med gåtreningen?' }, { title: 'Neste steg' }],
    });
    meetingId = meeting.body.entityId;
    await c.post(`${url}/journal`, { body: 'Aina gikk til postkassen alene i dag.' });
    browser = await launchBrowser();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('the person reads what matters first, in her own words, then goals with their tasks; people, consent, meetings, notes and history one tap away', async () => {
    const page = await (await newContext(browser, app.api.url)).newPage();
    await loginInBrowser(page, demoAccount('fjordvik', 'citizen').email, DEMO_PASSWORD, `/planer/${f.planId}`);
    await page.getByTestId('what-matters-text').waitFor();
    const h2s = await page.locator('main h2').allInnerTexts();
    expect(h2s).toEqual(['Hva er viktig for meg', 'Mål og tiltak']);
    expect(await page.getByTestId('what-matters-text').innerText()).toContain('Å bo hjemme');
    const task = page.locator('.task-card').filter({ hasText: 'Gåtrening' });
    expect(await task.innerText()).toContain('omfang: 2 t/uke');
    expect(await task.innerText()).toContain('Ansvar: Per Hansen');
    await expectAccessibleAndFits(page, 'plan-person');

    const tab = (name: string) => page.locator('.plan-tabs').getByRole('link', { name }).click();
    await tab('Folk');
    await page.getByRole('heading', { level: 2, name: 'Ansvarsgruppen' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Samtykke' }).waitFor();
    await page.locator('.member-card').filter({ hasText: 'Per Hansen' }).filter({ hasText: 'Ergoterapi, Fjordvik kommune' }).waitFor();
    // Who has looked at the plan.
    await page.getByText('Vis hvem og når').click();
    await page.locator('#access-log table').getByText('Kari Nilsen').first().waitFor();
    await expectAccessibleAndFits(page, 'plan-person-folk');

    await tab('Møter');
    await page.getByRole('heading', { level: 2, name: 'Møter' }).waitFor();
    await page.getByText('Ansvarsgruppemøte').first().waitFor();

    // Notes and the history in plain language.
    await tab('Historikk');
    await page.getByText('Aina gikk til postkassen alene i dag.').waitFor();
    await page.getByText('Vis endringene').click();
    await page.locator('.history-list').getByText('Kari Nilsen la til målet «Gå på butikken selv»').waitFor();
    await expectAccessibleAndFits(page, 'plan-person-historikk');
  });

  it('works by keyboard: the first Tab reaches the skip link, which moves to the content', async () => {
    const page = await (await newContext(browser, app.api.url)).newPage();
    await loginInBrowser(page, demoAccount('fjordvik', 'citizen').email, DEMO_PASSWORD, `/planer/${f.planId}`);
    await page.getByTestId('what-matters-text').waitFor();
    await page.reload();
    await page.getByTestId('what-matters-text').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Hopp til innholdet');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement.id')).toBe('main');
  });

  it('the coordinator sees the plan with the same parts, and may invite', async () => {
    const page = await (await newContext(browser, app.api.url)).newPage();
    await loginInBrowser(page, demoAccount('fjordvik', 'coordinator').email, DEMO_PASSWORD, `/planer/${f.planId}`);
    await page.getByRole('heading', { level: 2, name: 'Hva er viktig for Aina Lund' }).waitFor();
    await page.getByRole('button', { name: 'Endre det som er viktig' }).waitFor();
    await expectAccessibleAndFits(page, 'plan-koordinator');
    await page.locator('.plan-tabs').getByRole('link', { name: 'Folk' }).click();
    await page.getByText('Inviter noen til planen').waitFor();
  });

  it('meeting mode: agenda beside the plan, attendance, live minutes, and a decision made a task in one step', async () => {
    const kari = await (await newContext(browser, app.api.url)).newPage();
    const per = await (await newContext(browser, app.api.url)).newPage();
    await loginInBrowser(kari, demoAccount('fjordvik', 'coordinator').email, DEMO_PASSWORD, `/planer/${f.planId}/mote/${meetingId}`);
    await loginInBrowser(per, demoAccount('fjordvik', 'professional').email, DEMO_PASSWORD, `/planer/${f.planId}/mote/${meetingId}`);
    await kari.getByRole('heading', { level: 1, name: 'Ansvarsgruppemøte' }).waitFor();
    await kari.locator('aside').getByText('Gåtrening').first().waitFor();
    // An agenda item's words are an editor of their own (written together, like the minutes).
    await eventually(async () => (await kari.getByLabel('Sak 1', { exact: true }).inputValue()) === 'Hvordan går det med gåtreningen?');

    // Attendance.
    await kari.getByLabel('Aina Lund (personen planen gjelder)').check();
    await kari.getByLabel('Per Hansen (tjenesteyter)').check();
    await per.getByLabel('Aina Lund (personen planen gjelder)').waitFor();
    await eventually(async () => (await per.locator('fieldset input[type=checkbox]:checked').count()) === 2);

    // Minutes, written by two, live.
    await kari.getByLabel('Referat fra møtet').fill('Aina går nå 15 minutter uten pause.');
    await eventually(async () => (await per.getByLabel('Referat fra møtet').inputValue()) === 'Aina går nå 15 minutter uten pause.');

    // A decision, with responsible and due date, becomes a task in the plan.
    await kari.getByLabel('Hva ble bestemt').fill('Søke om trygghetsalarm');
    await kari.getByLabel('Hvem har ansvaret').selectOption({ label: 'Jonas Lund' });
    await kari.getByLabel('Innen').fill('2027-02-01');
    await kari.getByRole('button', { name: 'Legg til vedtak og tiltak' }).click();
    await kari.locator('.decision-list').getByText('Søke om trygghetsalarm').waitFor();
    await kari.locator('.decision-list').getByText('Ansvar: Jonas Lund').waitFor();
    await per.locator('.decision-list').getByText('Søke om trygghetsalarm').waitFor();
    const plan = await f.clients.coordinator.get(`/api/plans/${f.planId}`);
    const task = plan.body.tasks.find((t: { title: string }) => t.title === 'Søke om trygghetsalarm');
    expect(task).toMatchObject({ responsibleMemberId: f.memberIds.relative, dueDate: '2027-02-01' });
    expect(plan.body.meetings[0].attendees.sort()).toEqual([f.memberIds.person, f.memberIds.professional].sort());
    await expectAccessibleAndFits(kari, 'motemodus');
  });
});
