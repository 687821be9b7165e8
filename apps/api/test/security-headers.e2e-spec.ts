/**
 * Response headers: a Content-Security-Policy without inline scripts, under which the web app
 * runs in a real browser with no violation, and `Cache-Control: no-store` on every response
 * that may carry plan content or account data (docs/input.md).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, loginInBrowser, newContext, REPO_ROOT, useTestApp, type TestResponse } from '#testing';
import { DEMO_PASSWORD, demoAccount } from '../src/database/seed/demo-accounts';
import { createPlanFixture, type PlanFixture } from './fixtures/plan-fixture';

function directives(res: TestResponse): Map<string, string[]> {
  const csp = res.headers.get('content-security-policy') ?? '';
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name, values]),
  );
}

describe('security headers', () => {
  const app = useTestApp();
  let f: PlanFixture;
  let meetingId: string;

  beforeAll(async () => {
    f = await createPlanFixture(app, 'Overskrifter');
    const meeting = await f.clients.coordinator.post(`/api/plans/${f.planId}/meetings`, {
      startsAt: '2027-01-10T09:00:00+01:00',
      agenda: [{ title: 'Status' }],
    });
    meetingId = meeting.body.entityId;
  }, 90_000);

  describe('Content-Security-Policy', () => {
    it('allows scripts from this origin only: no inline script, no eval', async () => {
      for (const path of ['/', '/login', `/planer/${f.planId}`, '/api/auth/me']) {
        const csp = directives(await app.client.get(path));
        const scripts = csp.get('script-src') ?? csp.get('default-src');
        expect({ path, scripts }).toEqual({ path, scripts: ["'self'"] });
        expect(csp.get('script-src-attr')).toEqual(["'none'"]);
        expect(csp.get('object-src')).toEqual(["'none'"]);
        expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
        expect(csp.get('style-src')).not.toContain("'unsafe-inline'");
      }
    });

    it('the built index.html needs nothing inline: every script and style is a file of this origin, or its hash is allowed', async () => {
      const html = readFileSync(join(REPO_ROOT, 'dist', 'web', 'index.html'), 'utf8');
      const csp = directives(await app.client.get('/'));
      const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
      for (const body of inline) expect(csp.get('script-src')).toContain(`'sha256-${createHash('sha256').update(body).digest('base64')}'`);
      expect(html).not.toMatch(/<style[\s>]|\sstyle=|\son[a-z]+=/i);
      // The boot script (src/boot.ts, started first) and the app's entry.
      expect([...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1])).toEqual([
        expect.stringMatching(/^\/assets\/boot-/),
        expect.stringMatching(/^\/assets\/index-/),
      ]);
    });

    describe('in a real browser', () => {
      let browser: Browser;
      beforeAll(async () => {
        browser = await launchBrowser();
      });
      afterAll(async () => {
        await browser?.close();
      });

      async function pageRecordingViolations(): Promise<{ page: Page; violations: string[] }> {
        const context = await newContext(browser, app.api.url);
        const page = await context.newPage();
        const violations: string[] = [];
        await page.exposeFunction('reportCspViolation', (v: string) => void violations.push(v));
        await page.addInitScript(`
          document.addEventListener('securitypolicyviolation', (e) =>
            window.reportCspViolation(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber + ' ' + e.sample));
        `);
        page.on('console', (msg) => {
          if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) violations.push(msg.text());
        });
        return { page, violations };
      }

      it('the app runs under the policy with no violation: login, the plan, meeting mode', async () => {
        const { page, violations } = await pageRecordingViolations();
        await loginInBrowser(page, demoAccount('fjordvik', 'coordinator').email, DEMO_PASSWORD, `/planer/${f.planId}`);
        await page.getByRole('heading', { level: 2, name: 'Hva er viktig for Aina Lund' }).waitFor();
        // The history part loads its own script when opened: under the policy too.
        await page.locator('.plan-tabs').getByRole('link', { name: 'Historikk' }).click();
        await page.locator('#history-title').waitFor();
        await page.goto(`/planer/${f.planId}/mote/${meetingId}`);
        await page.getByRole('heading', { level: 1, name: 'Ansvarsgruppemøte' }).waitFor();
        await page.getByText('Status').first().waitFor();
        expect(violations).toEqual([]);
      });

      it('a script injected inline is refused (the policy is enforced, not only sent)', async () => {
        const { page, violations } = await pageRecordingViolations();
        await page.goto('/login');
        await page.getByLabel('E-post').waitFor();
        await page.evaluate(`
          const s = document.createElement('script');
          s.textContent = 'window.injected = true';
          document.body.appendChild(s);
        `);
        expect(await page.evaluate('window.injected')).toBeUndefined();
        expect(violations.join('\n')).toMatch(/script-src/);
      });
    });
  });

  describe('Cache-Control: no-store on plan content and account data', () => {
    const noStore = (res: TestResponse, what: string) =>
      expect({ what, status: res.status, cacheControl: res.headers.get('cache-control') }).toEqual({
        what,
        status: expect.any(Number) as number,
        cacheControl: 'no-store',
      });

    it('on every plan route, read or write, success or error', async () => {
      const c = f.clients.coordinator;
      const plan = `/api/plans/${f.planId}`;
      for (const path of [
        '/api/plans',
        plan,
        `${plan}/events`,
        `${plan}/access-log`,
        `${plan}/journal`,
        `${plan}/meetings`,
        `${plan}/meetings/${meetingId}`,
        '/api/plans/7c9e6679-7425-40de-944b-e07fc1f90ae7',
        `${plan}/export.pdf`,
        `${plan}/export/archive`,
        `${plan}/fhir`,
      ])
        noStore(await c.get(path), `GET ${path}`);
      // Never cached, so no ETag either (it would be a hash over every body for nothing).
      expect((await c.get(plan)).headers.get('etag')).toBeNull();
      noStore(await c.patch(plan, { baseRevision: 0, title: null }), 'PATCH plan (refused)');
      noStore(await c.post(`${plan}/goals`, { title: 'Et mål' }), 'POST goal');
    });

    it('on notifications, the overview, needs, accounts and the caller’s own account', async () => {
      noStore(await f.clients.relative.get('/api/notifications'), 'notifications');
      noStore(await f.clients.relative.post('/api/notifications/read-all'), 'mark all read');
      noStore(await f.clients.relative.get('/api/notifications/preferences'), 'preferences');
      noStore(await f.clients.person.get('/api/auth/me'), 'auth/me');
      noStore(await f.clients.person.patch('/api/me', { locale: 'nb' }), 'PATCH me');
      noStore(await f.clients.systemkoordinator.get('/api/accounts'), 'accounts');
      noStore(await f.clients.systemkoordinator.get(`/api/accounts/${f.accountIds.person}`), 'account');
      noStore(await f.clients.systemkoordinator.get('/api/overview/plans'), 'overview');
      noStore(await f.clients.systemkoordinator.get('/api/needs'), 'needs');
      noStore(
        await app.client.post('/api/auth/login', { email: demoAccount('fjordvik', 'citizen').email, password: DEMO_PASSWORD }),
        'login',
      );
      noStore(await app.client.get('/fhir/Bundle'), 'fhir');
    });

    it('the web app’s own files stay cacheable', async () => {
      const html = readFileSync(join(REPO_ROOT, 'dist', 'web', 'index.html'), 'utf8');
      const script = /<script[^>]*\bsrc="([^"]+)"/.exec(html)![1];
      const res = await app.client.get(script);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toMatch(/max-age=\d+/);
      // A file without a compressed copy beside it comes from express.static, with its validator.
      const page = await app.client.get('/index.html');
      expect(page.status).toBe(200);
      expect(page.headers.get('etag')).toBeTruthy();
    });
  });
});
