/**
 * Content reaches only those who may read it (issue 11): "my plans" shows no content of a plan
 * whose consent is missing or revoked, and plan events are redacted per recipient by the
 * permission matrix, alike over the live socket, a join's catch-up, a range request and the REST
 * change log: the consent record with the person's own note goes only to roles with
 * `consent.read`. An invitation tells nothing about accounts in other municipalities.
 */
import type { MyPlanRow, PlanEventView } from '#contracts';
import { PlanEventLog, emitWithAck, expectOk, useSockets, useTestApp, waitForEvent, type ApiClient, type TestSocket } from '#testing';
import { DEMO_PASSWORD, demoAccount } from '../src/database/seed/demo-accounts';
import { createPlanFixture, type PlanFixture } from './fixtures/plan-fixture';

const NOTE = 'Bare om skolen, ikke om helsa mi';

describe('no content without the right to read it', () => {
  const app = useTestApp();
  let f: PlanFixture;
  const openSocket = useSockets();
  beforeAll(async () => {
    f = await createPlanFixture(app, 'Lekkasjeplanen');
  }, 90_000);

  const url = (path = '') => `/api/plans/${f.planId}${path}`;
  const open = (client: ApiClient) => openSocket(app.api.url, client.accessToken);
  const myRow = async (client: ApiClient) =>
    ((await client.get('/api/plans?limit=200')).body.items as MyPlanRow[]).find((p) => p.id === f.planId);
  const revisionNow = async () => (await f.clients.coordinator.get(url())).body.revision as number;

  /** A new member (invited, no account) and the person's consent for them, with a note: one consent event. */
  async function consentWithNote(): Promise<{ revision: number; memberId: string }> {
    const invited = await f.clients.coordinator.post(url('/members'), {
      email: `samtykke.${Date.now()}@fjordvik.example`,
      name: 'Siri Samtykke',
      role: 'relative',
    });
    expect(invited.status).toBe(201);
    const res = await f.clients.person.post(url('/consents'), { kind: 'member_access', memberId: invited.body.entityId, note: NOTE });
    expect(res.status).toBe(201);
    return { revision: res.body.revision, memberId: invited.body.entityId };
  }

  const consentEvent = (events: PlanEventView[], revision: number) => events.find((e) => e.revision === revision);

  describe('GET /api/plans', () => {
    it('gives the next meeting only to members whose consent is in force', async () => {
      const meeting = await f.clients.coordinator.post(url('/meetings'), {
        startsAt: '2031-06-01T09:00:00.000Z',
        title: 'Ansvarsgruppemøte om skolestart',
        location: 'Rådhuset',
      });
      expect(meeting.status).toBe(201);
      const task = await f.clients.coordinator.post(url('/tasks'), {
        title: 'Følge til skolen',
        responsibleMemberId: f.memberIds.relative,
      });
      expect(task.status).toBe(201);
      const withConsent = await myRow(f.clients.relative);
      expect(withConsent).toMatchObject({ consentRequired: false, nextMeeting: { title: 'Ansvarsgruppemøte om skolestart' } });
      expect(withConsent?.myOpenTasks).toBeGreaterThan(0);

      expect((await f.clients.person.post(url(`/consents/${f.consentIds.relative}/revoke`), {})).status).toBe(200);
      try {
        const without = await myRow(f.clients.relative);
        expect(without).toMatchObject({ id: f.planId, consentRequired: true, nextMeeting: null, myOpenTasks: 0 });
        expect(JSON.stringify(without)).not.toContain('skolestart');
        // The plan itself agrees: consent first.
        expect((await f.clients.relative.get(url())).body.code).toBe('consent_required');
        // Roles that need no consent still see it.
        expect((await myRow(f.clients.coordinator))?.nextMeeting).toMatchObject({ title: 'Ansvarsgruppemøte om skolestart' });
      } finally {
        const again = await f.clients.person.post(url('/consents'), { kind: 'member_access', memberId: f.memberIds.relative });
        expect(again.status).toBe(201);
        f.consentIds.relative = again.body.entityId;
      }
    });
  });

  describe('consent events reach only roles with consent.read', () => {
    it('REST change log: the coordinator reads the consent record, relatives and professionals only whose access it is about', async () => {
      const since = await revisionNow();
      const { revision, memberId } = await consentWithNote();
      const full = consentEvent((await f.clients.coordinator.get(url(`/events?since=${since}`))).body.events, revision);
      expect(full?.patch).toMatchObject({ note: NOTE, memberId, kind: 'member_access' });
      expect(full?.redacted).toBeUndefined();
      for (const who of ['relative', 'professional'] as const) {
        const res = await f.clients[who].get(url(`/events?since=${since}`));
        expect(res.status).toBe(200);
        const seen = consentEvent(res.body.events, revision);
        // The revision is there (the log stays gapless); the record is not.
        expect(seen).toMatchObject({
          revision,
          entityType: 'consent',
          action: 'given',
          redacted: true,
          patch: { memberId, kind: 'member_access' },
        });
        expect(Object.keys(seen!.patch).sort()).toEqual(['kind', 'memberId']);
        expect(JSON.stringify(res.body)).not.toContain(NOTE);
      }
    });

    it('live: one event, each recipient class gets what it may read', async () => {
      const sockets: Record<'coordinator' | 'guardian' | 'relative' | 'professional', TestSocket> = {
        coordinator: await open(f.clients.coordinator),
        guardian: await open(f.clients.guardian),
        relative: await open(f.clients.relative),
        professional: await open(f.clients.professional),
      };
      const logs = Object.fromEntries(Object.entries(sockets).map(([who, s]) => [who, new PlanEventLog(s, f.planId)])) as Record<
        keyof typeof sockets,
        PlanEventLog
      >;
      for (const s of Object.values(sockets)) await expectOk(s, 'plan:join', { planId: f.planId, sinceRevision: null });
      const { revision, memberId } = await consentWithNote();
      for (const log of Object.values(logs)) await log.waitFor(revision);
      for (const who of ['coordinator', 'guardian'] as const) {
        expect(consentEvent(logs[who].events, revision)?.patch).toMatchObject({ note: NOTE, memberId });
      }
      for (const who of ['relative', 'professional'] as const) {
        const seen = consentEvent(logs[who].events, revision);
        expect(seen).toMatchObject({ redacted: true, patch: { memberId, kind: 'member_access' } });
        expect(JSON.stringify(logs[who].events)).not.toContain(NOTE);
      }
      // An event every role may read arrives whole to everyone.
      const edit = await f.clients.coordinator.patch(url(), { baseRevision: 0, cooperation: 'Samarbeid med skolen' });
      expect(edit.status).toBe(200);
      for (const log of Object.values(logs)) {
        await log.waitFor(edit.body.revision);
        expect(consentEvent(log.events, edit.body.revision)).toMatchObject({ patch: { cooperation: 'Samarbeid med skolen' } });
      }
    });

    it("catch-up on join and a range request: the same redaction as the live stream's", async () => {
      const since = await revisionNow();
      const { revision } = await consentWithNote();
      const relative = await open(f.clients.relative);
      const joined = await expectOk(relative, 'plan:join', { planId: f.planId, sinceRevision: since });
      expect(joined.events?.map((e) => e.revision)).toContain(revision);
      expect(consentEvent(joined.events!, revision)?.redacted).toBe(true);
      const range = await expectOk(relative, 'plan:events', { planId: f.planId, afterRevision: since });
      expect(consentEvent(range.events, revision)?.redacted).toBe(true);
      expect(JSON.stringify([joined, range])).not.toContain(NOTE);
      const coordinator = await open(f.clients.coordinator);
      const full = await expectOk(coordinator, 'plan:join', { planId: f.planId, sinceRevision: since });
      expect(consentEvent(full.events!, revision)?.patch.note).toBe(NOTE);
    });
  });

  describe('a role change moves live sockets to their new class', () => {
    it('a coordinator handed over becomes a professional: without consent, out of the live stream at once', async () => {
      const kari = await open(f.clients.coordinator);
      const aina = await open(f.clients.person);
      const ainaLog = new PlanEventLog(aina, f.planId);
      for (const s of [kari, aina]) await expectOk(s, 'plan:join', { planId: f.planId, sinceRevision: null });
      const ola = (await f.clients.coordinator.get(`/api/directory/staff?planId=${f.planId}&q=Ola`)).body[0];
      const added = await f.clients.coordinator.post(url('/members'), { accountId: ola.accountId, role: 'professional' });
      expect(added.status).toBe(201);
      const notice = waitForEvent(kari, 'plan:revoked', (n) => n.planId === f.planId, 2000);
      const handover = await f.clients.person.patch(url(`/members/${added.body.entityId}`), { baseRevision: 0, role: 'coordinator' });
      expect(handover.status).toBe(200);
      expect(await notice).toEqual({ planId: f.planId, reason: 'consent_revoked' });
      await ainaLog.waitFor(handover.body.revision);
      // Koordinerende enhet appoints Kari again: she joins again as the coordinator.
      const back = await f.clients.systemkoordinator.post(`/api/overview/plans/${f.planId}/coordinator`, {
        coordinatorAccountId: f.accountIds.coordinator,
      });
      expect(back.status).toBe(200);
      expect((await emitWithAck(kari, 'plan:join', { planId: f.planId, sinceRevision: null })).ok).toBe(true);
    });
  });

  describe('invitations tell nothing about other municipalities', () => {
    it('an invitation to an address with an account in another municipality looks like one to an unknown address', async () => {
      const elsewhere = demoAccount('nordoy', 'coordinator').email;
      const unknown = `ukjent.${Date.now()}@fjordvik.example`;
      const views = [];
      for (const email of [elsewhere, unknown]) {
        const res = await f.clients.coordinator.post(url('/members'), { email, name: 'Nabo Kommune', role: 'relative' });
        expect(res.status).toBe(201);
        const view = await app.client.get(`/api/invitations/${String(res.body.invitationUrl).split('/').pop()}`);
        expect(view.status).toBe(200);
        views.push(view.body);
      }
      expect(views.map((v) => v.accountExists)).toEqual([false, false]);
      // Accepting makes a new citizen account in this municipality; the other one is untouched.
      const token = String(
        (
          await f.clients.coordinator.post(url('/members'), {
            email: demoAccount('nordoy', 'systemkoordinator').email,
            name: 'Nabo',
            role: 'relative',
          })
        ).body.invitationUrl,
      )
        .split('/')
        .pop();
      const accepted = await app.client.post(`/api/invitations/${token}/accept`, { password: 'Et-nytt-passord-2026' });
      expect(accepted.status).toBe(200);
      expect((await app.login(demoAccount('nordoy', 'systemkoordinator').email, DEMO_PASSWORD)).accessToken).toBeTruthy();
    });
  });
});
