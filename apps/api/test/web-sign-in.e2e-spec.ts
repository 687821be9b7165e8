/**
 * Getting in, in a real browser (Debian chromium): "Glemt passord?" with the link from a real SMTP
 * server; passkeys with the DevTools protocol's virtual authenticator (register after a login, log
 * in with one tap, remove; a removed or foreign credential is refused); my account with its
 * reading settings; and the staff screen of koordinerende enhet. Each new screen passes axe-core.
 *
 * WebAuthn refuses IP addresses as relying party ids, so this app is served as localhost, and
 * PUBLIC_URL (the rpID and origin) says so.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import {
  eventually,
  expectAccessibleAndFits,
  freePort,
  launchBrowser,
  loginInBrowser,
  DESKTOP,
  recipientOf,
  startSmtp,
  useTestApp,
  type TestSmtp,
} from '#testing';
import { DEMO_PASSWORD, demoAccount } from '../src/database/seed/demo-accounts';

describe('web app: getting in', () => {
  let smtp: TestSmtp;
  let base = '';
  const env: Record<string, string> = {};
  beforeAll(async () => {
    smtp = await startSmtp();
    const port = await freePort();
    base = `http://localhost:${port}`;
    Object.assign(env, { SMTP_URL: smtp.url, PORT: String(port), PUBLIC_URL: base });
  });
  afterAll(async () => {
    await smtp.close();
  });
  const app = useTestApp(env);
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);
  beforeEach(async () => {
    // bypassCSP: axe-core is injected as an inline script, which the app's CSP (script-src 'self') refuses.
    context = await browser.newContext({ baseURL: base, viewport: DESKTOP, locale: 'nb-NO', timezoneId: 'Europe/Oslo', bypassCSP: true });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
  });
  afterEach(async () => {
    await context?.close();
  });
  afterAll(async () => {
    await browser?.close();
  });

  let counter = 0;
  async function newAccount(role = 'citizen'): Promise<string> {
    const sk = await app.login(demoAccount('fjordvik', 'systemkoordinator').email, DEMO_PASSWORD);
    const email = `nett.${process.pid}.${++counter}.${Date.now()}@fjordvik.example`;
    const res = await sk.post('/api/accounts', { email, name: 'Nina Nett', role, password: DEMO_PASSWORD });
    expect(res.status).toBe(201);
    return email;
  }

  /** A platform authenticator with user verification, as a phone's fingerprint reader. */
  async function virtualAuthenticator(p: Page): Promise<{ cdp: CDPSession; authenticatorId: string }> {
    const cdp = await p.context().newCDPSession(p);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    return { cdp, authenticatorId };
  }

  it('sends a link from "Glemt passord?", sets a new password with it, and the new password logs in', async () => {
    const email = await newAccount();
    await page.goto('/login');
    await page.getByRole('link', { name: 'Glemt passord?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Glemt passord' }).waitFor();
    await expectAccessibleAndFits(page, 'glemt-passord');
    await page.getByLabel('E-post').fill(email);
    await page.getByRole('button', { name: 'Send lenke' }).click();
    await page.getByRole('status').filter({ hasText: 'Hvis adressen hører til en konto' }).waitFor();

    const mail = await eventually(async () => smtp.mails.find((m) => recipientOf(m) === email));
    const link = /http:\/\/localhost:\d+\/nytt-passord#[\w-]+/.exec(mail.text ?? '')![0];
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Velg nytt passord' }).waitFor();
    // The token leaves the address bar at once.
    expect(new URL(page.url()).hash).toBe('');
    await expectAccessibleAndFits(page, 'nytt-passord');
    // The form follows the link's check by the api: up to 30 s on a busy machine.
    await page.getByLabel('Nytt passord', { exact: true }).fill('Et-nytt-passord-2026', { timeout: 30_000 });
    await page.getByLabel('Gjenta nytt passord').fill('Et-nytt-passord-2026');
    await page.getByRole('button', { name: 'Lagre nytt passord' }).click();
    await page.getByRole('status').filter({ hasText: 'Passordet er endret' }).waitFor();
    await loginInBrowser(page, email, 'Et-nytt-passord-2026');
    await page.getByRole('heading', { level: 1, name: 'Mine planer' }).waitFor();
  }, 90_000);

  it('offers a passkey after a login, logs in with it in one tap, and refuses it once removed', async () => {
    const email = await newAccount();
    const { cdp, authenticatorId } = await virtualAuthenticator(page);
    await loginInBrowser(page, email, DEMO_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Logg inn med fingeren eller ansiktet neste gang' }).waitFor();
    await expectAccessibleAndFits(page, 'passkey-tilbud');
    await page.getByLabel('Navn på enheten').fill('Telefonen min');
    await page.getByRole('button', { name: 'Ja, sett opp' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mine planer' }).waitFor();
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);

    await page.getByRole('button', { name: 'Logg ut', exact: true }).click();
    await page.waitForURL(/\/login/);
    await page.getByRole('button', { name: 'Logg inn med fingeren eller ansiktet' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mine planer' }).waitFor();

    await page.getByRole('link', { name: 'Min konto' }).click();
    await page.getByRole('heading', { level: 1, name: 'Min konto' }).waitFor();
    await page.getByText('Du er logget inn med passkey, nivå lavt.').waitFor();
    const list = page.getByRole('list', { name: 'Passkeys' });
    expect(await list.innerText()).toContain('Telefonen min');
    await expectAccessibleAndFits(page, 'min-konto');
    await page.getByRole('button', { name: 'Fjern Telefonen min' }).click();
    await page.getByText('Du har ingen passkeys.').waitFor();

    // The authenticator still holds the credential; the api no longer knows it.
    await page.getByRole('button', { name: 'Logg ut', exact: true }).click();
    await page.waitForURL(/\/login/);
    await page.getByRole('button', { name: 'Logg inn med fingeren eller ansiktet' }).click();
    await page.getByRole('alert').filter({ hasText: 'Passkeyen ble ikke godtatt' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('refuses a foreign passkey: one this site never registered', async () => {
    const { cdp, authenticatorId } = await virtualAuthenticator(page);
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    await cdp.send('WebAuthn.addCredential', {
      authenticatorId,
      credential: {
        credentialId: randomBytes(16).toString('base64'),
        isResidentCredential: true,
        rpId: 'localhost',
        privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
        userHandle: Buffer.from('ukjent-person').toString('base64'),
        signCount: 0,
      },
    });
    await page.goto('/login');
    await page.getByRole('button', { name: 'Logg inn med fingeren eller ansiktet' }).click();
    await page.getByRole('alert').filter({ hasText: 'Passkeyen ble ikke godtatt' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.evaluate("localStorage.getItem('fellesplan.session')")).toBeNull();
  });

  it('applies larger text on every page from my account, and keeps it after a reload', async () => {
    const email = await newAccount();
    await loginInBrowser(page, email, DEMO_PASSWORD, '/konto');
    await page.getByRole('heading', { level: 1, name: 'Min konto' }).waitFor();
    expect(await page.getAttribute('html', 'data-text-size')).toBe('normal');
    await page.getByLabel('Større tekst').check();
    await page.waitForFunction("document.documentElement.dataset.textSize === 'large'");
    await page.getByLabel('Enklere oppsett (én kolonne, færre bokser)').check();
    await page.waitForFunction("document.documentElement.dataset.plainLayout === 'true'");
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Mine planer' }).waitFor();
    expect(await page.getAttribute('html', 'data-text-size')).toBe('large');
    const size = (await page.evaluate('getComputedStyle(document.documentElement).fontSize')) as string;
    expect(parseFloat(size)).toBeGreaterThan(16);
    const list = page.getByRole('list', { name: 'Enheter og innlogginger' });
    await page.goto('/konto');
    await list.getByText('Denne enheten').waitFor();
  });

  it('shows the staff screen to the systemkoordinator only: add, import with a preview, close an account', async () => {
    await loginInBrowser(page, demoAccount('fjordvik', 'systemkoordinator').email, DEMO_PASSWORD, '/koordinerende-enhet/ansatte');
    await page.getByRole('heading', { level: 1, name: 'Ansatte' }).waitFor();
    await expectAccessibleAndFits(page, 'ansatte');
    const s = `${process.pid}${Date.now()}`;
    await page.getByLabel('Navn', { exact: true }).fill('Siri Sykepleier');
    await page.getByLabel('E-post', { exact: true }).fill(`siri.${s}@fjordvik.example`);
    await page.getByLabel('Tjeneste', { exact: true }).fill('Hjemmesykepleie');
    await page.getByLabel('Organisasjon', { exact: true }).fill('Fjordvik kommune');
    await page.getByRole('button', { name: 'Lagre' }).click();
    await page.getByText('Siri Sykepleier er lagt til.').waitFor();

    const csv = `navn;e-post;rolle;tjeneste\nTore Terapeut;tore.${s}@fjordvik.example;fagperson;Ergoterapi\nUten Rolle;uten.${s}@fjordvik.example;sjef;\n`;
    await page.getByLabel('CSV-fil').setInputFiles({ name: 'ansatte.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Se gjennom' }).click();
    await page.getByText('1 rader er klare, 1 har feil.').waitFor();
    expect(await page.getByRole('table').innerText()).toContain('Ukjent rolle');
    expect(await page.getByRole('button', { name: 'Importer alle' }).count()).toBe(0);
    await expectAccessibleAndFits(page, 'ansatte-import');

    const good = `navn;e-post;rolle;tjeneste\nTore Terapeut;tore.${s}@fjordvik.example;fagperson;Ergoterapi\n`;
    await page.getByLabel('CSV-fil').setInputFiles({ name: 'ansatte.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await page.getByRole('button', { name: 'Se gjennom' }).click();
    await page.getByRole('button', { name: 'Importer alle' }).click();
    await page.getByText('1 ansatte er lagt til.').waitFor();

    await page.getByLabel('Søk etter navn eller e-post').fill(`siri.${s}`);
    const card = page.getByRole('listitem').filter({ hasText: 'Siri Sykepleier' });
    await card.getByRole('button', { name: 'Steng kontoen' }).click();
    await card.getByText('Stengt').waitFor();
  });

  it('tells a coordinator that the staff screen is not for them', async () => {
    await loginInBrowser(page, demoAccount('fjordvik', 'coordinator').email, DEMO_PASSWORD, '/koordinerende-enhet/ansatte');
    await page.getByRole('heading', { level: 1, name: 'Ansatte' }).waitFor();
    expect(await page.getByRole('button', { name: 'Lagre' }).count()).toBe(0);
  });
});
