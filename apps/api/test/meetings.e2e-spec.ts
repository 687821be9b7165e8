import { useTestApp } from '#testing';
import { createPlanFixture, type PlanFixture } from './fixtures/plan-fixture';

describe('meetings (ansvarsgruppemøter)', () => {
  const app = useTestApp();
  let f: PlanFixture;
  let other: PlanFixture;
  // Two plans only: each fixture logs in eleven times, and logins are throttled per address.
  beforeAll(async () => {
    f = await createPlanFixture(app, 'Møteplan');
    other = await createPlanFixture(app, 'En annen møteplan');
  }, 90_000);

  const url = (path = '') => `/api/plans/${f.planId}${path}`;
  const revision = async () => (await f.clients.coordinator.get(url())).body.revision as number;
  const newMeeting = async (extra: object = {}) => {
    const res = await f.clients.coordinator.post(url('/meetings'), {
      title: 'Ansvarsgruppemøte',
      startsAt: '2031-03-03T09:00:00+01:00',
      endsAt: '2031-03-03T10:30:00+01:00',
      location: 'Fjordvik helsestasjon',
      agenda: [{ title: 'Hvordan går det hjemme?' }, { title: 'Skolestart' }],
      ...extra,
    });
    expect(res.status).toBe(201);
    return res.body;
  };

  it('creates a meeting with agenda through the write path, readable by members', async () => {
    const before = await revision();
    const created = await newMeeting({ videoUrl: 'https://video.example/rom/123' });
    expect(created.revision).toBe(before + 1);
    expect(created.entity).toMatchObject({
      title: 'Ansvarsgruppemøte',
      startsAt: '2031-03-03T08:00:00.000Z',
      endsAt: '2031-03-03T09:30:00.000Z',
      location: 'Fjordvik helsestasjon',
      videoUrl: 'https://video.example/rom/123',
      status: 'planned',
      sequence: 0,
      attendees: [],
      decisions: [],
    });
    expect(created.entity.agenda).toEqual([
      { id: expect.any(String), title: 'Hvordan går det hjemme?', done: false },
      { id: expect.any(String), title: 'Skolestart', done: false },
    ]);
    const list = await f.clients.relative.get(url('/meetings'));
    expect(list.status).toBe(200);
    expect(list.body.items.map((m: { id: string }) => m.id)).toContain(created.entityId);
    const one = await f.clients.professional.get(url(`/meetings/${created.entityId}`));
    expect(one.body).toMatchObject({ id: created.entityId, sequence: 0 });
    const events = await f.clients.coordinator.get(url(`/events?since=${before}`));
    expect(events.body.events).toEqual([
      expect.objectContaining({ entityType: 'meeting', entityId: created.entityId, action: 'created', revision: before + 1 }),
    ]);
    // A relative takes part but does not arrange meetings.
    expect((await f.clients.relative.post(url('/meetings'), { startsAt: '2031-01-01T10:00:00Z' })).status).toBe(403);
  });

  it('records a decision and creates its task in one call, one revision', async () => {
    const meeting = await newMeeting();
    const before = await revision();
    const res = await f.clients.professional.post(url(`/meetings/${meeting.entityId}/decisions`), {
      text: 'Ergoterapeut vurderer tilpasning av skolepulten før skolestart',
      task: { title: 'Tilpasse skolepult', responsibleMemberId: f.memberIds.professional, dueDate: '2031-06-15', scope: '2 besøk' },
    });
    expect(res.status).toBe(201);
    expect(res.body.revision).toBe(before + 1);
    const { meeting: m, decision, task } = res.body.entity;
    expect(task).toMatchObject({ title: 'Tilpasse skolepult', responsibleMemberId: f.memberIds.professional, dueDate: '2031-06-15' });
    expect(decision).toMatchObject({ text: 'Ergoterapeut vurderer tilpasning av skolepulten før skolestart', taskId: task.id });
    expect(m.decisions).toEqual([decision]);

    const view = (await f.clients.person.get(url())).body;
    expect(view.revision).toBe(before + 1);
    expect(view.tasks.find((t: { id: string }) => t.id === task.id)).toMatchObject({ title: 'Tilpasse skolepult' });
    expect(view.meetings.find((x: { id: string }) => x.id === meeting.entityId).decisions).toEqual([decision]);
    const events = (await f.clients.person.get(url(`/events?since=${before}`))).body.events;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      entityType: 'meeting',
      entityId: meeting.entityId,
      action: 'decided',
      patch: { decisions: [decision], createdTask: { id: task.id, title: 'Tilpasse skolepult' } },
    });
    // A decision without a task is just recorded.
    const plain = await f.clients.coordinator.post(url(`/meetings/${meeting.entityId}/decisions`), { text: 'Neste møte i juni' });
    expect(plain.body.entity.task).toBeNull();
    expect(plain.body.entity.meeting.decisions).toHaveLength(2);
  });

  it('writes neither the decision nor the task when the task is refused', async () => {
    const meeting = await newMeeting();
    const before = await revision();
    const res = await f.clients.coordinator.post(url(`/meetings/${meeting.entityId}/decisions`), {
      text: 'Noen andre skal gjøre det',
      task: { title: 'Kapret tiltak', responsibleMemberId: other.memberIds.professional },
    });
    expect(res.status).toBe(404);
    expect(await revision()).toBe(before);
    const after = (await f.clients.coordinator.get(url(`/meetings/${meeting.entityId}`))).body;
    expect(after.decisions).toEqual([]);
    const view = (await f.clients.coordinator.get(url())).body;
    expect(view.tasks.some((t: { title: string }) => t.title === 'Kapret tiltak')).toBe(false);
    // Nor from a meeting of another plan.
    const foreign = await other.clients.coordinator.post(`/api/plans/${other.planId}/meetings`, { startsAt: '2031-01-01T10:00:00Z' });
    const cross = await f.clients.coordinator.post(url(`/meetings/${foreign.body.entityId}/decisions`), { text: 'x' });
    expect(cross.status).toBe(404);
  });

  it('takes only members of this plan as attendees', async () => {
    const meeting = await newMeeting();
    const base = await revision();
    const refused = await f.clients.coordinator.patch(url(`/meetings/${meeting.entityId}`), {
      baseRevision: base,
      attendees: [f.memberIds.person, other.memberIds.person],
    });
    expect(refused.status).toBe(404);
    expect(refused.body.code).toBe('not_found');
    expect(await revision()).toBe(base);
    const ok = await f.clients.coordinator.patch(url(`/meetings/${meeting.entityId}`), {
      baseRevision: base,
      attendees: [f.memberIds.person, f.memberIds.coordinator, f.memberIds.guardian],
      minutes: 'Aina fortalte om den første uka på skolen.',
      status: 'held',
    });
    expect(ok.status).toBe(200);
    expect([...ok.body.entity.attendees].sort()).toEqual([f.memberIds.person, f.memberIds.coordinator, f.memberIds.guardian].sort());
    expect(ok.body.entity).toMatchObject({ status: 'held', minutes: 'Aina fortalte om den første uka på skolen.' });
    // A removed member is no longer someone to mark present.
    const extra = await f.clients.coordinator.post(url('/members'), {
      email: `borte.${Date.now()}@fjordvik.example`,
      name: 'Berit Borte',
      role: 'relative',
    });
    await f.clients.coordinator.delete(url(`/members/${extra.body.entityId}`));
    const removed = await f.clients.coordinator.patch(url(`/meetings/${meeting.entityId}`), {
      baseRevision: await revision(),
      attendees: [extra.body.entityId],
    });
    expect(removed.status).toBe(404);
  });

  it('bumps the sequence when the time or place changes, not for minutes', async () => {
    const meeting = await newMeeting();
    const id = meeting.entityId as string;
    const patch = async (body: object) => f.clients.coordinator.patch(url(`/meetings/${id}`), { baseRevision: await revision(), ...body });
    expect((await patch({ minutes: 'Foreløpig referat' })).body.entity.sequence).toBe(0);
    expect((await patch({ startsAt: '2031-03-04T09:00:00+01:00', endsAt: '2031-03-04T10:00:00+01:00' })).body.entity.sequence).toBe(1);
    expect((await patch({ location: 'Fjordvik skole, møterom 1' })).body.entity.sequence).toBe(2);
    // The same place again changes nothing and takes no revision.
    const before = await revision();
    const same = await patch({ location: 'Fjordvik skole, møterom 1', startsAt: '2031-03-04T08:00:00.000Z' });
    expect(same.status).toBe(200);
    expect(same.body.revision).toBe(before);
    expect((await f.clients.person.get(url(`/meetings/${id}`))).body).toMatchObject({
      sequence: 2,
      location: 'Fjordvik skole, møterom 1',
      startsAt: '2031-03-04T08:00:00.000Z',
    });
    // The event tells the new sequence with the moved fields.
    const events = (await f.clients.person.get(url(`/events?since=${before - 1}`))).body.events;
    expect(events[0].patch).toEqual({ location: 'Fjordvik skole, møterom 1', sequence: 2 });
  });

  it('does not overwrite minutes someone else changed meanwhile', async () => {
    const meeting = await newMeeting();
    const base = await revision();
    const first = await f.clients.professional.patch(url(`/meetings/${meeting.entityId}`), {
      baseRevision: base,
      minutes: 'Per sitt referat',
    });
    expect(first.status).toBe(200);
    const second = await f.clients.coordinator.patch(url(`/meetings/${meeting.entityId}`), {
      baseRevision: base,
      minutes: 'Karis referat',
      title: 'Oppstartsmøte',
    });
    expect(second.status).toBe(409);
    expect(second.body.details.conflicts).toEqual([
      expect.objectContaining({
        field: 'minutes',
        currentValue: 'Per sitt referat',
        changedBy: { accountId: f.accountIds.professional, name: 'Per Hansen' },
      }),
    ]);
    const now = (await f.clients.coordinator.get(url(`/meetings/${meeting.entityId}`))).body;
    expect(now).toMatchObject({ minutes: 'Per sitt referat', title: 'Oppstartsmøte' });
  });

  it('cancels a deleted meeting and hides it', async () => {
    const meeting = await newMeeting();
    const del = await f.clients.guardian.delete(url(`/meetings/${meeting.entityId}`));
    expect(del.status).toBe(200);
    expect((await f.clients.coordinator.get(url(`/meetings/${meeting.entityId}`))).status).toBe(404);
    const list = (await f.clients.coordinator.get(url('/meetings?limit=200'))).body.items;
    expect(list.some((m: { id: string }) => m.id === meeting.entityId)).toBe(false);
    expect((await f.clients.guardian.delete(url(`/meetings/${meeting.entityId}`))).status).toBe(404);
  });

  it('rejects bad input with 400 and writes nothing', async () => {
    const meeting = await newMeeting();
    const rev = await revision();
    const cases = [
      await f.clients.coordinator.post(url('/meetings'), { startsAt: 'i morgen' }),
      await f.clients.coordinator.post(url('/meetings'), { startsAt: '2031-01-01T10:00:00Z', endsAt: '2031-01-01T09:00:00Z' }),
      await f.clients.coordinator.post(url('/meetings'), { startsAt: '2031-01-01T10:00:00Z', videoUrl: 'javascript:alert(1)' }),
      await f.clients.coordinator.post(url('/meetings'), { startsAt: '2031-01-01T10:00:00Z', colour: 'red' }),
      await f.clients.coordinator.post(url('/meetings'), { startsAt: '2031-01-01T10:00:00Z', agenda: [{ title: 'x', owner: 'y' }] }),
      await f.clients.coordinator.patch(url(`/meetings/${meeting.entityId}`), { baseRevision: rev, minutes: 'x'.repeat(50_001) }),
      await f.clients.coordinator.patch(url(`/meetings/${meeting.entityId}`), { baseRevision: rev, attendees: ['ikke-en-id'] }),
      await f.clients.coordinator.patch(url(`/meetings/${meeting.entityId}`), { baseRevision: rev, status: 'maybe' }),
      await f.clients.coordinator.post(url(`/meetings/${meeting.entityId}/decisions`), { text: '' }),
      await f.clients.coordinator.post(url(`/meetings/${meeting.entityId}/decisions`), { text: 'x', task: { title: 'y' } }),
    ];
    expect(cases.map((r) => [r.status, r.body.code])).toEqual(cases.map(() => [400, 'validation_failed']));
    expect(await revision()).toBe(rev);
  });
});
