/**
 * Training of coordinators: courses with a validity, completions with expiry, and the list of
 * coordinators where the untrained and the expired are flagged.
 */
import { useTestApp, type ApiClient } from '#testing';
import { DEMO_PASSWORD, demoAccount } from '../src/database/seed/demo-accounts';

const PASSWORD = 'Et-langt-passord-2026';

function isoDaysFromToday(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The 15th of the month n months from now (the 15th: month arithmetic never overflows). */
function monthsFromToday(n: number): Date {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 15));
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

describe('training', () => {
  const app = useTestApp();
  let admin: ApiClient;
  let coordinator: ApiClient;
  let professional: ApiClient;
  let otherTenantAdmin: ApiClient;
  let basic: { id: string };
  let app101: { id: string };

  async function newAccount(name: string, role = 'coordinator'): Promise<{ id: string; client: ApiClient }> {
    const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${Date.now()}@fjordvik.example`;
    const res = await admin.post('/api/accounts', { email, name, role, password: PASSWORD });
    expect(res.status).toBe(201);
    return { id: res.body.id, client: await app.login(email, PASSWORD) };
  }

  beforeAll(async () => {
    admin = await app.login(demoAccount('fjordvik', 'systemkoordinator').email, DEMO_PASSWORD);
    coordinator = await app.login(demoAccount('fjordvik', 'coordinator').email, DEMO_PASSWORD);
    professional = await app.login(demoAccount('fjordvik', 'professional').email, DEMO_PASSWORD);
    otherTenantAdmin = await app.login(demoAccount('nordoy', 'systemkoordinator').email, DEMO_PASSWORD);
  });

  describe('courses', () => {
    it('the systemkoordinator creates courses; everyone in the tenant sees them', async () => {
      const res = await admin.post('/api/training/courses', {
        title: 'Grunnkurs for koordinatorer',
        description: 'Rollen, samtykke, planarbeid.',
        validityMonths: 24,
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        title: 'Grunnkurs for koordinatorer',
        validityMonths: 24,
        requiredForCoordinators: true,
        archived: false,
      });
      basic = res.body;
      const noExpiry = await admin.post('/api/training/courses', { title: 'Slik bruker du Fellesplan', validityMonths: null });
      expect(noExpiry.status).toBe(201);
      expect(noExpiry.body.validityMonths).toBeNull();
      app101 = noExpiry.body;

      const seen = await professional.get('/api/training/courses');
      expect(seen.status).toBe(200);
      expect(seen.body.map((c: { title: string }) => c.title)).toEqual(['Grunnkurs for koordinatorer', 'Slik bruker du Fellesplan']);
      expect((await otherTenantAdmin.get('/api/training/courses')).body).toEqual([]);
    });

    it('refuses a second course with the same title, and anyone but the systemkoordinator', async () => {
      const dup = await admin.post('/api/training/courses', { title: 'grunnkurs for koordinatorer' });
      expect(dup.status).toBe(409);
      expect(dup.body.code).toBe('already_exists');
      expect((await coordinator.post('/api/training/courses', { title: 'Mitt kurs' })).status).toBe(403);
      expect((await admin.post('/api/training/courses', { title: 'X', validityMonths: 0 })).status).toBe(400);
    });

    it("another tenant's systemkoordinator cannot change the course", async () => {
      expect((await otherTenantAdmin.patch(`/api/training/courses/${basic.id}`, { title: 'Kapret' })).status).toBe(404);
    });
  });

  describe('completions and status', () => {
    it('a completion expires validityMonths after it was completed; one without validity never expires', async () => {
      const who = await newAccount('Tone Trent');
      // Dated from today, so that the completion is well inside its validity whenever this runs.
      const completedOn = isoDate(monthsFromToday(-6));
      const res = await admin.post('/api/training/completions', { accountId: who.id, courseId: basic.id, completedOn });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        accountName: 'Tone Trent',
        courseTitle: 'Grunnkurs for koordinatorer',
        completedOn,
        expiresOn: isoDate(monthsFromToday(18)),
        recordedBy: { name: 'Sigrid Sandvik' },
      });
      const forever = await admin.post('/api/training/completions', {
        accountId: who.id,
        courseId: app101.id,
        completedOn: isoDate(monthsFromToday(-5)),
      });
      expect(forever.body.expiresOn).toBeNull();
      const again = await admin.post('/api/training/completions', { accountId: who.id, courseId: basic.id, completedOn });
      expect(again.status).toBe(409);
      const mine = await who.client.get('/api/training/me');
      expect(mine.status).toBe(200);
      expect(mine.body.status).toMatchObject({ state: 'valid', flagged: false });
      expect(mine.body.completions).toHaveLength(2);
    });

    it('refuses a future date, a date-time, an account in another tenant, and anyone but the systemkoordinator', async () => {
      const who = await newAccount('Frida Fremtid');
      const base = { accountId: who.id, courseId: basic.id };
      expect((await admin.post('/api/training/completions', { ...base, completedOn: isoDaysFromToday(3) })).status).toBe(400);
      expect((await admin.post('/api/training/completions', { ...base, completedOn: '2025-01-01T10:00:00Z' })).status).toBe(400);
      const nordoyCoordinator = (await (await app.login(demoAccount('nordoy', 'coordinator').email, DEMO_PASSWORD)).get('/api/auth/me'))
        .body.id;
      expect(
        (await admin.post('/api/training/completions', { ...base, accountId: nordoyCoordinator, completedOn: '2025-01-01' })).status,
      ).toBe(404);
      expect((await coordinator.post('/api/training/completions', { ...base, completedOn: '2025-01-01' })).status).toBe(403);
      expect((await coordinator.get('/api/training/completions')).status).toBe(403);
    });

    it('lists coordinators with their training: missing, expired, expiring and valid; the first two flagged', async () => {
      const missing = await newAccount('Mona Mangler');
      const expired = await newAccount('Egil Utløpt');
      const expiring = await newAccount('Eva Snart');
      const valid = await newAccount('Vera Gyldig');
      const record = (accountId: string, courseId: string, completedOn: string) =>
        admin.post('/api/training/completions', { accountId, courseId, completedOn });
      await record(expired.id, basic.id, '2020-05-01');
      await record(expired.id, app101.id, '2020-05-01');
      // 24 months back and 30 days forward: expires in about a month.
      const nearlyTwoYears = new Date();
      nearlyTwoYears.setUTCMonth(nearlyTwoYears.getUTCMonth() - 24);
      nearlyTwoYears.setUTCDate(nearlyTwoYears.getUTCDate() + 30);
      await record(expiring.id, basic.id, nearlyTwoYears.toISOString().slice(0, 10));
      await record(expiring.id, app101.id, '2024-01-01');
      await record(valid.id, basic.id, isoDaysFromToday(-10));
      await record(valid.id, app101.id, isoDaysFromToday(-10));
      // An old completion does not hide a newer one.
      await record(valid.id, basic.id, '2019-01-01');

      const res = await admin.get('/api/training/coordinators');
      expect(res.status).toBe(200);
      const byName = Object.fromEntries(res.body.map((c: { name: string }) => [c.name, c]));
      expect(byName['Mona Mangler'].training).toMatchObject({ state: 'missing', flagged: true });
      expect(byName['Egil Utløpt'].training).toMatchObject({ state: 'expired', flagged: true });
      expect(byName['Eva Snart'].training).toMatchObject({ state: 'expiring', flagged: false });
      expect(byName['Vera Gyldig'].training).toMatchObject({ state: 'valid', flagged: false });
      expect(byName['Egil Utløpt'].training.courses).toEqual([
        expect.objectContaining({
          title: 'Grunnkurs for koordinatorer',
          state: 'expired',
          completedOn: '2020-05-01',
          expiresOn: '2022-05-01',
        }),
        expect.objectContaining({ title: 'Slik bruker du Fellesplan', state: 'valid', expiresOn: null }),
      ]);
      expect(byName['Mona Mangler']).toMatchObject({ role: 'coordinator', activePlans: 0, caseloadHigh: false });

      const flagged = await admin.get('/api/training/coordinators?flagged=true');
      const flaggedNames = flagged.body.map((c: { name: string }) => c.name);
      expect(flaggedNames).toEqual(expect.arrayContaining(['Mona Mangler', 'Egil Utløpt']));
      expect(flaggedNames).not.toEqual(expect.arrayContaining(['Eva Snart']));
      expect(flaggedNames).not.toContain('Vera Gyldig');
      expect(missing.id).toBeTruthy();
    });

    it('an archived course is no longer required', async () => {
      const who = await newAccount('Arne Arkiv');
      const course = (await admin.post('/api/training/courses', { title: 'Kurs som utgår', validityMonths: 12 })).body;
      await admin.post('/api/training/completions', { accountId: who.id, courseId: basic.id, completedOn: isoDaysFromToday(-1) });
      await admin.post('/api/training/completions', { accountId: who.id, courseId: app101.id, completedOn: isoDaysFromToday(-1) });
      const before = (await who.client.get('/api/training/me')).body.status;
      expect(before).toMatchObject({ state: 'missing', flagged: true });
      const archived = await admin.patch(`/api/training/courses/${course.id}`, { archived: true });
      expect(archived.body.archived).toBe(true);
      expect((await who.client.get('/api/training/me')).body.status).toMatchObject({ state: 'valid', flagged: false });
      expect((await admin.get('/api/training/courses')).body.map((c: { id: string }) => c.id)).not.toContain(course.id);
      expect((await admin.get('/api/training/courses?includeArchived=true')).body.map((c: { id: string }) => c.id)).toContain(course.id);
    });

    it('a wrongly recorded completion can be deleted', async () => {
      const who = await newAccount('Dina Slett');
      const c = (await admin.post('/api/training/completions', { accountId: who.id, courseId: basic.id, completedOn: '2025-03-03' })).body;
      expect((await otherTenantAdmin.delete(`/api/training/completions/${c.id}`)).status).toBe(404);
      expect((await admin.delete(`/api/training/completions/${c.id}`)).status).toBe(204);
      expect((await admin.get(`/api/training/completions?accountId=${who.id}`)).body).toEqual([]);
    });

    it('tells, before appointing, what the appointment would warn about', async () => {
      const who = await newAccount('Wenche Varsel');
      const res = await admin.get(`/api/training/coordinators/${who.id}/warnings`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual([
        expect.objectContaining({ code: 'training_missing', courses: ['Grunnkurs for koordinatorer', 'Slik bruker du Fellesplan'] }),
      ]);
      expect((await coordinator.get(`/api/training/coordinators/${who.id}/warnings`)).status).toBe(403);
      expect((await otherTenantAdmin.get(`/api/training/coordinators/${who.id}/warnings`)).status).toBe(404);
    });

    it('only the systemkoordinator sees the coordinators list', async () => {
      expect((await coordinator.get('/api/training/coordinators')).status).toBe(403);
      expect((await professional.get('/api/training/coordinators')).status).toBe(403);
    });
  });
});
