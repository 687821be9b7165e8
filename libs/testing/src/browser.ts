/**
 * Browser tests: playwright-core driving Debian's chromium (scripts/ensure-chromium.sh installs it),
 * never a browser build of its own. Helpers to log in, check accessibility with axe-core and keep
 * screenshots of each screen at desktop and phone sizes under test-artifacts/screenshots/.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT } from './api-process';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-artifacts', 'screenshots');
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 360, height: 740 };

/**
 * Launches headless chromium. Playwright gives every launch a fresh temporary profile
 * (user-data-dir) and removes it on close.
 */
export function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`chromium is missing at ${CHROMIUM_PATH}: run 'bash scripts/ensure-chromium.sh' (or set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function newContext(browser: Browser, baseURL: string, viewport = DESKTOP): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, viewport, locale: 'nb-NO', timezoneId: 'Europe/Oslo' });
  // Generous (it costs nothing when the page is on time): CI runs two suites at once on two cores.
  context.setDefaultTimeout(20_000);
  return context;
}

/** Logs in through the login screen and waits for "Mine planer". */
export async function loginInBrowser(page: Page, email: string, password: string, path = '/'): Promise<void> {
  await page.goto(`/login?returnTo=${encodeURIComponent(path)}`);
  await page.getByLabel('E-post').fill(email);
  await page.getByLabel('Passord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Logg inn', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

let axeSourceText: string | undefined;
function axeSource(): string {
  axeSourceText ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  return axeSourceText;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/** Runs axe-core (WCAG 2.1 A and AA rules) on the page; returns the serious and critical violations. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the devtools protocol, not added as an inline <script>: the app's CSP refuses inline scripts.
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(axeSource());
  const violations = (await page.evaluate(`
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
      .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, html: n.html.slice(0, 200) })) })))
  `)) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Whether the page scrolls sideways (it must not, even at 360 px). */
export async function hasHorizontalScroll(page: Page): Promise<boolean> {
  return (await page.evaluate('document.documentElement.scrollWidth > document.documentElement.clientWidth + 1')) as boolean;
}

/**
 * Screenshots the page at 1280×800 and 360×740 as test-artifacts/screenshots/<name>-desktop.png
 * and -phone.png; returns whether the phone size scrolled sideways. Leaves the desktop size on.
 */
export async function screenshotBoth(page: Page, name: string): Promise<{ phoneHorizontalScroll: boolean }> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.setViewportSize(DESKTOP);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize(PHONE);
  const phoneHorizontalScroll = await hasHorizontalScroll(page);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-phone.png`), fullPage: true });
  await page.setViewportSize(DESKTOP);
  return { phoneHorizontalScroll };
}

/** A screen passes axe-core (no serious or critical violation) and fits 360 px without sideways scrolling. */
export async function expectAccessibleAndFits(page: Page, name: string): Promise<void> {
  expect(await seriousA11yViolations(page)).toEqual([]);
  expect((await screenshotBoth(page, name)).phoneHorizontalScroll).toBe(false);
}
