import { eventually, useTestApp } from '#testing';
import { createPlanFixture, type PlanFixture } from './fixtures/plan-fixture';

describe('koordinerende enhet appoints a plan coordinator', () => {
  const app = useTestApp();
  let f: PlanFixture;
  beforeAll(async () => {
    f = await createPlanFixture(app);
  }, 60_000);

  it('replaces the coordinator, keeps the old one as a professional, warns about training and tells the new one', async () => {
    const course = await f.clients.systemkoordinator.post('/api/training/courses', {
      title: 'Grunnkurs for koordinatorer',
      validityMonths: 36,
    });
    expect(course.status).toBe(201);
    const res = await f.clients.systemkoordinator.post(`/api/overview/plans/${f.planId}/coordinator`, {
      coordinatorAccountId: f.accountIds.outsider,
    });
    expect(res.status).toBe(200);
    expect(res.body.coordinator).toEqual({ accountId: f.accountIds.outsider, name: 'Ola Berg' });
    expect(res.body.warnings.map((w: { code: string }) => w.code)).toContain('training_missing');

    const view = await f.clients.outsider.get(`/api/plans/${f.planId}`);
    expect(view.status).toBe(200);
    expect(view.body.myRole).toBe('coordinator');
    const roles = Object.fromEntries(view.body.members.map((m: { accountId: string; role: string }) => [m.accountId, m.role]));
    expect(roles[f.accountIds.coordinator]).toBe('professional');
    expect(view.body.members.filter((m: { role: string }) => m.role === 'coordinator')).toHaveLength(1);

    const events = await f.clients.outsider.get(`/api/plans/${f.planId}/events?since=${view.body.revision - 1}`);
    expect(events.body.events[0]).toMatchObject({ entityType: 'member', action: 'appointed', actor: { name: 'Sigrid Sandvik' } });
    await eventually(async () => {
      const list = await f.clients.outsider.get('/api/notifications');
      return list.body.items.some((n: { kind: string }) => n.kind === 'coordinator_appointed');
    });
    // The systemkoordinator appointed without becoming a member: the content stays closed to her.
    expect((await f.clients.systemkoordinator.get(`/api/plans/${f.planId}`)).status).toBe(404);
  });

  it('is refused to other roles and across tenants', async () => {
    const byCoordinator = await f.clients.coordinator.post(`/api/overview/plans/${f.planId}/coordinator`, {
      coordinatorAccountId: f.accountIds.coordinator,
    });
    expect(byCoordinator.status).toBe(403);
    const nordoy = await app.login('nils.nordmo@nordoy.example', 'Fellesplan-demo-2026');
    const across = await nordoy.post(`/api/overview/plans/${f.planId}/coordinator`, { coordinatorAccountId: f.accountIds.otherTenant });
    expect(across.status).toBe(404);
    const notCoordinator = await f.clients.systemkoordinator.post(`/api/overview/plans/${f.planId}/coordinator`, {
      coordinatorAccountId: f.accountIds.relative,
    });
    expect(notCoordinator.status).toBe(400);
  });
});
