/**
 * The invitation flow end to end in the browser: the coordinator invites a relative by e-mail from
 * the plan; the relative opens the one-time link, sets a password and lands in the plan. The link
 * works once.
 */
import type { Browser } from 'playwright-core';
import { launchBrowser, loginInBrowser, newContext, screenshotBoth, seriousA11yViolations, useTestApp } from '#testing';
import { DEMO_PASSWORD, demoAccount } from '../src/database/seed/demo-accounts';
import { createPlanFixture, type PlanFixture } from './fixtures/plan-fixture';

describe('web app: invitation', () => {
  const app = useTestApp();
  let f: PlanFixture;
  let browser: Browser;

  beforeAll(async () => {
    f = await createPlanFixture(app, 'Ainas plan');
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('the coordinator invites by e-mail; the invited person sets a password and lands in the plan', async () => {
    const kari = await (await newContext(browser, app.api.url)).newPage();
    // The ansvarsgruppe and invitations are in the plan's "Folk" part.
    await loginInBrowser(kari, demoAccount('fjordvik', 'coordinator').email, DEMO_PASSWORD, `/planer/${f.planId}?vis=folk`);
    await kari.getByText('Inviter noen til planen').click();
    const email = `nora.${Date.now()}@fjordvik.example`;
    const row = kari.locator('[data-form="invite"]').getByRole('group', { name: 'Person 1' });
    await row.getByLabel('Navn', { exact: true }).fill('Nora Lund');
    await row.getByLabel('Telefon eller e-post', { exact: true }).fill(email);
    await row.getByLabel('Rolle i planen').selectOption('relative');
    await kari.getByRole('button', { name: 'Send invitasjon' }).click();
    await kari.getByText(`Nora Lund: invitasjonen er sendt til ${email}.`).waitFor();
    // The new member shows in the ansvarsgruppe as invited, at once.
    await kari.locator('.member-card').filter({ hasText: 'Nora Lund' }).filter({ hasText: 'Invitert' }).waitFor();
    // Aina decides that Nora may see her plan (a relative needs the person's consent).
    const members = (await f.clients.person.get(`/api/plans/${f.planId}`)).body.members as { id: string; name: string }[];
    const noraId = members.find((m) => m.name === 'Nora Lund')!.id;
    expect((await f.clients.person.post(`/api/plans/${f.planId}/consents`, { kind: 'member_access', memberId: noraId })).status).toBe(201);
    const link = await kari.getByTestId('invitation-link').getAttribute('href');
    const token = link!.split('/invitasjon/')[1];
    expect(token).toBeTruthy();

    const nora = await (await newContext(browser, app.api.url)).newPage();
    await nora.goto(`/invitasjon/${token}`);
    await nora.getByRole('heading', { level: 1, name: 'Du er invitert' }).waitFor();
    expect(await nora.locator('main').innerText()).toContain('Kari Nilsen har invitert deg til planen for Aina Lund');
    expect(await seriousA11yViolations(nora)).toEqual([]);
    expect((await screenshotBoth(nora, 'invitasjon')).phoneHorizontalScroll).toBe(false);

    // Too short a password is explained before anything is sent.
    await nora.getByLabel('Velg et passord').fill('kort');
    await nora.getByLabel('Skriv passordet en gang til').fill('kort');
    await nora.getByRole('button', { name: 'Bli med i planen' }).click();
    await nora.getByText('Passordet må ha minst 10 tegn.').waitFor();

    await nora.getByLabel('Velg et passord').fill('sol-og-sommer-2027');
    await nora.getByLabel('Skriv passordet en gang til').fill('sol-og-sommer-2027');
    await nora.getByRole('button', { name: 'Bli med i planen' }).click();
    await nora.waitForURL(new RegExp(`/planer/${f.planId}$`));
    await nora.getByRole('heading', { level: 2, name: 'Hva er viktig for Aina Lund' }).waitFor();
    expect(await nora.locator('.signed-in-as').innerText()).toContain('Nora Lund');

    // Kari sees Nora join, live.
    await kari.locator('.member-card').filter({ hasText: 'Nora Lund' }).filter({ hasNotText: 'Invitert' }).waitFor();

    // The link is spent: opening it again explains what to do.
    const again = await (await newContext(browser, app.api.url)).newPage();
    await again.goto(`/invitasjon/${token}`);
    await again.getByRole('alert').filter({ hasText: 'Be koordinatoren om en ny invitasjon' }).waitFor();

    // And Nora can log in with her new password later.
    const later = await (await newContext(browser, app.api.url)).newPage();
    await loginInBrowser(later, email, 'sol-og-sommer-2027');
    await later.locator('.plan-card').filter({ hasText: 'Ainas plan' }).waitFor();
  });
});
