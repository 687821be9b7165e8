/**
 * Consent without dead ends (issue 13): a person who cannot log in gives consent on paper in the
 * first meeting; the coordinator records it (with the scanned paper, checked by its bytes and
 * kept in PostgreSQL with its SHA-256), the members who waited get in, the plan and its history
 * say how it was given, and the person revokes it like any consent, with members' access
 * following at once over REST and the socket. Also: what is missing, who waits, the reminder to
 * the person (rate-limited, audited), and who may do each of these.
 */
import { createHash } from 'node:crypto';
import { Client } from 'pg';
import type { RevokedNotice } from '#contracts';
import { emitWithAck, expectOk, useSockets, useTestApp, waitForEvent, type ApiClient, type TestResponse } from '#testing';
import { DEMO_PASSWORD, demoAccount } from '../src/database/seed/demo-accounts';
import { samplePdf, samplePng } from './fixtures/documents';
import { createPlanFixture, type PlanFixture } from './fixtures/plan-fixture';

const osloToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(new Date());

describe('consent recorded from paper', () => {
  const app = useTestApp({ REMINDER_INTERVAL_SECONDS: '0' });
  const openSocket = useSockets();
  let db: Client;
  let f: PlanFixture;
  /** A plan for a person with no way to log in, with a relative and a professional who wait. */
  let paper: { planId: string; relativeMemberId: string; professionalMemberId: string; coordinatorMemberId: string };
  let recordId: string;

  const count = async (text: string, params: unknown[]) => Number((await db.query(text, params)).rows[0].n);
  const documentsOf = (planId: string) => count(`SELECT count(*) AS n FROM consent_documents WHERE plan_id = $1`, [planId]);
  const revisionOf = async (planId: string) =>
    Number((await db.query(`SELECT revision FROM plans WHERE id = $1`, [planId])).rows[0].revision);

  async function upload(client: ApiClient, planId: string, record: string, body: Buffer, contentType?: string): Promise<TestResponse> {
    const headers: Record<string, string> = { authorization: `Bearer ${client.accessToken}` };
    if (contentType) headers['content-type'] = contentType;
    const res = await fetch(`${app.api.url}/api/plans/${planId}/consents/records/${record}/document`, { method: 'PUT', headers, body });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  }

  beforeAll(async () => {
    db = new Client({ connectionString: app.databaseUrl });
    // The test database is dropped at the end, which ends this connection too.
    db.on('error', () => undefined);
    await db.connect();
    f = await createPlanFixture(app, 'Samtykke på papir');
    const c = f.clients.coordinator;
    // The person has no phone and no e-mail: nobody can log in to give consent.
    const created = await c.post('/api/plans', { title: 'Olavs plan', personName: 'Olav Fjell', personNoContact: true });
    expect(created.status).toBe(201);
    const planId = created.body.plan.id as string;
    const coordinatorMemberId = (created.body.plan.members as { id: string; role: string }[]).find((m) => m.role === 'coordinator')!.id;
    const invited = await c.post(`/api/plans/${planId}/members`, {
      email: demoAccount('fjordvik', 'relative').email,
      name: 'Jonas Lund',
      role: 'relative',
    });
    expect(invited.status).toBe(201);
    const token = (invited.body.invitationUrl as string).split('/').pop();
    expect((await app.client.post(`/api/invitations/${token}/accept`, { password: DEMO_PASSWORD })).status).toBe(200);
    const staff = await c.get(`/api/directory/staff?planId=${planId}&q=${encodeURIComponent('Per Hansen')}`);
    const added = await c.post(`/api/plans/${planId}/members`, {
      accountId: staff.body[0].accountId,
      role: 'professional',
      service: 'Ergoterapi',
    });
    expect(added.status).toBe(201);
    paper = { planId, relativeMemberId: invited.body.entityId, professionalMemberId: added.body.entityId, coordinatorMemberId };
  }, 90_000);
  afterAll(async () => {
    await db?.end();
  });

  it('says where the coordinator looks that consent is missing and that nobody can give it in the app', async () => {
    const status = await f.clients.coordinator.get(`/api/plans/${paper.planId}/consents/status`);
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ planConsent: false, waiting: 2, personReach: 'none', mayRemind: false, lastReminderAt: null });
    expect(status.body.waitingMembers.map((m: { name: string }) => m.name).sort()).toEqual(['Jonas Lund', 'Per Hansen']);
    const home = await f.clients.coordinator.get('/api/me/home');
    const card = home.body.plans.find((p: { planId: string }) => p.planId === paper.planId);
    expect(card.consentNeeds).toEqual({ planConsent: false, waiting: 2, personReach: 'none' });
    // Nobody to remind: the way forward is the paper.
    const remind = await f.clients.coordinator.post(`/api/plans/${paper.planId}/consents/reminders`);
    expect(remind.status).toBe(409);
    expect(remind.body.message).toMatch(/paper/);
  });

  it('tells a waiting member why, and what happens next, with metadata only', async () => {
    expect((await f.clients.relative.get(`/api/plans/${paper.planId}`)).body.code).toBe('consent_required');
    const wait = await f.clients.relative.get(`/api/plans/${paper.planId}/consents/waiting`);
    expect(wait.status).toBe(200);
    expect(wait.body).toMatchObject({ waiting: true, personName: 'Olav Fjell', personReach: 'none', title: 'Olavs plan' });
    expect(wait.body.coordinatorName).toEqual(expect.any(String));
    expect(Object.keys(wait.body).sort()).toEqual(
      ['coordinatorName', 'lastReminderAt', 'personName', 'personReach', 'planId', 'since', 'title', 'waiting'].sort(),
    );
    // Outside the plan: not found, as always.
    expect((await f.clients.systemkoordinator.get(`/api/plans/${paper.planId}/consents/waiting`)).status).toBe(404);
    expect((await f.clients.otherTenant.get(`/api/plans/${paper.planId}/consents/waiting`)).status).toBe(404);
  });

  it('refuses a date in the future, a member who needs no consent and an empty record, storing nothing', async () => {
    const url = `/api/plans/${paper.planId}/consents/recorded`;
    const before = await revisionOf(paper.planId);
    const future = await f.clients.coordinator.post(url, { form: 'paper', givenOn: '2999-01-01', plan: true, memberIds: [] });
    expect(future.status).toBe(400);
    const coordinator = await f.clients.coordinator.post(url, {
      form: 'oral',
      givenOn: osloToday(),
      plan: false,
      memberIds: [paper.coordinatorMemberId],
    });
    expect(coordinator.status).toBe(400);
    const empty = await f.clients.coordinator.post(url, { form: 'oral', givenOn: osloToday(), plan: false, memberIds: [] });
    expect(empty.status).toBe(400);
    const foreign = await f.clients.coordinator.post(url, {
      form: 'oral',
      givenOn: osloToday(),
      plan: false,
      memberIds: [f.memberIds.relative],
    });
    expect(foreign.status).toBe(404);
    expect(await revisionOf(paper.planId)).toBe(before);
    expect(await count(`SELECT count(*) AS n FROM consents WHERE plan_id = $1`, [paper.planId])).toBe(0);
  });

  it.each(['relative', 'professional', 'systemkoordinator', 'outsider', 'otherTenant'] as const)(
    'a %s may not record consent on paper',
    async (who) => {
      const res = await f.clients[who].post(`/api/plans/${paper.planId}/consents/recorded`, {
        form: 'paper',
        givenOn: osloToday(),
        plan: true,
        memberIds: [paper.relativeMemberId],
      });
      expect(res.status).toBe(who === 'relative' || who === 'professional' ? 403 : 404);
      expect(await count(`SELECT count(*) AS n FROM consents WHERE plan_id = $1`, [paper.planId])).toBe(0);
    },
  );

  it('records consent given on paper: the plan becomes active and the members who waited get in', async () => {
    const res = await f.clients.coordinator.post(`/api/plans/${paper.planId}/consents/recorded`, {
      form: 'paper',
      givenOn: '2026-12-01',
      plan: true,
      memberIds: [paper.relativeMemberId, paper.professionalMemberId],
      note: 'Signert i første ansvarsgruppemøte',
      clientMutationId: 'papir-1',
    });
    expect(res.status).toBe(201);
    recordId = res.body.entity.recordId;
    expect(res.body.entity.consentIds).toHaveLength(3);
    // A retry is the same change.
    const retry = await f.clients.coordinator.post(`/api/plans/${paper.planId}/consents/recorded`, {
      form: 'paper',
      givenOn: '2026-12-01',
      plan: true,
      memberIds: [paper.relativeMemberId, paper.professionalMemberId],
      clientMutationId: 'papir-1',
    });
    expect(retry.body).toMatchObject({ revision: res.body.revision, replayed: true });

    const plan = await f.clients.coordinator.get(`/api/plans/${paper.planId}`);
    expect(plan.body.status).toBe('active');
    const recorded = (plan.body.consents as { recordId: string; form: string; recordedByName: string; givenAt: string }[]).filter(
      (c) => c.recordId === recordId,
    );
    expect(recorded).toHaveLength(3);
    expect(recorded[0]).toMatchObject({ form: 'paper', givenByName: 'Olav Fjell', recordedByName: expect.any(String) });
    expect(recorded[0].givenAt.slice(0, 10)).toBe('2026-12-01');
    expect((await f.clients.relative.get(`/api/plans/${paper.planId}`)).status).toBe(200);
    expect((await f.clients.professional.get(`/api/plans/${paper.planId}`)).status).toBe(200);
    expect((await f.clients.relative.get(`/api/plans/${paper.planId}/consents/waiting`)).body.waiting).toBe(false);

    // The history says so: whole for the coordinator, only whose access for a relative.
    const events = await f.clients.coordinator.get(`/api/plans/${paper.planId}/events?since=0`);
    const event = events.body.events.find((e: { action: string }) => e.action === 'recorded');
    expect(event.patch).toMatchObject({ form: 'paper', givenOn: '2026-12-01', recordId, note: 'Signert i første ansvarsgruppemøte' });
    const relativeEvents = await f.clients.relative.get(`/api/plans/${paper.planId}/events?since=0`);
    const seen = relativeEvents.body.events.find((e: { action: string }) => e.action === 'recorded');
    expect(seen).toMatchObject({ redacted: true });
    expect(Object.keys(seen.patch).sort()).toEqual(['kind', 'memberIds', 'planStatus']);
    expect(await count(`SELECT count(*) AS n FROM audit_entries WHERE plan_id = $1 AND action = 'consent.recorded'`, [paper.planId])).toBe(
      1,
    );
  });

  describe('the scanned paper', () => {
    let second: string;
    beforeAll(async () => {
      // A second record (oral) on the fixture plan, for a new relative, to try bad documents on.
      const invited = await f.clients.coordinator.post(`/api/plans/${f.planId}/members`, {
        email: `muntlig.${Date.now()}@fjordvik.example`,
        name: 'Mona Muntlig',
        role: 'relative',
      });
      const res = await f.clients.coordinator.post(`/api/plans/${f.planId}/consents/recorded`, {
        form: 'oral',
        givenOn: osloToday(),
        plan: false,
        memberIds: [invited.body.entityId],
      });
      expect(res.status).toBe(201);
      second = res.body.entity.recordId;
    });

    const bad: [string, () => Buffer, string | undefined, number, string][] = [
      ['not a PDF or an image', () => Buffer.from('GIF89a\x01\x00\x01\x00'), 'application/pdf', 400, 'document_invalid'],
      ['a content type that lies (PDF bytes sent as PNG)', samplePdf, 'image/png', 400, 'document_invalid'],
      ['a content type that lies (PNG bytes sent as JPEG)', samplePng, 'image/jpeg', 400, 'document_invalid'],
      ['a PDF cut short', () => samplePdf().subarray(0, 60), 'application/pdf', 400, 'document_invalid'],
      ['a wrong content type (text/plain)', samplePdf, 'text/plain', 415, 'unsupported_media_type'],
      ['a wrong content type (image/gif)', samplePng, 'image/gif', 415, 'unsupported_media_type'],
      ['no content type', samplePdf, undefined, 415, 'unsupported_media_type'],
      ['more than 10 MB', () => Buffer.concat([samplePdf(), Buffer.alloc(10 * 1024 * 1024)]), 'application/pdf', 413, 'payload_too_large'],
      ['empty', () => Buffer.alloc(0), 'application/pdf', 400, 'document_invalid'],
    ];
    it.each(bad)('refuses %s with a clear 4xx and stores nothing', async (_what, bytes, type, status, code) => {
      const before = await revisionOf(f.planId);
      const res = await upload(f.clients.coordinator, f.planId, second, bytes(), type);
      expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
      expect(await documentsOf(f.planId)).toBe(0);
      expect(await revisionOf(f.planId)).toBe(before);
    });

    it('refuses JSON at the document route, and a document for a record that is not there', async () => {
      const json = await f.clients.coordinator.put(`/api/plans/${f.planId}/consents/records/${second}/document`, { data: 'x' });
      expect(json.status).toBe(415);
      const missing = await upload(f.clients.coordinator, f.planId, '7c9e6679-7425-40de-944b-e07fc1f90ae7', samplePng(), 'image/png');
      expect(missing.status).toBe(404);
      // Another plan's record is not found here either.
      const elsewhere = await upload(f.clients.coordinator, f.planId, recordId, samplePng(), 'image/png');
      expect(elsewhere.status).toBe(404);
      expect(await documentsOf(f.planId)).toBe(0);
    });

    it.each(['relative', 'professional', 'systemkoordinator', 'outsider'] as const)('a %s may not upload it', async (who) => {
      const res = await upload(f.clients[who], paper.planId, recordId, samplePdf(), 'application/pdf');
      expect(res.status).toBe(who === 'relative' || who === 'professional' ? 403 : 404);
      expect(await documentsOf(paper.planId)).toBe(0);
    });

    it('keeps a good PDF with its SHA-256, shows its metadata, and lets only consent readers download it (audited)', async () => {
      const pdf = samplePdf();
      const res = await upload(f.clients.coordinator, paper.planId, recordId, pdf, 'application/pdf');
      expect(res.status).toBe(200);
      const sha = createHash('sha256').update(pdf).digest('hex');
      const row = (await db.query(`SELECT sha256, data, content_type FROM consent_documents WHERE record_id = $1`, [recordId])).rows[0];
      expect(row).toMatchObject({ sha256: sha, content_type: 'application/pdf' });
      expect(Buffer.compare(row.data, pdf)).toBe(0);
      // Once per record.
      expect((await upload(f.clients.coordinator, paper.planId, recordId, samplePng(), 'image/png')).status).toBe(409);

      const plan = await f.clients.coordinator.get(`/api/plans/${paper.planId}`);
      const withDoc = plan.body.consents.find((c: { recordId: string }) => c.recordId === recordId);
      expect(withDoc.document).toMatchObject({ contentType: 'application/pdf', size: pdf.length, sha256: sha });
      expect((await f.clients.relative.get(`/api/plans/${paper.planId}`)).body.consents).toBeNull();

      const path = `${app.api.url}/api/plans/${paper.planId}/consents/records/${recordId}/document`;
      const download = await fetch(path, { headers: { authorization: `Bearer ${f.clients.coordinator.accessToken}` } });
      expect(download.status).toBe(200);
      expect(download.headers.get('content-type')).toBe('application/pdf');
      expect(download.headers.get('x-content-sha256')).toBe(sha);
      expect(Buffer.compare(Buffer.from(await download.arrayBuffer()), pdf)).toBe(0);
      expect(
        await count(`SELECT count(*) AS n FROM audit_entries WHERE plan_id = $1 AND action = 'consent.document.read'`, [paper.planId]),
      ).toBe(1);
      for (const who of ['relative', 'professional', 'systemkoordinator', 'otherTenant'] as const) {
        const refused = await fetch(path, { headers: { authorization: `Bearer ${f.clients[who].accessToken}` } });
        expect([who, refused.status]).toEqual([who, who === 'relative' || who === 'professional' ? 403 : 404]);
      }
      expect(
        await count(`SELECT count(*) AS n FROM audit_entries WHERE plan_id = $1 AND action = 'consent.document.read'`, [paper.planId]),
      ).toBe(1);
    });

    it('keeps a good PNG', async () => {
      const res = await upload(f.clients.coordinator, f.planId, second, samplePng(), 'image/png');
      expect(res.status).toBe(200);
      expect(await documentsOf(f.planId)).toBe(1);
    });
  });

  it('the systemkoordinator sees neither the consent nor the scan in the overview', async () => {
    const overview = await f.clients.systemkoordinator.get('/api/overview/plans?view=all&limit=100');
    const row = overview.body.items.find((p: { id: string }) => p.id === paper.planId);
    expect(Object.keys(row)).not.toContain('consents');
    expect(JSON.stringify(overview.body)).not.toContain('Signert i første');
  });

  it('the person sees consent recorded on paper and revokes it: the member is out at once, over REST and the socket', async () => {
    // On the fixture plan the person has an account: the relative's consent now comes from paper.
    const own = await f.clients.person.post(`/api/plans/${f.planId}/consents/${f.consentIds.relative}/revoke`);
    expect(own.status).toBe(200);
    const recorded = await f.clients.coordinator.post(`/api/plans/${f.planId}/consents/recorded`, {
      form: 'paper',
      givenOn: osloToday(),
      plan: false,
      memberIds: [f.memberIds.relative],
    });
    expect(recorded.status).toBe(201);
    const consentId = recorded.body.entity.consentIds[0] as string;
    const view = await f.clients.person.get(`/api/plans/${f.planId}`);
    expect(view.body.consents.find((c: { id: string }) => c.id === consentId)).toMatchObject({ form: 'paper', revokedAt: null });

    const socket = await openSocket(app.api.url, f.clients.relative.accessToken);
    await expectOk(socket, 'plan:join', { planId: f.planId, sinceRevision: null });
    const notice = waitForEvent(socket, 'plan:revoked', (n: RevokedNotice) => n.planId === f.planId, 2000);
    const revoke = await f.clients.person.post(`/api/plans/${f.planId}/consents/${consentId}/revoke`);
    expect(revoke.status).toBe(200);
    expect(await notice).toEqual({ planId: f.planId, reason: 'consent_revoked' });
    expect((await f.clients.relative.get(`/api/plans/${f.planId}`)).body.code).toBe('consent_required');
    expect(await emitWithAck(socket, 'plan:join', { planId: f.planId, sinceRevision: null })).toMatchObject({
      ok: false,
      error: { code: 'consent_required' },
    });
    // The coordinator who recorded it cannot revoke the person's consent.
    const again = await f.clients.coordinator.post(`/api/plans/${f.planId}/consents/recorded`, {
      form: 'oral',
      givenOn: osloToday(),
      plan: false,
      memberIds: [f.memberIds.relative],
    });
    const byCoordinator = await f.clients.coordinator.post(`/api/plans/${f.planId}/consents/${again.body.entity.consentIds[0]}/revoke`);
    expect(byCoordinator.status).toBe(403);
  });

  describe('reminding the person', () => {
    let waiterMemberId: string;
    beforeAll(async () => {
      // A new relative who waits, on the plan where the person can log in.
      const invited = await f.clients.coordinator.post(`/api/plans/${f.planId}/members`, {
        email: `venter.${Date.now()}@fjordvik.example`,
        name: 'Vilde Venter',
        role: 'relative',
      });
      const token = (invited.body.invitationUrl as string).split('/').pop();
      expect((await app.client.post(`/api/invitations/${token}/accept`, { password: DEMO_PASSWORD })).status).toBe(200);
      waiterMemberId = invited.body.entityId;
    });

    it.each(['person', 'guardian', 'relative', 'professional', 'systemkoordinator'] as const)('a %s may not send it', async (who) => {
      const res = await f.clients[who].post(`/api/plans/${f.planId}/consents/reminders`);
      expect(res.status).toBe(who === 'systemkoordinator' ? 404 : 403);
    });

    it('the coordinator sees who waits and reminds the person once; a second reminder waits a day', async () => {
      const status = await f.clients.coordinator.get(`/api/plans/${f.planId}/consents/status`);
      expect(status.body).toMatchObject({ personReach: 'account', mayRemind: true });
      expect(status.body.waitingMembers.map((m: { memberId: string }) => m.memberId)).toContain(waiterMemberId);
      const sent = await f.clients.coordinator.post(`/api/plans/${f.planId}/consents/reminders`);
      expect(sent.status).toBe(201);
      expect(sent.body.recipients).toBe(2); // the person and the guardian
      const again = await f.clients.coordinator.post(`/api/plans/${f.planId}/consents/reminders`);
      expect(again.status).toBe(429);
      expect(again.body.details.retryAfterSeconds).toBeGreaterThan(23 * 3600);
      const after = await f.clients.coordinator.get(`/api/plans/${f.planId}/consents/status`);
      expect(after.body).toMatchObject({ mayRemind: false, lastReminderAt: sent.body.sentAt });

      const inbox = await f.clients.person.get('/api/notifications');
      const note = inbox.body.items.find((n: { kind: string }) => n.kind === 'consent_reminder');
      expect(note).toMatchObject({ planId: f.planId, link: `/planer/${f.planId}?vis=folk#consent` });
      expect(note.title).toContain('Samtykke på papir');
      expect(
        await count(`SELECT count(*) AS n FROM audit_entries WHERE plan_id = $1 AND action = 'consent.reminder_sent'`, [f.planId]),
      ).toBe(1);
      // The waiting member sees that the person was reminded.
      const waiter = await app.login(
        (await db.query(`SELECT a.email FROM plan_members m JOIN accounts a ON a.id = m.account_id WHERE m.id = $1`, [waiterMemberId]))
          .rows[0].email,
        DEMO_PASSWORD,
      );
      expect((await waiter.get(`/api/plans/${f.planId}/consents/waiting`)).body).toMatchObject({
        waiting: true,
        personReach: 'account',
        lastReminderAt: sent.body.sentAt,
      });
    });
  });
});
