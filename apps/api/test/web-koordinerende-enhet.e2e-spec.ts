/**
 * Koordinerende enhet's screens in a real browser, on the seeded Fjordvik kommune: the
 * systemkoordinator's overview shows the same counts as the api; she adds a required course and
 * registers a completion; she appoints a coordinator to a plan without one and is warned, in
 * plain Norwegian, that the coordinator lacks training; a professional reports a need, and she
 * finds it in the queue, reviews it and appoints a coordinator with a caseload warning. Plan
 * content never shows in the overview. axe-core finds no serious or critical violation;
 * screenshots at 1280×800 and 360×740.
 */
import { Client } from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { NeedView, OverviewView } from '#contracts';
import { eventually, launchBrowser, loginInBrowser, newContext, useTestApp, type ApiClient, expectAccessibleAndFits } from '#testing';
import { DEMO_PASSWORD, demoAccount } from '../src/database/seed/demo-accounts';

async function count(page: Page, testId: string): Promise<number> {
  return Number(await page.getByTestId(testId).getByTestId('count').innerText());
}

describe('web app: koordinerende enhet', () => {
  // Kari coordinates the three seeded plans: at 3 she counts as having many.
  const app = useTestApp({ COORDINATOR_CASELOAD_WARNING: '3' });
  let browser: Browser;
  // Closed after each test, so that no page keeps a connection open while the api stops.
  let contexts: BrowserContext[] = [];
  let sk: ApiClient;
  let planId: string;

  async function sql(text: string, params: unknown[]): Promise<void> {
    const db = new Client({ connectionString: app.databaseUrl });
    await db.connect();
    try {
      await db.query(text, params);
    } finally {
      await db.end();
    }
  }

  async function loggedIn(key: string, path: string, viewport?: { width: number; height: number }): Promise<Page> {
    const context = await newContext(browser, app.api.url, viewport);
    contexts.push(context);
    const page = await context.newPage();
    await loginInBrowser(page, demoAccount('fjordvik', key).email, DEMO_PASSWORD, path);
    return page;
  }

  beforeAll(async () => {
    sk = await app.login(demoAccount('fjordvik', 'systemkoordinator').email, DEMO_PASSWORD);
    // A plan whose coordinator has left: it shows under "Planer uten koordinator".
    const kari = await app.login(demoAccount('fjordvik', 'coordinator').email, DEMO_PASSWORD);
    const created = await kari.post('/api/plans', { title: 'Saras plan', personName: 'Sara Vik', personNoContact: true });
    expect(created.status).toBe(201);
    planId = created.body.plan.id;
    await sql(`UPDATE plan_members SET status = 'removed' WHERE plan_id = $1 AND role = 'coordinator'`, [planId]);
    browser = await launchBrowser();
  }, 90_000);
  afterEach(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    contexts = [];
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the systemkoordinator opens the overview and sees the counts of her municipality, and no plan content', async () => {
    const expected = (await sk.get('/api/overview')).body as OverviewView;
    // The seed: three active plans, all coordinated by Kari; and the new draft above without one.
    expect(expected.plansByStatus).toEqual({ draft: 1, active: 3, closed: 0 });
    expect(expected.plansWithoutCoordinator.total).toBe(1);

    const page = await loggedIn('systemkoordinator', '/');
    await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Koordinerende enhet' }).click();
    await page.getByRole('heading', { level: 1, name: 'Koordinerende enhet' }).waitFor();
    await page.getByTestId('count-without_coordinator').waitFor();
    expect(await count(page, 'count-without_coordinator')).toBe(1);
    expect(await count(page, 'count-evaluation_overdue')).toBe(expected.evaluationOverdue.total);
    expect(await count(page, 'count-inactive')).toBe(expected.inactive.total);
    expect(await count(page, 'count-open_needs')).toBe(expected.openNeeds.total);
    expect(await count(page, 'status-active')).toBe(3);
    expect(await count(page, 'status-draft')).toBe(1);
    expect(await count(page, 'status-closed')).toBe(0);
    await page.getByText('Planer uten aktivitet på 60 dager').waitFor();

    const withoutCoordinator = page.locator('#uten-koordinator');
    await withoutCoordinator.getByRole('heading', { name: 'Saras plan' }).waitFor();
    expect(await withoutCoordinator.innerText()).toContain('Gjelder Sara Vik');

    const kari = page.getByTestId('coordinator-card').filter({ hasText: 'Kari Nilsen' });
    expect(await kari.innerText()).toContain('3 planer');
    expect(await kari.innerText()).toContain('Mange planer');

    // Metadata only: what matters to Emil (a seeded plan) is nowhere on the page.
    expect(await page.locator('main').innerText()).not.toContain('samme klasse som Sander');
    await expectAccessibleAndFits(page, 'koordinerende-enhet-oversikt');
  });

  it('training: adds a required course, registers a completion, and flags the coordinator without it', async () => {
    const page = await loggedIn('systemkoordinator', '/koordinerende-enhet');
    await page.getByRole('navigation', { name: 'Koordinerende enhet' }).getByRole('link', { name: 'Opplæring' }).click();
    await page.getByRole('heading', { level: 1, name: 'Opplæring av koordinatorer' }).waitFor();
    await page.getByText('Det er ingen kurs ennå.').waitFor();

    await page.getByLabel('Navn på kurset').fill('Grunnkurs for koordinatorer');
    await page.getByLabel('Hvor mange måneder gjelder kurset? (valgfritt)').fill('24');
    expect(await page.getByLabel('Alle koordinatorer må ha dette kurset').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Legg til kurset' }).click();
    await page.getByText('Kurset «Grunnkurs for koordinatorer» er lagt til.').waitFor();
    await page.getByTestId('course-card').filter({ hasText: 'Gjelder i 24 måneder' }).waitFor();

    await page.getByRole('combobox', { name: 'Hvem', exact: true }).selectOption({ label: 'Kari Nilsen' });
    await page.getByRole('combobox', { name: 'Kurs', exact: true }).selectOption({ label: 'Grunnkurs for koordinatorer' });
    await page.getByRole('button', { name: 'Registrer', exact: true }).click();
    await page.getByText(/Kari Nilsen har fullført «Grunnkurs for koordinatorer»/).waitFor();

    const ola = page.getByTestId('coordinator-card').filter({ hasText: 'Ola Berg' });
    await ola.getByText('Mangler opplæring', { exact: true }).waitFor();
    expect(await ola.getAttribute('data-flagged')).toBe('true');
    const kari = page.getByTestId('coordinator-card').filter({ hasText: 'Kari Nilsen' });
    await kari.getByText('Opplæring i orden', { exact: true }).waitFor();
    expect(await kari.innerText()).toMatch(/Grunnkurs for koordinatorer: Tatt .+, gjelder til .+ \(gyldig\)/);
    expect(await kari.getAttribute('data-flagged')).toBe('false');

    await page.getByLabel('Vis bare dem som mangler opplæring eller har utløpt opplæring').check();
    await eventually(async () => (await page.getByTestId('coordinator-card').count()) === 1);
    expect(await page.getByTestId('coordinator-card').innerText()).toContain('Ola Berg');
    await page.getByLabel('Vis bare dem som mangler opplæring eller har utløpt opplæring').uncheck();
    await expectAccessibleAndFits(page, 'koordinerende-enhet-opplaering');
  });

  it('appoints a coordinator to the plan without one and is warned, in plain Norwegian, about missing training', async () => {
    const page = await loggedIn('systemkoordinator', '/koordinerende-enhet');
    const row = page.locator('#uten-koordinator').getByTestId('plan-row').filter({ hasText: 'Saras plan' });
    await row.getByRole('button', { name: 'Velg koordinator' }).click();
    const choose = row.getByLabel('Hvem skal være koordinator?');
    await choose.waitFor();
    const ola = await choose.locator('option').filter({ hasText: 'Ola Berg' }).innerText();
    expect(ola).toContain('Mangler opplæring');
    await choose.selectOption({ label: ola });
    await row
      .getByTestId('appoint-preview')
      .getByText('Ola Berg har ikke fullført opplæringen som kreves: Grunnkurs for koordinatorer.')
      .waitFor();
    await expectAccessibleAndFits(page, 'koordinerende-enhet-velg-koordinator');

    await row.getByRole('button', { name: 'Gjør Ola Berg til koordinator' }).click();
    const message = page.getByTestId('appointed-message');
    await message.getByText('Ola Berg er nå koordinator for Saras plan. Vær oppmerksom på dette:').waitFor();
    await message.getByText('Ola Berg har ikke fullført opplæringen som kreves: Grunnkurs for koordinatorer.').waitFor();
    await eventually(async () => (await count(page, 'count-without_coordinator')) === 0);
    await page.locator('#uten-koordinator').getByText('Alle planene har koordinator.').waitFor();

    const overview = (await sk.get('/api/overview')).body as OverviewView;
    expect(overview.plansWithoutCoordinator.total).toBe(0);
    const plans = await sk.get(`/api/overview/plans?view=all`);
    expect(plans.body.items.find((p: { id: string }) => p.id === planId).coordinator.name).toBe('Ola Berg');
  });

  it('the plans list filters by status and by what needs attention', async () => {
    const page = await loggedIn('systemkoordinator', '/koordinerende-enhet/planer');
    await page.getByRole('heading', { level: 1, name: 'Planene i kommunen' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Alle planer (4 planer)' }).waitFor();
    await page.getByLabel('Vis', { exact: true }).selectOption({ label: 'Uten koordinator' });
    await page.getByRole('heading', { level: 2, name: 'Uten koordinator (0 planer)' }).waitFor();
    await page.getByText('Ingen planer passer.').waitFor();
    await expectAccessibleAndFits(page, 'koordinerende-enhet-planer');
  });

  it('a professional reports a need; the systemkoordinator finds it in the queue, reviews it and appoints a coordinator', async () => {
    const per = await loggedIn('professional', '/');
    await per.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Meld behov' }).click();
    await per.getByRole('heading', { level: 1, name: 'Meld behov for individuell plan eller koordinator' }).waitFor();
    await per.getByText('Du har ikke sendt noen meldinger ennå.').waitFor();

    // Nothing filled in: told what is missing.
    await per.getByRole('button', { name: 'Send meldingen' }).click();
    await per
      .getByRole('alert')
      .getByText(/Fyll ut det som mangler: Navnet til personen, Hva trengs, og hvorfor\?, Din tjeneste/)
      .waitFor();

    await per.getByLabel('Navnet til personen').fill('Emma Solberg');
    await per.getByLabel('Hvordan vi når personen (valgfritt)').fill('400 12 345');
    await per.getByLabel('Individuell plan og koordinator').check();
    await per.getByLabel('Hva trengs, og hvorfor?').fill('Emma har flere tjenester etter et hjerneslag og ønsker én fast kontaktperson.');
    await per.getByLabel('Din tjeneste').fill('Hjemmetjenesten');
    await per.getByRole('button', { name: 'Send meldingen' }).click();
    await per.getByText('Takk. Meldingen om Emma Solberg er sendt til koordinerende enhet.').waitFor();
    await per.getByTestId('my-need').filter({ hasText: 'Emma Solberg' }).getByText('Ny', { exact: true }).waitFor();
    await expectAccessibleAndFits(per, 'meld-behov');

    const mine = (await (await app.login(demoAccount('fjordvik', 'professional').email, DEMO_PASSWORD)).get('/api/needs')).body
      .items as NeedView[];
    const need = mine.find((n) => n.personName === 'Emma Solberg')!;
    expect(need).toMatchObject({ kind: 'both', status: 'new', personContact: '400 12 345', reporter: { service: 'Hjemmetjenesten' } });

    // The systemkoordinator's queue.
    const sigrid = await loggedIn('systemkoordinator', '/koordinerende-enhet');
    expect(await count(sigrid, 'count-open_needs')).toBe(1);
    await sigrid.getByRole('navigation', { name: 'Koordinerende enhet' }).getByRole('link', { name: 'Meldinger om behov' }).click();
    await sigrid.getByRole('heading', { level: 1, name: 'Meldinger om behov' }).waitFor();
    const card = sigrid.getByTestId('need-card').filter({ hasText: 'Emma Solberg' });
    expect(await card.innerText()).toContain('Meldt av Per Hansen, Hjemmetjenesten');
    await card.getByText('Ny', { exact: true }).waitFor();
    await expectAccessibleAndFits(sigrid, 'koordinerende-enhet-meldinger');

    // Review.
    await card.getByRole('link', { name: 'Emma Solberg' }).click();
    await sigrid.waitForURL(new RegExp(`/koordinerende-enhet/meldinger/${need.id}$`));
    await sigrid.getByRole('heading', { level: 1, name: 'Melding om Emma Solberg' }).waitFor();
    await sigrid.getByText('Emma har flere tjenester etter et hjerneslag').waitFor();
    await sigrid.getByLabel('Under vurdering').check();
    await sigrid.getByLabel('Notat', { exact: true }).fill('Ringer Emma denne uka.');
    await sigrid.getByRole('button', { name: 'Lagre vurderingen' }).click();
    await sigrid.getByText('Vurderingen er lagret. Status: Under vurdering.').waitFor();
    expect(await sigrid.getByTestId('need-status').innerText()).toBe('Under vurdering');

    // Appoint Kari, who already has many plans.
    const choose = sigrid.getByLabel('Hvem skal være koordinator?');
    const kari = await choose.locator('option').filter({ hasText: 'Kari Nilsen' }).innerText();
    await choose.selectOption({ label: kari });
    await sigrid.getByTestId('appoint-preview').getByText('Kari Nilsen er allerede koordinator for 3 planer.', { exact: false }).waitFor();
    await sigrid.getByRole('button', { name: 'Gjør Kari Nilsen til koordinator' }).click();
    const message = sigrid.getByTestId('appointed-message');
    await message.getByText('Kari Nilsen er nå koordinator for Emma Solberg. Vær oppmerksom på dette:').waitFor();
    await message.getByText('Kari Nilsen er allerede koordinator for 3 planer. Vi varsler når noen har 3 eller flere.').waitFor();
    await eventually(async () => (await sigrid.getByTestId('need-status').innerText()) === 'Koordinator er oppnevnt');
    await expectAccessibleAndFits(sigrid, 'koordinerende-enhet-melding');

    const after = (await sk.get(`/api/needs/${need.id}`)).body as NeedView;
    expect(after).toMatchObject({
      status: 'coordinator_appointed',
      triageNote: 'Ringer Emma denne uka.',
      coordinator: { name: 'Kari Nilsen' },
    });

    // The reporter sees how it went.
    await per.reload();
    await per.getByTestId('my-need').filter({ hasText: 'Emma Solberg' }).getByText('Koordinator er oppnevnt').waitFor();
  });

  it('a citizen gets neither the link nor the screens', async () => {
    const page = await loggedIn('citizen', '/koordinerende-enhet');
    await page.getByText('Denne siden er for koordinerende enhet. Du har ikke tilgang til den.').waitFor();
    const nav = page.getByRole('navigation', { name: 'Hovedmeny' });
    expect(await nav.getByRole('link', { name: 'Koordinerende enhet' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Meld behov' }).count()).toBe(0);
    await page.goto('/meld-behov');
    await page.getByText('Det er ansatte i kommunen som melder behov.', { exact: false }).waitFor();
  });

  it('the screens follow the language switch', async () => {
    const page = await loggedIn('systemkoordinator', '/koordinerende-enhet');
    await page.getByRole('heading', { level: 1, name: 'Koordinerende enhet' }).waitFor();
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { level: 1, name: 'Coordinating unit' }).waitFor();
    await page.getByText('Plans without a coordinator').first().waitFor();
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { level: 1, name: 'Koordinerende enhet' }).waitFor();
  });
});
