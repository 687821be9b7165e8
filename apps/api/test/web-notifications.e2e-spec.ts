/**
 * Notifications in a real browser: the header shows the unread count; "Varsler" lists them with
 * unread ones marked; marking one read (or all) updates the list and the badge; a notification
 * opens where it happened; e-mail preferences (at once, daily digest, off; per kind) are kept.
 * axe-core finds no serious or critical violation; screenshots at 1280×800 and 360×740.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { NeedView, NotificationPage, NotificationPreferences } from '#contracts';
import { eventually, launchBrowser, loginInBrowser, newContext, useTestApp, type ApiClient, expectAccessibleAndFits } from '#testing';
import { DEMO_PASSWORD, demoAccount } from '../src/database/seed/demo-accounts';

/** The badge's number, or 0 when there is no badge. */
async function badge(page: Page): Promise<number> {
  const b = page.getByTestId('unread-badge');
  return (await b.count()) === 0 ? 0 : Number(await b.innerText());
}

describe('web app: notifications', () => {
  const app = useTestApp();
  let browser: Browser;
  // Closed after each test, so that no page keeps a connection open while the api stops.
  let contexts: BrowserContext[] = [];
  let sk: ApiClient;
  let kari: ApiClient;
  let need: NeedView;

  async function loggedIn(key: string, path: string): Promise<Page> {
    const context = await newContext(browser, app.api.url);
    contexts.push(context);
    const page = await context.newPage();
    await loginInBrowser(page, demoAccount('fjordvik', key).email, DEMO_PASSWORD, path);
    return page;
  }

  beforeAll(async () => {
    sk = await app.login(demoAccount('fjordvik', 'systemkoordinator').email, DEMO_PASSWORD);
    kari = await app.login(demoAccount('fjordvik', 'coordinator').email, DEMO_PASSWORD);
    const per = await app.login(demoAccount('fjordvik', 'professional').email, DEMO_PASSWORD);
    // Per reports a need: koordinerende enhet (Sigrid) is told. Sigrid appoints Kari: Kari is told.
    need = (
      await per.post('/api/needs', {
        personName: 'Emma Solberg',
        kind: 'coordinator',
        description: 'Trenger en fast kontaktperson.',
        reporterService: 'Hjemmetjenesten',
      })
    ).body;
    const kariId = (await kari.get('/api/auth/me')).body.id;
    expect((await sk.post(`/api/needs/${need.id}/appoint`, { coordinatorAccountId: kariId })).status).toBe(200);
    await eventually(async () => ((await sk.get('/api/notifications?unread=true')).body as NotificationPage).unread > 0);
    await eventually(async () => ((await kari.get('/api/notifications?unread=true')).body as NotificationPage).unread > 0);
    browser = await launchBrowser();
  }, 90_000);
  afterEach(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    contexts = [];
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a user sees the unread count, finds the notification marked unread, and marks it read', async () => {
    const before = ((await sk.get('/api/notifications')).body as NotificationPage).unread;
    const page = await loggedIn('systemkoordinator', '/');
    await eventually(async () => (await badge(page)) === before);
    const link = page
      .getByRole('navigation', { name: 'Hovedmeny' })
      .getByRole('link', { name: before === 1 ? 'Varsler 1 ulest' : `Varsler ${before} uleste` });
    await link.click();
    await page.getByRole('heading', { level: 1, name: 'Varsler' }).waitFor();
    await page
      .getByTestId('unread-summary')
      .getByText(before === 1 ? 'Du har 1 ulest varsel.' : `Du har ${before} uleste varsler.`)
      .waitFor();

    const item = page.getByTestId('notification').filter({ hasText: 'Ny melding om behov' });
    await item.getByText('Per Hansen (Hjemmetjenesten) melder behov for koordinator for Emma Solberg.').waitFor();
    expect(await item.getAttribute('data-unread')).toBe('true');
    await item.getByTestId('unread-marker').getByText('Ulest').waitFor();
    await expectAccessibleAndFits(page, 'varsler');

    await item.getByRole('button', { name: 'Merk som lest' }).click();
    await eventually(async () => (await item.getAttribute('data-unread')) === 'false');
    expect(await item.getByTestId('unread-marker').count()).toBe(0);
    expect(await item.getByRole('button', { name: 'Merk som lest' }).count()).toBe(0);
    await eventually(async () => (await badge(page)) === before - 1);
    const mine = (await sk.get('/api/notifications')).body as NotificationPage;
    expect(mine.unread).toBe(before - 1);
    expect(mine.items.find((n) => n.kind === 'need_reported')!.readAt).not.toBeNull();

    // It opens the report it is about.
    await item.getByRole('link', { name: 'Åpne meldingen' }).click();
    await page.waitForURL(new RegExp(`/koordinerende-enhet/meldinger/${need.id}$`));
    await page.getByRole('heading', { level: 1, name: 'Melding om Emma Solberg' }).waitFor();
  });

  it('the coordinator marks everything read at once, and the badge goes away', async () => {
    const page = await loggedIn('coordinator', '/varsler');
    await page.getByRole('heading', { level: 1, name: 'Varsler' }).waitFor();
    const item = page.getByTestId('notification').filter({ hasText: 'Du er oppnevnt som koordinator' });
    await item.getByText('Sigrid Sandvik har oppnevnt deg som koordinator for Emma Solberg.').waitFor();
    expect(await item.getAttribute('data-unread')).toBe('true');
    await eventually(async () => (await badge(page)) > 0);

    await page.getByLabel('Vis bare uleste').check();
    await eventually(async () => {
      const all = await page.getByTestId('notification').all();
      for (const n of all) if ((await n.getAttribute('data-unread')) !== 'true') return false;
      return all.length > 0;
    });

    await page.getByRole('button', { name: 'Merk alle som lest' }).click();
    await page.getByText('Alle varslene er merket som lest.').waitFor();
    await page.getByTestId('unread-summary').getByText('Du har lest alle varslene.').waitFor();
    await eventually(async () => (await badge(page)) === 0);
    expect(((await kari.get('/api/notifications')).body as NotificationPage).unread).toBe(0);
    await expectAccessibleAndFits(page, 'varsler-alle-lest');
  });

  it('e-mail preferences: a daily digest, no e-mail for one kind, kept after a reload', async () => {
    const page = await loggedIn('coordinator', '/varsler');
    await page.getByRole('link', { name: 'Velg når du får e-post' }).click();
    await page.getByRole('heading', { level: 1, name: 'Varsler på e-post' }).waitFor();
    expect(await page.getByLabel('Med en gang').isChecked()).toBe(true);

    await page.getByLabel('Samlet én gang om dagen').check();
    await page.getByText('Velg for hver type varsel').click();
    await page.getByLabel('Nytt møte', { exact: true }).selectOption('off');
    await page.getByRole('button', { name: 'Lagre', exact: true }).click();
    await page.getByText('Valgene dine er lagret.').waitFor();
    expect((await kari.get('/api/notifications/preferences')).body as NotificationPreferences).toEqual({
      default: 'digest',
      kinds: { meeting_scheduled: 'off' },
      sms: { phone: '+4740000002', enabled: false, kinds: {}, stoppedAt: null },
    });

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Varsler på e-post' }).waitFor();
    expect(await page.getByLabel('Samlet én gang om dagen').isChecked()).toBe(true);
    expect(await page.getByLabel('Nytt møte', { exact: true }).inputValue()).toBe('off');
    expect(await page.getByLabel('Møtet er flyttet', { exact: true }).inputValue()).toBe('');
    await expectAccessibleAndFits(page, 'varsler-innstillinger');

    // Back to following the default for that kind.
    await page.getByLabel('Nytt møte', { exact: true }).selectOption('');
    await page.getByRole('button', { name: 'Lagre', exact: true }).click();
    await page.getByText('Valgene dine er lagret.').waitFor();
    expect(((await kari.get('/api/notifications/preferences')).body as NotificationPreferences).kinds).toEqual({});
  });

  it('speaks English after the switch', async () => {
    const page = await loggedIn('coordinator', '/varsler');
    await page.getByRole('heading', { level: 1, name: 'Varsler' }).waitFor();
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Notifications' }).waitFor();
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { level: 1, name: 'Varsler' }).waitFor();
  });
});
