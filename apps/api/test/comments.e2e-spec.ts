/**
 * Comments on goals and tasks (issue 12): a thread per item, read like the item, written with
 * comment.write through the write path (a plan event that reaches the room live), @mentions and
 * the task's responsible told, deleted and restored by the author only.
 */
import { eventually, expectOk, PlanEventLog, useSockets, useTestApp, type ApiClient } from '#testing';
import { createPlanFixture, type PlanFixture } from './fixtures/plan-fixture';

describe('comments on goals and tasks', () => {
  const app = useTestApp();
  const openSocket = useSockets();
  let f: PlanFixture;
  let other: PlanFixture;
  beforeAll(async () => {
    f = await createPlanFixture(app, 'Kommentarplan');
    other = await createPlanFixture(app, 'Naboplan');
  }, 90_000);

  const url = (path = '') => `/api/plans/${f.planId}${path}`;
  const revision = async () => (await f.clients.coordinator.get(url())).body.revision as number;
  const notificationsAbout = async (client: ApiClient, link: string) =>
    ((await client.get('/api/notifications?limit=100')).body.items as { kind: string; link: string; body: string }[]).filter(
      (n) => n.link === link,
    );

  it('a comment on a task reaches the room live, tells the mentioned and the responsible, not the author', async () => {
    const task = (await f.clients.coordinator.post(url('/tasks'), { title: 'Øve på bussen', responsibleMemberId: f.memberIds.relative }))
      .body.entityId as string;
    const socket = await openSocket(app.api.url, f.clients.person.accessToken);
    const log = new PlanEventLog(socket, f.planId);
    await expectOk(socket, 'plan:join', { planId: f.planId, sinceRevision: await revision() });

    const res = await f.clients.coordinator.post(url(`/tasks/${task}/comments`), {
      body: 'Bra innsats i dag! @Per Hansen kan du bli med neste gang?',
    });
    expect(res.status).toBe(201);
    const comment = res.body.entity;
    expect(comment).toMatchObject({
      targetType: 'task',
      targetId: task,
      author: { accountId: f.accountIds.coordinator },
      body: 'Bra innsats i dag! @Per Hansen kan du bli med neste gang?',
      mentionedMemberIds: [f.memberIds.professional],
    });
    await log.waitFor(res.body.revision);
    expect(log.events.find((e) => e.revision === res.body.revision)).toMatchObject({
      entityType: 'comment',
      entityId: comment.id,
      action: 'created',
      patch: { targetType: 'task', targetId: task, body: comment.body },
    });

    const link = `/planer/${f.planId}/tiltak/${task}`;
    const mention = await eventually(async () =>
      (await notificationsAbout(f.clients.professional, link)).find((n) => n.kind === 'mention'),
    );
    expect(mention.body).toContain('Bra innsats i dag!');
    const toResponsible = await eventually(async () =>
      (await notificationsAbout(f.clients.relative, link)).find((n) => n.kind === 'comment'),
    );
    expect(toResponsible.body).toContain('Øve på bussen');
    // The author is not told; the guardian was neither mentioned nor responsible.
    expect(await notificationsAbout(f.clients.coordinator, link)).toEqual([]);
    expect(await notificationsAbout(f.clients.guardian, link)).toEqual([]);

    const thread = await f.clients.relative.get(url(`/tasks/${task}/comments`));
    expect(thread.status).toBe(200);
    expect(thread.body).toMatchObject({ total: 1, items: [{ id: comment.id }] });
  });

  it('threads are per item, oldest first; goals have them too', async () => {
    const goal = (await f.clients.coordinator.post(url('/goals'), { title: 'Begynne på skolen' })).body.entityId as string;
    const goal2 = (await f.clients.coordinator.post(url('/goals'), { title: 'Få venner' })).body.entityId as string;
    for (const [client, body] of [
      [f.clients.person, 'Jeg gleder meg'],
      [f.clients.relative, 'Vi har kjøpt sekk'],
      [f.clients.professional, 'Skolen er klar'],
    ] as const)
      expect((await client.post(url(`/goals/${goal}/comments`), { body })).status).toBe(201);
    expect((await f.clients.guardian.post(url(`/goals/${goal2}/comments`), { body: 'Annen tråd' })).status).toBe(201);
    const thread = await f.clients.guardian.get(url(`/goals/${goal}/comments`));
    expect(thread.body.items.map((c: { body: string }) => c.body)).toEqual(['Jeg gleder meg', 'Vi har kjøpt sekk', 'Skolen er klar']);
    const page = await f.clients.guardian.get(url(`/goals/${goal}/comments?limit=1&offset=1`));
    expect(page.body).toMatchObject({ total: 3, limit: 1, offset: 1, items: [{ body: 'Vi har kjøpt sekk' }] });
    const counts = (await f.clients.relative.get(url('/comments'))).body.items as { targetId: string; count: number }[];
    expect(counts.filter((c) => c.targetId === goal || c.targetId === goal2).map((c) => [c.targetId, c.count])).toEqual(
      expect.arrayContaining([
        [goal, 3],
        [goal2, 1],
      ]),
    );
    // A deleted goal's thread is not counted.
    expect((await f.clients.coordinator.delete(url(`/goals/${goal2}`))).status).toBe(200);
    const after = (await f.clients.relative.get(url('/comments'))).body.items as { targetId: string }[];
    expect(after.map((c) => c.targetId)).not.toContain(goal2);
    // A goal's thread is not a task's: the same id under /tasks is not found.
    expect((await f.clients.guardian.get(url(`/tasks/${goal}/comments`))).status).toBe(404);
  });

  it('the author deletes and restores their own comment; nobody else can', async () => {
    const task = (await f.clients.coordinator.post(url('/tasks'), { title: 'Søke om TT-kort' })).body.entityId as string;
    const id = (await f.clients.relative.post(url(`/tasks/${task}/comments`), { body: 'Jeg kan hjelpe med søknaden' })).body.entityId;
    const before = await revision();
    expect((await f.clients.coordinator.delete(url(`/tasks/${task}/comments/${id}`))).status).toBe(403);
    expect(await revision()).toBe(before);
    const del = await f.clients.relative.delete(url(`/tasks/${task}/comments/${id}`));
    expect(del.body.revision).toBe(before + 1);
    expect((await f.clients.relative.get(url(`/tasks/${task}/comments`))).body.items).toEqual([]);
    expect((await f.clients.coordinator.post(url(`/tasks/${task}/comments/${id}/restore`), {})).status).toBe(403);
    const restored = await f.clients.relative.post(url(`/tasks/${task}/comments/${id}/restore`), {});
    expect(restored.status).toBe(200);
    expect(restored.body.revision).toBe(before + 2);
    expect((await f.clients.relative.get(url(`/tasks/${task}/comments`))).body.items.map((c: { id: string }) => c.id)).toEqual([id]);
    const events = (await f.clients.coordinator.get(url(`/events?since=${before}`))).body.events;
    expect(events.map((e: { entityType: string; action: string }) => `${e.entityType}.${e.action}`)).toEqual([
      'comment.deleted',
      'comment.restored',
    ]);
  });

  it('a deleted task has no thread until it is restored', async () => {
    const task = (await f.clients.coordinator.post(url('/tasks'), { title: 'Midlertidig' })).body.entityId as string;
    expect((await f.clients.coordinator.post(url(`/tasks/${task}/comments`), { body: 'Første' })).status).toBe(201);
    expect((await f.clients.coordinator.delete(url(`/tasks/${task}`))).status).toBe(200);
    expect((await f.clients.coordinator.get(url(`/tasks/${task}/comments`))).status).toBe(404);
    expect((await f.clients.coordinator.post(url(`/tasks/${task}/comments`), { body: 'Andre' })).status).toBe(404);
    expect((await f.clients.coordinator.post(url(`/tasks/${task}/restore`), {})).status).toBe(200);
    expect((await f.clients.coordinator.get(url(`/tasks/${task}/comments`))).body.items.map((c: { body: string }) => c.body)).toEqual([
      'Første',
    ]);
  });

  it('without consent in force a relative can neither read nor write comments, and is not told', async () => {
    const task = (await f.clients.coordinator.post(url('/tasks'), { title: 'Handle mat', responsibleMemberId: f.memberIds.relative })).body
      .entityId as string;
    const link = `/planer/${f.planId}/tiltak/${task}`;
    // The assignment is told through the outbox; wait for it, since a message handled after the
    // revocation rightly tells a member without consent nothing.
    await eventually(async () => (await notificationsAbout(f.clients.relative, link)).length === 1);
    expect((await f.clients.person.post(url(`/consents/${f.consentIds.relative}/revoke`), {})).status).toBe(200);
    try {
      const read = await f.clients.relative.get(url(`/tasks/${task}/comments`));
      expect({ status: read.status, code: read.body.code }).toEqual({ status: 403, code: 'consent_required' });
      const write = await f.clients.relative.post(url(`/tasks/${task}/comments`), { body: 'Hei' });
      expect({ status: write.status, code: write.body.code }).toEqual({ status: 403, code: 'consent_required' });
      // A comment that mentions them and is on their task tells them nothing (it would leak content).
      const c = await f.clients.coordinator.post(url(`/tasks/${task}/comments`), { body: '@Jonas Lund og @Per Hansen: se her' });
      expect(c.status).toBe(201);
      await eventually(async () => (await notificationsAbout(f.clients.professional, link)).length === 1);
      expect((await notificationsAbout(f.clients.relative, link)).map((n) => n.kind)).toEqual(['task_assigned']);
    } finally {
      const again = await f.clients.person.post(url('/consents'), { kind: 'member_access', memberId: f.memberIds.relative });
      expect(again.status).toBe(201);
      f.consentIds.relative = again.body.entityId;
    }
  });

  it('hostile ids and bodies are 4xx and write nothing', async () => {
    const task = (await f.clients.coordinator.post(url('/tasks'), { title: 'Trygg' })).body.entityId as string;
    const theirs = (await other.clients.coordinator.post(`/api/plans/${other.planId}/tasks`, { title: 'Naboens' })).body.entityId;
    const before = await revision();
    const bad: [string, unknown][] = [
      [url(`/tasks/${task}/comments`), {}],
      [url(`/tasks/${task}/comments`), { body: '' }],
      [url(`/tasks/${task}/comments`), { body: '   \n ' }],
      [url(`/tasks/${task}/comments`), { body: 'x'.repeat(4001) }],
      [url(`/tasks/${task}/comments`), { body: 42 }],
      [url(`/tasks/${task}/comments`), { body: ['a'] }],
      [url(`/tasks/${task}/comments`), { body: 'ok', authorAccountId: f.accountIds.person }],
      [url('/tasks/not-a-uuid/comments'), { body: 'ok' }],
      [url(`/tasks/${theirs}/comments`), { body: 'ok' }],
      [url(`/goals/${task}/comments`), { body: 'ok' }],
      [url(`/tasks/${task}/comments`), '{"body":'],
    ];
    for (const [path, body] of bad) {
      const res = await f.clients.coordinator.post(path, body);
      expect([path, res.status >= 400 && res.status < 500]).toEqual([path, true]);
    }
    expect((await f.clients.coordinator.delete(url(`/tasks/${task}/comments/not-a-uuid`))).status).toBe(400);
    expect((await f.clients.coordinator.get(url(`/tasks/${task}/comments?limit=100000`))).status).toBe(400);
    expect(await revision()).toBe(before);
    expect((await f.clients.outsider.get(url(`/tasks/${task}/comments`))).status).toBe(404);
  });
});
