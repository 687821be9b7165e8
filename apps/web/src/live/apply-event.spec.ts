import type { PlanEventView, PlanView } from '#contracts';
import { applyEvent } from './apply-event';

const plan = {
  id: 'p1',
  revision: 10,
  updatedAt: '2027-01-01T00:00:00.000Z',
  title: 'Ainas plan',
  whatMatters: 'Å bo hjemme',
  fieldRevisions: { whatMatters: { rev: 3, by: 'a1' } },
  goals: [{ id: 'g1', title: 'Gå på butikken', position: 0, fieldRevisions: { title: { rev: 12, by: 'a2' } } }],
  tasks: [],
  members: [],
  meetings: [],
} as unknown as PlanView;

const event = (
  revision: number,
  entityType: PlanEventView['entityType'],
  entityId: string,
  action: string,
  patch: object,
): PlanEventView => ({
  planId: 'p1',
  revision,
  actor: { accountId: 'a9', name: 'Kari Nilsen' },
  entityType,
  entityId,
  action,
  patch: patch as Record<string, unknown>,
  clientMutationId: null,
  at: '2027-01-02T00:00:00.000Z',
});

describe('applyEvent', () => {
  it('merges a plan update and stamps the field with the event revision', () => {
    const next = applyEvent(plan, event(11, 'plan', 'p1', 'updated', { whatMatters: 'Å klare meg selv' }))!;
    expect(next.revision).toBe(11);
    expect(next.whatMatters).toBe('Å klare meg selv');
    expect(next.fieldRevisions.whatMatters).toEqual({ rev: 11, by: 'a9' });
  });

  it('adds a created goal with the whole entity from the patch', () => {
    const next = applyEvent(plan, event(11, 'goal', 'g2', 'created', { title: 'Treffe venner', position: 1 }))!;
    expect(next.goals.map((g) => g.title)).toEqual(['Gå på butikken', 'Treffe venner']);
  });

  it('never writes an older value over a field the browser already saved at a newer revision', () => {
    const next = applyEvent(plan, event(11, 'goal', 'g1', 'updated', { title: 'Eldre tittel' }))!;
    expect(next.goals[0].title).toBe('Gå på butikken');
  });

  it('removes a deleted task, and asks for a snapshot for what a patch cannot tell (consent)', () => {
    const withTask = { ...plan, tasks: [{ id: 't1', fieldRevisions: {} }] } as unknown as PlanView;
    expect(applyEvent(withTask, event(11, 'task', 't1', 'deleted', { deleted: true }))!.tasks).toEqual([]);
    expect(applyEvent(plan, event(11, 'consent', 'c1', 'given', {}))).toBeNull();
  });

  it('a deleted goal unlinks its tasks, and its restore brings it and the links back', () => {
    const withTask = { ...plan, tasks: [{ id: 't1', goalId: 'g1', fieldRevisions: {} }] } as unknown as PlanView;
    const deleted = applyEvent(withTask, event(11, 'goal', 'g1', 'deleted', { deleted: true, unlinkedTaskIds: ['t1'] }))!;
    expect(deleted.goals).toEqual([]);
    expect(deleted.tasks[0].goalId).toBeNull();
    const restored = applyEvent(
      deleted,
      event(12, 'goal', 'g1', 'restored', { id: 'g1', title: 'Gå på butikken', position: 0, relinkedTaskIds: ['t1'] }),
    )!;
    expect(restored.goals.map((g) => g.title)).toEqual(['Gå på butikken']);
    expect(restored.goals[0]).not.toHaveProperty('relinkedTaskIds');
    expect(restored.tasks[0].goalId).toBe('g1');
  });

  it('a comment only moves the revision on (comments are not in the plan view)', () => {
    const next = applyEvent(plan, event(11, 'comment', 'c1', 'created', { body: 'Bra!', targetType: 'goal', targetId: 'g1' }))!;
    expect(next.revision).toBe(11);
    expect(next.goals).toEqual(plan.goals);
  });

  it('applies a decision with its task, a close with the next meeting, and a reopen, from their patches alone', () => {
    const meeting = { id: 'm1', title: 'Ansvarsgruppemøte', decisions: [], closedAt: null, closedBy: null, fieldRevisions: {} };
    const withMeeting = { ...plan, meetings: [meeting] } as unknown as PlanView;
    const decision = { id: 'd1', text: 'Søke om skoleskyss', taskId: 't1' };
    const decided = applyEvent(
      withMeeting,
      event(11, 'meeting', 'm1', 'decided', {
        decisions: [decision],
        createdTask: { id: 't1', title: 'Søke om skoleskyss', goalId: 'g1', responsibleMemberId: 'mem1', dueDate: '2027-01-15' },
      }),
    )!;
    expect(decided.meetings[0].decisions).toEqual([decision]);
    expect(decided.tasks).toEqual([
      expect.objectContaining({ id: 't1', goalId: 'g1', fieldRevisions: expect.objectContaining({ goalId: { rev: 11, by: 'a9' } }) }),
    ]);
    const closed = applyEvent(
      decided,
      event(12, 'meeting', 'm1', 'closed', {
        status: 'held',
        attendees: ['mem1'],
        closedAt: '2027-01-02T00:00:00.000Z',
        closedBy: { accountId: 'a9', name: 'Kari Nilsen' },
        nextMeetingId: 'm2',
        createdMeeting: { id: 'm2', title: 'Ansvarsgruppemøte', startsAt: '2027-02-01T08:00:00.000Z', closedAt: null },
      }),
    )!;
    expect(closed.meetings[0]).toMatchObject({ status: 'held', closedBy: { name: 'Kari Nilsen' }, nextMeetingId: 'm2' });
    expect(closed.meetings.map((m) => m.id)).toEqual(['m1', 'm2']);
    const reopened = applyEvent(closed, event(13, 'meeting', 'm1', 'reopened', { closedAt: null, closedBy: null, reason: 'Retting' }))!;
    expect(reopened.meetings[0]).toMatchObject({ closedAt: null, closedBy: null });
    expect('reason' in reopened.meetings[0]).toBe(false);
    // A redacted event, or one about a meeting the browser does not hold: reload instead.
    expect(applyEvent(withMeeting, { ...event(11, 'meeting', 'm1', 'decided', {}), redacted: true })).toBeNull();
    expect(applyEvent(withMeeting, event(11, 'meeting', 'm9', 'closed', { status: 'held' }))).toBeNull();
  });
});
