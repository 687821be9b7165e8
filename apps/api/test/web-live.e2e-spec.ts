/**
 * Two people in one plan, live, in real browsers: the coordinator (Kari Nilsen) and the person
 * (Aina Lund). Edits appear for the other without reload; presence shows who is typing where;
 * a conflict on a one-line field shows both versions to keep one, and tells the other writer too;
 * going offline loses nothing.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { eventually, launchBrowser, loginInBrowser, newContext, useTestApp } from '#testing';
import { DEMO_PASSWORD, demoAccount } from '../src/database/seed/demo-accounts';
import { createPlanFixture, type PlanFixture } from './fixtures/plan-fixture';

const field = (page: Page, key: string) => page.locator(`[data-field="${key}"]`);
const control = (page: Page, key: string) => field(page, key).locator('input, textarea, select').first();

/** Waits until the field's control shows exactly this value (polled: the app's CSP forbids eval). */
function waitForValue(page: Page, key: string, value: string, timeout = 5000) {
  return eventually(async () => (await control(page, key).inputValue()) === value, timeout);
}

function waitForSaved(page: Page, key: string, timeout = 5000) {
  return page.locator(`[data-field="${key}"][data-save-status="saved"]`).waitFor({ timeout });
}

/** The plan is read first: "Endre" on the goal's card turns it into fields (a no-op when it already is). */
async function editGoal(page: Page, goalId: string) {
  const card = page.locator(`[data-goal-id="${goalId}"]`);
  if ((await card.getAttribute('data-editing-item')) === 'true') return;
  // The goal's own "Endre" (its tasks have one each too).
  await card
    .locator(':scope > .actions')
    .getByRole('button', { name: /^Endre/ })
    .click();
  await card.locator(`[data-field="goal:${goalId}:title"]`).waitFor();
}

/** The goal's title as read (the card's heading). */
function waitForGoalTitle(page: Page, goalId: string, title: string) {
  return eventually(async () => (await page.locator(`[data-goal-id="${goalId}"] .goal-title`).innerText()) === title);
}

/**
 * Whether the page's device keeps shared text of a plan item not yet stored: as a Yjs update
 * (typed in the open document) or as typed text (typed before the document opened).
 */
async function keptOnDevice(page: Page, item: string): Promise<boolean> {
  const keys = (await page.evaluate('Object.keys(localStorage)')) as string[];
  return keys.some((k) =>
    k.startsWith('fellesplan.unsaved.text.') || k.startsWith('fellesplan.unsaved.typed.') ? k.includes(`.${item}:`) : false,
  );
}

async function waitForConnection(page: Page, state: string, timeout = 10_000) {
  await page.locator(`.connection-banner[data-connection="${state}"]`).first().waitFor({ state: 'attached', timeout });
}

describe('web app: live together', () => {
  const app = useTestApp();
  let f: PlanFixture;
  let browser: Browser;
  let coordinatorContext: BrowserContext;
  let personContext: BrowserContext;
  let kari: Page;
  let aina: Page;
  let goalId: string;

  beforeAll(async () => {
    f = await createPlanFixture(app, 'Ainas plan');
    const goal = await f.clients.coordinator.post(`/api/plans/${f.planId}/goals`, {
      title: 'Gå på butikken selv',
      description: 'Handle mat to ganger i uka',
      lifeArea: 'hverdagsmestring',
    });
    goalId = goal.body.entityId;
    browser = await launchBrowser();
    coordinatorContext = await newContext(browser, app.api.url);
    personContext = await newContext(browser, app.api.url);
    kari = await coordinatorContext.newPage();
    aina = await personContext.newPage();
    await loginInBrowser(kari, demoAccount('fjordvik', 'coordinator').email, DEMO_PASSWORD, `/planer/${f.planId}`);
    await loginInBrowser(aina, demoAccount('fjordvik', 'citizen').email, DEMO_PASSWORD, `/planer/${f.planId}`);
    await waitForConnection(kari, 'live');
    await waitForConnection(aina, 'live');
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('shows who else is here', async () => {
    await aina.getByTestId('presence-bar').filter({ hasText: 'Kari Nilsen' }).waitFor();
    await kari.getByTestId('presence-bar').filter({ hasText: 'Aina Lund' }).waitFor();
  });

  it("shows Kari's goal edit to Aina within a second, and 'Kari Nilsen skriver …' while she types", async () => {
    const key = `goal:${goalId}:title`;
    await editGoal(kari, goalId);
    await editGoal(aina, goalId);
    await control(kari, key).click();
    await control(kari, key).pressSequentially(' med rullator', { delay: 20 });
    // While Kari is editing, Aina sees the marker on that very field.
    await field(aina, key).getByTestId('presence-marker').filter({ hasText: 'Kari Nilsen skriver' }).waitFor({ timeout: 3000 });
    await waitForSaved(kari, key);
    const savedAt = Date.now();
    await waitForValue(aina, key, 'Gå på butikken selv med rullator', 1000);
    expect(Date.now() - savedAt).toBeLessThan(1000);
    // Kari's field says it is saved, in words.
    expect(await field(kari, key).innerText()).toContain('Lagret');
    // Leaving the field clears the marker for Aina.
    await control(kari, key).blur();
    await field(aina, key).getByTestId('presence-marker').waitFor({ state: 'detached', timeout: 3000 });
  });

  it('shows both versions of a one-line field on a conflict, lets Aina keep hers, and tells Kari too', async () => {
    const key = `goal:${goalId}:title`;
    await editGoal(kari, goalId);
    await editGoal(aina, goalId);
    // Aina writes while her connection is down, so her change is based on the old title...
    await personContext.setOffline(true);
    await waitForConnection(aina, 'offline');
    await control(aina, key).fill('Handle mat selv');
    await field(aina, `${key}`).locator('[data-save-status="unsaved"], [data-testid="save-status"]').first().waitFor();
    // ...and Kari changes the same title meanwhile.
    await control(kari, key).fill('Handle mat to ganger i uka');
    await control(kari, key).blur();
    await waitForSaved(kari, key);
    await personContext.setOffline(false);
    const conflict = field(aina, key).getByTestId('conflict');
    await conflict.waitFor({ timeout: 10_000 });
    expect(await conflict.getByTestId('conflict-mine').innerText()).toBe('Handle mat selv');
    expect(await conflict.getByTestId('conflict-theirs').innerText()).toBe('Handle mat to ganger i uka');
    expect(await field(aina, key).getAttribute('data-save-status')).toBe('conflict');
    // Keep mine or keep theirs: never a glued merge.
    expect(await conflict.getByRole('button', { name: 'Slå sammen' }).count()).toBe(0);
    // Kari is told too, with Aina's version.
    const notice = field(kari, key).getByTestId('conflict-notice');
    await notice.waitFor({ timeout: 5000 });
    expect(await notice.innerText()).toContain('Aina Lund skrev også');
    expect(await notice.getByTestId('conflict-notice-theirs').innerText()).toContain('Handle mat selv');
    await conflict.getByRole('button', { name: 'Behold min' }).click();
    await waitForSaved(aina, key);
    await waitForValue(kari, key, 'Handle mat selv', 3000);
    // Aina chose: Kari's notice is gone, and the title is exactly one of the two versions.
    await notice.waitFor({ state: 'detached', timeout: 3000 });
    const goal = (await f.clients.coordinator.get(`/api/plans/${f.planId}`)).body.goals.find((g: { id: string }) => g.id === goalId);
    expect(goal.title).toBe('Handle mat selv');
  });

  it('keeps what Aina writes offline, catches her up when she is back, and loses nothing', async () => {
    const mine = `plan:${f.planId}:whatMatters`;
    const theirs = `goal:${goalId}:title`;
    await waitForConnection(aina, 'live');
    await aina.getByRole('button', { name: 'Endre det som er viktig' }).click();
    await personContext.setOffline(true);
    await waitForConnection(aina, 'offline');
    expect(await aina.locator('.connection-banner').innerText()).toContain('Du er uten nett');
    // What matters is shared text: typed offline, kept on the device until the server has it.
    await control(aina, mine).fill('Å klare meg selv hjemme, og å gå på butikken.');
    await field(aina, mine).locator('[data-testid="shared-text-status"]').filter({ hasText: 'Frakoblet' }).waitFor();
    await eventually(async () => keptOnDevice(aina, 'plan'));
    // Meanwhile Kari changes the goal and adds a task.
    await control(kari, theirs).fill('Gå på butikken selv, to ganger i uka');
    await control(kari, theirs).blur();
    await waitForSaved(kari, theirs);
    await f.clients.coordinator.post(`/api/plans/${f.planId}/tasks`, { title: 'Gåtrening med fysioterapeut', goalId, scope: '2 t/uke' });
    // Aina comes back: caught up with both changes, and her own edit is sent.
    await personContext.setOffline(false);
    await waitForConnection(aina, 'live');
    await waitForGoalTitle(aina, goalId, 'Gå på butikken selv, to ganger i uka');
    await aina.locator('.task-card').filter({ hasText: 'Gåtrening med fysioterapeut' }).waitFor();
    expect(await aina.locator('.task-card').filter({ hasText: 'Gåtrening med fysioterapeut' }).count()).toBe(1);
    await waitForSaved(aina, mine);
    await eventually(
      async () => (await kari.getByTestId('what-matters-text').innerText()) === 'Å klare meg selv hjemme, og å gå på butikken.',
    );
    const plan = await f.clients.person.get(`/api/plans/${f.planId}`);
    expect(plan.body.whatMatters).toBe('Å klare meg selv hjemme, og å gå på butikken.');
    expect(plan.body.goals.find((g: { id: string }) => g.id === goalId).title).toBe('Gå på butikken selv, to ganger i uka');
    // Both browsers hold the same revision as the server.
    await aina.locator(`.plan[data-plan-revision="${plan.body.revision}"]`).waitFor();
    await kari.locator(`.plan[data-plan-revision="${plan.body.revision}"]`).waitFor();
  });

  it('keeps what Aina typed offline when she closes the tab, and stores it with what Kari wrote meanwhile when she is back', async () => {
    const key = `plan:${f.planId}:whatMatters`;
    const before = (await f.clients.person.get(`/api/plans/${f.planId}`)).body;
    expect(before.whatMatters).toBe('Å klare meg selv hjemme, og å gå på butikken.');
    const tab = await personContext.newPage();
    await tab.goto(`/planer/${f.planId}`);
    await waitForConnection(tab, 'live');
    await tab.getByRole('button', { name: 'Endre det som er viktig' }).click();
    await personContext.setOffline(true);
    await waitForConnection(tab, 'offline');
    await control(tab, key).fill('Å klare meg selv hjemme, og å gå på butikken. Og å ta bussen alene.');
    await eventually(async () => keptOnDevice(tab, 'plan'));
    // Closed as a person closes it (the page's unload handlers run); close() does not wait for that.
    const closed = tab.waitForEvent('close');
    await tab.close({ runBeforeUnload: true });
    await closed;
    // Meanwhile Kari writes the beginning.
    const kariWrote = await f.clients.coordinator.patch(`/api/plans/${f.planId}`, {
      baseRevision: before.revision,
      whatMatters: 'Viktigst: Å klare meg selv hjemme, og å gå på butikken.',
    });
    expect(kariWrote.status).toBe(200);
    await personContext.setOffline(false);
    await waitForConnection(aina, 'live');
    // Back in the plan: the item opens as a form with her text, which is sent without a click.
    const again = await personContext.newPage();
    await again.goto(`/planer/${f.planId}`);
    const both = 'Viktigst: Å klare meg selv hjemme, og å gå på butikken. Og å ta bussen alene.';
    await waitForValue(again, key, both, 10_000);
    await eventually(async () => (await f.clients.person.get(`/api/plans/${f.planId}`)).body.whatMatters === both, 30_000);
    await eventually(async () => !(await keptOnDevice(again, 'plan')));
    // Sent, the form stays open (it does not fold away under her fingers) with the text as stored.
    await again.locator(`.plan[data-plan-revision="${(await f.clients.person.get(`/api/plans/${f.planId}`)).body.revision}"]`).waitFor();
    expect(await control(again, key).inputValue()).toBe(both);
    await again.close();
  }, 90_000);

  it("notices a missing event, asks for the range it missed, and ends at the server's revision", async () => {
    // Per's browser loses one 'plan:event' frame on the way, as a flaky network might.
    const perContext = await newContext(browser, app.api.url);
    let dropNextEvent = false;
    let dropped = 0;
    await perContext.routeWebSocket(/\/socket\.io\//, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((message) => server.send(message));
      server.onMessage((message) => {
        if (dropNextEvent && typeof message === 'string' && message.startsWith('42["plan:event"')) {
          dropNextEvent = false;
          dropped++;
          return;
        }
        ws.send(message);
      });
    });
    const per = await perContext.newPage();
    await loginInBrowser(per, demoAccount('fjordvik', 'professional').email, DEMO_PASSWORD, `/planer/${f.planId}`);
    await waitForConnection(per, 'live');
    await editGoal(per, goalId);
    const key = `goal:${goalId}:description`;
    const url = `/api/plans/${f.planId}/goals/${goalId}`;
    dropNextEvent = true;
    const first = await f.clients.coordinator.patch(url, {
      baseRevision: (await f.clients.coordinator.get(`/api/plans/${f.planId}`)).body.revision,
      description: 'Første endring',
    });
    expect(first.status).toBe(200);
    await eventually(async () => dropped === 1);
    const second = await f.clients.coordinator.patch(url, { baseRevision: first.body.revision, title: 'Gå på butikken selv, hver uke' });
    expect(second.status).toBe(200);
    // The second event reveals the gap; Per fetches the missing one and has both.
    await waitForValue(per, key, 'Første endring');
    await waitForValue(per, `goal:${goalId}:title`, 'Gå på butikken selv, hver uke');
    await per.locator(`.plan[data-plan-revision="${second.body.revision}"]`).waitFor();
    await perContext.close();
  });

  it('shows a reconnect banner when the live connection drops, keeps trying, then catches up on its own', async () => {
    const perContext = await newContext(browser, app.api.url);
    let blocked = false;
    let refused = 0;
    const open: { close(): Promise<void> }[] = [];
    await perContext.routeWebSocket(/\/socket\.io\//, (ws) => {
      // Down: the upgrade is accepted and closed at once, as by a node going away.
      if (blocked) return void (refused++, ws.close());
      const server = ws.connectToServer();
      ws.onMessage((message) => server.send(message));
      server.onMessage((message) => ws.send(message));
      open.push(ws);
    });
    const per = await perContext.newPage();
    await loginInBrowser(per, demoAccount('fjordvik', 'professional').email, DEMO_PASSWORD, `/planer/${f.planId}`);
    await waitForConnection(per, 'live');
    // The network path drops (the browser still thinks it is online) and stays down a while.
    blocked = true;
    await Promise.all(open.map((ws) => ws.close()));
    await waitForConnection(per, 'reconnecting');
    expect(await per.locator('.connection-banner').innerText()).toContain('Mistet forbindelsen');
    const plan = (await f.clients.coordinator.get(`/api/plans/${f.planId}`)).body;
    const changed = await f.clients.coordinator.patch(`/api/plans/${f.planId}`, {
      baseRevision: plan.revision,
      needs: 'Hjelp til å handle',
    });
    expect(changed.status).toBe(200);
    // Attempts go on while the path is down: one closed before its handshake does not hold the next
    // back for socket.io's attempt timeout (20 s by default; apps/web/src/live/early-close.ts).
    await eventually(async () => refused >= 4, 15_000);
    expect(await per.locator('.connection-banner').innerText()).toContain('Mistet forbindelsen');
    blocked = false;
    await waitForConnection(per, 'live', 30_000);
    await per.locator(`.plan[data-plan-revision="${changed.body.revision}"]`).waitFor();
    expect(await per.locator('.connection-banner').innerText()).toBe('');
    await perContext.close();
  }, 90_000);

  it('keeps what Aina left unsent for Aina: someone else logging in on the same tablet neither sees nor sends it', async () => {
    const key = `plan:${f.planId}:whatMatters`;
    const stored = 'Å bo hjemme, med hjelp om kvelden.';
    const now = (await f.clients.coordinator.get(`/api/plans/${f.planId}`)).body;
    expect((await f.clients.coordinator.patch(`/api/plans/${f.planId}`, { baseRevision: now.revision, whatMatters: stored })).status).toBe(
      200,
    );
    const tablet = await newContext(browser, app.api.url);
    const first = await tablet.newPage();
    await loginInBrowser(first, demoAccount('fjordvik', 'citizen').email, DEMO_PASSWORD, `/planer/${f.planId}`);
    await waitForConnection(first, 'live');
    await first.getByRole('button', { name: 'Endre det som er viktig' }).click();
    await control(first, key).click();
    await first.locator(`[data-field="${key}"][data-shared-text="live"]`).waitFor();
    // In the open document, offline: kept on the tablet as a Yjs update under her account.
    await tablet.setOffline(true);
    await waitForConnection(first, 'offline');
    await control(first, key).press('End');
    await control(first, key).pressSequentially(' Og å lage middag.');
    await eventually(async () => keptOnDevice(first, 'plan'));
    const closed = first.waitForEvent('close');
    await first.close({ runBeforeUnload: true });
    await closed;
    await tablet.setOffline(false);
    // Jonas logs in on the tablet (Aina did not log out).
    const second = await tablet.newPage();
    await second.goto('/login');
    await second.evaluate("localStorage.removeItem('fellesplan.session')");
    await loginInBrowser(second, demoAccount('fjordvik', 'relative').email, DEMO_PASSWORD, `/planer/${f.planId}`);
    await waitForConnection(second, 'live');
    await second.getByTestId('what-matters-text').waitFor();
    expect(await second.getByTestId('what-matters-text').innerText()).toBe(stored);
    expect(await field(second, key).count()).toBe(0);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await f.clients.person.get(`/api/plans/${f.planId}`)).body.whatMatters).toBe(stored);
    // Hers is still on the tablet, under her account, for when she is back; nothing under his.
    const keys = (await second.evaluate('Object.keys(localStorage)')) as string[];
    expect(keys.filter((k) => k.startsWith(`fellesplan.unsaved.text.${f.accountIds.person}.${f.planId}.plan:`))).toHaveLength(1);
    expect(keys.filter((k) => k.startsWith('fellesplan.unsaved.') && k.includes(f.accountIds.relative))).toEqual([]);
    await tablet.close();
  }, 90_000);
});
