/**
 * "Skriv ut / last ned" in a real browser: the person downloads the plan as a PDF (read back with
 * pdftotext) and as FHIR JSON; a relative is offered the PDF but not FHIR; after the plan is
 * closed, the archive copy shows in the history and downloads as a zip. axe-core finds no
 * serious or critical violation with the menu open.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { eventually, launchBrowser, loginInBrowser, newContext, seriousA11yViolations, useTestApp } from '#testing';
import { DEMO_PASSWORD, demoAccount } from '../src/database/seed/demo-accounts';
import { createPlanFixture, type PlanFixture } from './fixtures/plan-fixture';

describe('web app: print and download the plan', () => {
  const app = useTestApp();
  let f: PlanFixture;
  let browser: Browser;
  let dir: string;
  let contexts: BrowserContext[] = [];

  /** The plan as `key` sees it, on the part named by `view` (`?vis=`), the plan itself by default. */
  async function planPage(key: string, view?: 'historikk'): Promise<Page> {
    // Playwright contexts accept downloads by default.
    const context = await newContext(browser, app.api.url);
    contexts.push(context);
    const page = await context.newPage();
    await loginInBrowser(page, demoAccount('fjordvik', key).email, DEMO_PASSWORD, `/planer/${f.planId}${view ? `?vis=${view}` : ''}`);
    await page.getByRole('heading', { level: 1, name: 'Nedlastingsplan' }).waitFor();
    if (view === 'historikk') await page.locator('#history-title').waitFor();
    return page;
  }
  async function download(page: Page, button: string): Promise<{ name: string; path: string }> {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button, exact: true }).click()]);
    const path = join(dir, file.suggestedFilename());
    await file.saveAs(path);
    return { name: file.suggestedFilename(), path };
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fellesplan-web-exports-'));
    f = await createPlanFixture(app, 'Nedlastingsplan');
    await f.clients.coordinator.post(`/api/plans/${f.planId}/goals`, { title: 'Gå på skøyter på isen i vinter' });
    browser = await launchBrowser();
  }, 90_000);
  afterEach(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    contexts = [];
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets the person download the plan as a PDF and as FHIR JSON from "Skriv ut / last ned"', async () => {
    const page = await planPage('citizen');
    await page.getByText('Skriv ut / last ned', { exact: true }).click();
    expect(await seriousA11yViolations(page)).toEqual([]);

    const pdf = await download(page, 'Last ned PDF');
    expect(pdf.name).toMatch(/^individuell-plan-aina-lund-r\d+\.pdf$/);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf.path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Plan for Aina Lund');
    expect(text).toContain('Gå på skøyter på isen i vinter');
    await page.getByText(`Filen ${pdf.name} er lastet ned.`).waitFor();

    const large = await download(page, 'Last ned PDF med stor skrift');
    expect(large.name).toMatch(/-stor-skrift\.pdf$/);

    const fhir = await download(page, 'Last ned som FHIR (JSON) til andre journalsystemer');
    const bundle = JSON.parse(readFileSync(fhir.path, 'utf8'));
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
  });

  it('offers a relative the PDF but not FHIR, and no archive copies', async () => {
    const page = await planPage('relative');
    await page.getByText('Skriv ut / last ned', { exact: true }).click();
    await page.getByRole('button', { name: 'Last ned PDF', exact: true }).waitFor();
    expect(await page.getByRole('button', { name: /FHIR/ }).count()).toBe(0);
    // The archive copies live in the history, and not for a relative.
    await page.locator('.plan-tabs').getByRole('link', { name: 'Historikk' }).click();
    await page.locator('#history-title').waitFor();
    expect(await page.getByTestId('archive-copies').count()).toBe(0);
  });

  it('shows the archive copy in the history once the plan is closed, and downloads it as a zip', async () => {
    expect((await f.clients.coordinator.post(`/api/plans/${f.planId}/status`, { status: 'closed' })).status).toBe(201);
    await eventually(
      async () => ((await f.clients.coordinator.get(`/api/plans/${f.planId}/archive`)).body as unknown[]).length > 0,
      20_000,
    );
    const page = await planPage('coordinator', 'historikk');
    const copies = page.getByTestId('archive-copies');
    await copies.getByText('Planen ble avsluttet', { exact: false }).waitFor();
    const zip = await download(page, 'Last ned arkivkopien');
    expect(zip.name).toMatch(/\.zip$/);
    const files = unzipSync(new Uint8Array(readFileSync(zip.path)));
    expect(Object.keys(files).sort()).toEqual([expect.stringMatching(/-arkiv-closed\.pdf$/), 'metadata.json']);
    expect(JSON.parse(Buffer.from(files['metadata.json']).toString('utf8')).documentType.code).toBe('9602');
  });
});
