/**
 * Soft delete and restore (issue 12): deleting a goal, task, meeting or journal entry takes it out
 * of the plan and every list, keeps it in the history and in the list of deleted items, and a
 * restore by someone who may write it brings it back at a new revision, through the write path.
 */
import { emitWithAck, expectOk, PlanEventLog, useSockets, useTestApp } from '#testing';
import { createPlanFixture, type PlanFixture } from './fixtures/plan-fixture';

describe('soft delete and restore', () => {
  const app = useTestApp();
  const openSocket = useSockets();
  let f: PlanFixture;
  let other: PlanFixture;
  beforeAll(async () => {
    f = await createPlanFixture(app, 'Angreplan');
    other = await createPlanFixture(app, 'Naboplan');
  }, 90_000);

  const url = (path = '') => `/api/plans/${f.planId}${path}`;
  const view = async () => (await f.clients.coordinator.get(url())).body;
  const eventsSince = async (since: number) =>
    (await f.clients.coordinator.get(url(`/events?since=${since}`))).body.events as {
      revision: number;
      entityType: string;
      entityId: string;
      action: string;
      patch: Record<string, unknown>;
    }[];
  const deleted = async (client = f.clients.coordinator) => (await client.get(url('/deleted'))).body;

  it('a deleted goal leaves the plan view but stays in history; restore brings it back with its tasks', async () => {
    const goal = (await f.clients.coordinator.post(url('/goals'), { title: 'Gå på butikken selv' })).body.entityId as string;
    const task = (await f.clients.coordinator.post(url('/tasks'), { title: 'Gå med rullator', goalId: goal })).body.entityId as string;
    const before = (await view()).revision as number;

    const del = await f.clients.professional.delete(url(`/goals/${goal}`));
    expect(del.status).toBe(200);
    expect(del.body.revision).toBe(before + 1);
    const afterDelete = await view();
    expect(afterDelete.goals.map((g: { id: string }) => g.id)).not.toContain(goal);
    expect(afterDelete.tasks.find((t: { id: string }) => t.id === task).goalId).toBeNull();
    const [deleteEvent] = await eventsSince(before);
    expect(deleteEvent).toMatchObject({
      entityType: 'goal',
      entityId: goal,
      action: 'deleted',
      patch: { deleted: true, deletedBy: f.accountIds.professional, unlinkedTaskIds: [task] },
    });
    const listed = (await deleted()).items.find((i: { id: string }) => i.id === goal);
    expect(listed).toMatchObject({
      entityType: 'goal',
      title: 'Gå på butikken selv',
      deletedBy: { accountId: f.accountIds.professional, name: expect.any(String) },
      revision: before + 1,
      mayRestore: true,
    });
    // The relative may not write goals: it is listed for them, but not as theirs to restore.
    expect((await deleted(f.clients.relative)).items.find((i: { id: string }) => i.id === goal).mayRestore).toBe(false);

    const restored = await f.clients.guardian.post(url(`/goals/${goal}/restore`), {});
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ revision: before + 2, entityId: goal, entity: { id: goal, title: 'Gå på butikken selv' } });
    const back = await view();
    expect(back.revision).toBe(before + 2);
    expect(back.goals.map((g: { id: string }) => g.id)).toContain(goal);
    expect(back.tasks.find((t: { id: string }) => t.id === task).goalId).toBe(goal);
    const [, restoreEvent] = await eventsSince(before);
    expect(restoreEvent).toMatchObject({
      entityType: 'goal',
      entityId: goal,
      action: 'restored',
      patch: { title: 'Gå på butikken selv', relinkedTaskIds: [task] },
    });
    expect((await deleted()).items.map((i: { id: string }) => i.id)).not.toContain(goal);

    // Restoring what is not deleted is not found, and takes no revision.
    const again = await f.clients.guardian.post(url(`/goals/${goal}/restore`), {});
    expect(again.status).toBe(404);
    expect((await view()).revision).toBe(before + 2);
  });

  it('restore by a role that may not write the item is 403 and changes nothing', async () => {
    const goal = (await f.clients.coordinator.post(url('/goals'), { title: 'Flytte i egen leilighet' })).body.entityId as string;
    expect((await f.clients.coordinator.delete(url(`/goals/${goal}`))).status).toBe(200);
    const before = (await view()).revision;
    const res = await f.clients.relative.post(url(`/goals/${goal}/restore`), {});
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 403, code: 'forbidden' });
    expect((await view()).revision).toBe(before);
    expect((await view()).goals.map((g: { id: string }) => g.id)).not.toContain(goal);
  });

  it('a task comes back without its goal when the goal was deleted meanwhile', async () => {
    const goal = (await f.clients.coordinator.post(url('/goals'), { title: 'Trene styrke' })).body.entityId as string;
    const task = (await f.clients.coordinator.post(url('/tasks'), { title: 'Styrketrening', goalId: goal })).body.entityId as string;
    expect((await f.clients.relative.delete(url(`/tasks/${task}`))).status).toBe(200);
    expect((await view()).tasks.map((t: { id: string }) => t.id)).not.toContain(task);
    expect((await f.clients.coordinator.delete(url(`/goals/${goal}`))).status).toBe(200);
    const res = await f.clients.relative.post(url(`/tasks/${task}/restore`), {});
    expect(res.status).toBe(200);
    expect(res.body.entity).toMatchObject({ id: task, title: 'Styrketrening', goalId: null });
    expect((await view()).tasks.find((t: { id: string }) => t.id === task)).toMatchObject({ goalId: null });
  });

  it('a deleted meeting is cancelled and leaves the lists; restore gives back its status', async () => {
    const meeting = (await f.clients.coordinator.post(url('/meetings'), { startsAt: '2031-06-01T10:00:00.000Z', location: 'Rådhuset' }))
      .body.entityId as string;
    expect((await f.clients.coordinator.delete(url(`/meetings/${meeting}`))).status).toBe(200);
    expect((await f.clients.coordinator.get(url(`/meetings/${meeting}`))).status).toBe(404);
    expect((await f.clients.coordinator.get(url('/meetings'))).body.items.map((m: { id: string }) => m.id)).not.toContain(meeting);
    expect((await deleted()).items.find((i: { id: string }) => i.id === meeting)).toMatchObject({ entityType: 'meeting' });

    const res = await f.clients.professional.post(url(`/meetings/${meeting}/restore`), {});
    expect(res.status).toBe(200);
    expect(res.body.entity).toMatchObject({ id: meeting, status: 'planned', location: 'Rådhuset' });
    const got = await f.clients.coordinator.get(url(`/meetings/${meeting}`));
    expect(got.body).toMatchObject({ status: 'planned', sequence: 2 });
  });

  it('a journal entry is restored only by its author', async () => {
    const entry = (await f.clients.relative.post(url('/journal'), { body: 'Hun gikk hele veien i dag' })).body.entityId as string;
    expect((await f.clients.relative.delete(url(`/journal/${entry}`))).status).toBe(200);
    expect((await f.clients.coordinator.get(url('/journal'))).body.items.map((e: { id: string }) => e.id)).not.toContain(entry);
    const listed = (await deleted(f.clients.relative)).items.find((i: { id: string }) => i.id === entry);
    expect(listed).toMatchObject({ entityType: 'journal', title: 'Hun gikk hele veien i dag', mayRestore: true });
    expect((await deleted()).items.find((i: { id: string }) => i.id === entry).mayRestore).toBe(false);
    expect((await f.clients.coordinator.post(url(`/journal/${entry}/restore`), {})).status).toBe(403);
    const res = await f.clients.relative.post(url(`/journal/${entry}/restore`), {});
    expect(res.status).toBe(200);
    expect((await f.clients.coordinator.get(url('/journal'))).body.items.map((e: { id: string }) => e.id)).toContain(entry);
  });

  it('a retried restore with the same client mutation id applies once', async () => {
    const task = (await f.clients.coordinator.post(url('/tasks'), { title: 'Søke om støttekontakt' })).body.entityId as string;
    expect((await f.clients.coordinator.delete(url(`/tasks/${task}`))).status).toBe(200);
    const first = await f.clients.coordinator.post(url(`/tasks/${task}/restore`), { clientMutationId: 'restore-1' });
    const second = await f.clients.coordinator.post(url(`/tasks/${task}/restore`), { clientMutationId: 'restore-1' });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ revision: first.body.revision, replayed: true });
  });

  it('hostile ids and bodies are 4xx, and items of another plan are not found', async () => {
    const theirs = (await other.clients.coordinator.post(`/api/plans/${other.planId}/goals`, { title: 'Naboens mål' })).body.entityId;
    expect((await other.clients.coordinator.delete(`/api/plans/${other.planId}/goals/${theirs}`)).status).toBe(200);
    const before = (await view()).revision;
    expect((await f.clients.coordinator.post(url(`/goals/${theirs}/restore`), {})).status).toBe(404);
    expect((await f.clients.coordinator.post(url('/goals/not-a-uuid/restore'), {})).status).toBe(400);
    expect((await f.clients.coordinator.post(url(`/goals/${theirs}/restore`), { clientMutationId: 'x'.repeat(500) })).status).toBe(400);
    expect((await f.clients.coordinator.post(url(`/goals/${theirs}/restore`), { extra: true })).status).toBe(400);
    expect((await f.clients.coordinator.post(url(`/tasks/${theirs}/restore`), '[1,2')).status).toBe(400);
    expect((await f.clients.coordinator.get(url('/deleted?limit=-1'))).status).toBe(400);
    expect((await view()).revision).toBe(before);
    // Not a member: not found.
    expect((await f.clients.outsider.get(url('/deleted'))).status).toBe(404);
    const theirList = (await other.clients.coordinator.get(`/api/plans/${other.planId}/deleted`)).body.items;
    expect(theirList.map((i: { id: string }) => i.id)).toEqual([theirs]);
  });

  it('undo over the socket: delete then restore reach the room in order; a role that may not write is refused', async () => {
    const task = (await f.clients.coordinator.post(url('/tasks'), { title: 'Ta bussen alene' })).body.entityId as string;
    const goal = (await f.clients.coordinator.post(url('/goals'), { title: 'Klare meg selv ute' })).body.entityId as string;
    const watcher = await openSocket(app.api.url, f.clients.guardian.accessToken);
    const log = new PlanEventLog(watcher, f.planId);
    await expectOk(watcher, 'plan:join', { planId: f.planId, sinceRevision: (await view()).revision });
    const relative = await openSocket(app.api.url, f.clients.relative.accessToken);
    const deleted = await expectOk(relative, 'plan:command', { type: 'task.delete', planId: f.planId, taskId: task });
    const restored = await expectOk(relative, 'plan:command', { type: 'task.restore', planId: f.planId, taskId: task });
    expect(restored.revision).toBe(deleted.revision + 1);
    await log.waitFor(restored.revision);
    expect(log.events.filter((e) => e.entityId === task).map((e) => e.action)).toEqual(['deleted', 'restored']);
    expect(log.events.find((e) => e.revision === restored.revision)?.patch).toMatchObject({ id: task, title: 'Ta bussen alene' });

    expect((await f.clients.coordinator.delete(url(`/goals/${goal}`))).status).toBe(200);
    const before = (await view()).revision;
    const refused = await emitWithAck(relative, 'plan:command', { type: 'goal.restore', planId: f.planId, goalId: goal });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const bad = await emitWithAck(relative, 'plan:command', { type: 'task.restore', planId: f.planId, taskId: 'nope' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    expect((await view()).revision).toBe(before);
  });
});
