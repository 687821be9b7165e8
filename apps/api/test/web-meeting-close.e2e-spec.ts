/**
 * Meetings that end in a plan, in the browser: in meeting mode the coordinator makes a decision a
 * task linked to a goal; a second member's plan panel shows it under that goal at once, from the
 * live event alone (no reload of the plan); then the coordinator approves the minutes with who was
 * present and the next meeting, and both screens turn read-only. axe-core finds no serious or
 * critical violation on the open and the closed meeting.
 */
import type { Browser, Page } from 'playwright-core';
import {
  eventually,
  expectAccessibleAndFits,
  launchBrowser,
  loginInBrowser,
  newContext,
  seriousA11yViolations,
  useTestApp,
} from '#testing';
import { DEMO_PASSWORD, demoAccount } from '../src/database/seed/demo-accounts';
import { createPlanFixture, type PlanFixture } from './fixtures/plan-fixture';

describe('web app: a meeting that ends in a plan', () => {
  const app = useTestApp({ REMINDER_INTERVAL_SECONDS: '0' });
  let f: PlanFixture;
  let browser: Browser;
  let meetingId: string;
  let goalId: string;

  beforeAll(async () => {
    f = await createPlanFixture(app, 'Ainas plan');
    const c = f.clients.coordinator;
    const url = `/api/plans/${f.planId}`;
    const goal = await c.post(`${url}/goals`, { title: 'Trygg skolevei' });
    expect(goal.status).toBe(201);
    goalId = goal.body.entityId;
    await c.post(`${url}/goals`, { title: 'Gå på butikken selv' });
    await c.post(`${url}/tasks`, { title: 'Gåtrening', goalId, responsibleMemberId: f.memberIds.professional });
    const meeting = await c.post(`${url}/meetings`, {
      title: 'Ansvarsgruppemøte',
      startsAt: '2026-11-30T09:00:00+01:00',
      location: 'Fjordvik helsestasjon, møterom 2',
      agenda: [{ title: 'Skoleveien' }, { title: 'Neste steg' }],
    });
    meetingId = meeting.body.entityId;
    browser = await launchBrowser();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('a decision becomes a task under the chosen goal, live in a second member’s plan panel; then the coordinator closes the meeting', async () => {
    const path = `/planer/${f.planId}/mote/${meetingId}`;
    const kari = await (await newContext(browser, app.api.url)).newPage();
    const per = await (await newContext(browser, app.api.url)).newPage();
    await loginInBrowser(kari, demoAccount('fjordvik', 'coordinator').email, DEMO_PASSWORD, path);
    await loginInBrowser(per, demoAccount('fjordvik', 'professional').email, DEMO_PASSWORD, path);
    for (const page of [kari, per]) {
      await page.getByRole('heading', { level: 1, name: 'Ansvarsgruppemøte' }).waitFor();
      await page.locator(`aside [data-goal-id="${goalId}"]`).getByText('Gåtrening').waitFor();
    }
    // Per's plan is loaded; from now on his panel must follow the meeting from the live events, not by fetching the plan again.
    const reloads: string[] = [];
    per.on('request', (r) => {
      if (r.method() === 'GET' && new URL(r.url()).pathname === `/api/plans/${f.planId}`) reloads.push(r.url());
    });

    // The decision, with the goal picked in the form, responsible and due date.
    await kari.getByLabel('Hva ble bestemt').fill('Søke om skoleskyss');
    await kari.getByLabel('Hvilket mål hører tiltaket til?').selectOption({ label: 'Trygg skolevei' });
    await kari.getByLabel('Hvem har ansvaret').selectOption({ label: 'Jonas Lund' });
    await kari.getByLabel('Innen').fill('2027-01-15');
    expect(await seriousA11yViolations(kari)).toEqual([]);
    await kari.getByRole('button', { name: 'Legg til vedtak og tiltak' }).click();

    // In Per's panel at once: under the goal, and in "Nytt i dette møtet", marked new.
    const underGoal = per.locator(`aside [data-goal-id="${goalId}"] li`, { hasText: 'Søke om skoleskyss' });
    await underGoal.waitFor();
    await underGoal.getByText('Nytt').waitFor();
    await per.locator('aside .glance-new').getByText('Søke om skoleskyss · Jonas Lund').waitFor();
    expect(await per.locator('aside [data-goal-id="none"]').count()).toBe(0);
    expect(reloads).toEqual([]);
    const plan = (await f.clients.coordinator.get(`/api/plans/${f.planId}`)).body;
    expect(plan.tasks.find((t: { title: string }) => t.title === 'Søke om skoleskyss')).toMatchObject({
      goalId,
      responsibleMemberId: f.memberIds.relative,
      dueDate: '2027-01-15',
    });
    await expectAccessibleAndFits(per, 'motemodus-live-panel');

    // Only the coordinator approves the minutes; Per is told so.
    await per.getByText('Koordinatoren godkjenner referatet og avslutter møtet.').waitFor();
    expect(await per.getByRole('button', { name: 'Godkjenn referatet og avslutt møtet' }).count()).toBe(0);

    // Minutes, then close: who was present (Per and Aina), and the next meeting.
    await kari.getByLabel('Referat fra møtet').fill('Aina og Per gikk skoleveien sammen i forrige uke.');
    await eventually(
      async () => (await per.getByLabel('Referat fra møtet').inputValue()) === 'Aina og Per gikk skoleveien sammen i forrige uke.',
    );
    const closeForm = kari.locator('.meeting-close');
    // Who was present is the attendance ticked in the meeting; the close form says so.
    await kari.locator('#meeting-attendance').getByLabel('Aina Lund (personen planen gjelder)').check();
    await kari.locator('#meeting-attendance').getByLabel('Per Hansen (tjenesteyter)').check();
    await closeForm.getByText('Til stede: Aina Lund, Per Hansen.').waitFor();
    await closeForm.getByLabel('Dato').fill('2027-01-20');
    await closeForm.getByLabel('Klokkeslett').fill('09:00');
    await closeForm.getByLabel('Sted', { exact: true }).fill('Fjordvik skole, møterom 1');
    await expectAccessibleAndFits(kari, 'motemodus-avslutt');
    await closeForm.getByRole('button', { name: 'Godkjenn referatet og avslutt møtet' }).click();

    // Both screens: closed, by whom, who was present, the next meeting; nothing left to write in.
    for (const page of [kari, per] as Page[]) {
      await page.getByRole('heading', { level: 2, name: 'Møtet er avsluttet' }).waitFor();
      await page.getByText('Til stede: Aina Lund, Per Hansen.').waitFor();
      await page.getByRole('link', { name: /Neste møte: .*20\. jan.*Fjordvik skole, møterom 1/ }).waitFor();
      await eventually(async () => (await page.getByLabel('Referat fra møtet').getAttribute('readonly')) !== null);
      expect(await page.getByLabel('Hva ble bestemt').count()).toBe(0);
      expect(await page.getByLabel('Ny sak').count()).toBe(0);
    }
    await kari.getByText('Referatet ble godkjent av Kari Nilsen').waitFor();
    // Focus moved from the button to what it made.
    await eventually(async () => (await kari.evaluate('document.activeElement?.textContent')) === 'Møtet er avsluttet');
    const meeting = (await f.clients.person.get(`/api/plans/${f.planId}/meetings/${meetingId}`)).body;
    expect(meeting).toMatchObject({ status: 'held', closedBy: { name: 'Kari Nilsen' }, closedAt: expect.any(String) });
    expect([...meeting.attendees].sort()).toEqual([f.memberIds.person, f.memberIds.professional].sort());
    const next = (await f.clients.person.get(`/api/plans/${f.planId}/meetings/${meeting.nextMeetingId}`)).body;
    expect(next).toMatchObject({ startsAt: '2027-01-20T08:00:00.000Z', location: 'Fjordvik skole, møterom 1', status: 'planned' });
    await expectAccessibleAndFits(kari, 'motemodus-avsluttet');

    // The history tells it in words.
    await kari.goto(`/planer/${f.planId}?vis=historikk`);
    await kari.locator('#history').getByText('Vis endringene').click();
    // A cold load of the plan with its history part (a lazy chunk): on a busy machine more than the default 10 s.
    await kari.getByText('Kari Nilsen godkjente referatet og avsluttet møtet «Ansvarsgruppemøte»').waitFor({ timeout: 30_000 });
    await kari
      .getByText('Kari Nilsen førte et vedtak i møtet «Ansvarsgruppemøte» og la til tiltaket «Søke om skoleskyss»')
      .waitFor({ timeout: 30_000 });
  }, 120_000);
});
