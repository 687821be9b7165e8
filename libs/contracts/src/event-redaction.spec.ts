import { ENTITY_TYPES, type EntityType, type PlanEventView } from './plans';
import { MEETING_EVENT_ACTIONS, redactPlanEvent, redactPlanEvents } from './event-redaction';
import { PLAN_ROLES, type PlanRole } from './roles';

/** One realistic event of each entity type (fictional people). */
const SAMPLES: Record<EntityType, PlanEventView> = {
  plan: sample('plan', 'updated', { whatMatters: 'Å gå på butikken selv', title: 'Ainas plan' }),
  member: sample('member', 'invited', { name: 'Jonas Lund', email: 'jonas.lund@fjordvik.example', role: 'relative', status: 'invited' }),
  consent: sample('consent', 'given', {
    id: 'c1',
    kind: 'member_access',
    memberId: 'm-relative',
    givenByName: 'Aina Lund',
    givenAt: '2026-11-30T10:00:00.000Z',
    revokedAt: null,
    note: 'Bare om skolen, ikke om helsa mi',
    planStatus: 'active',
  }),
  goal: sample('goal', 'created', { title: 'Gå på butikken selv', lifeArea: 'hverdagsmestring' }),
  task: sample('task', 'updated', { scope: '2 t/uke' }),
  meeting: sample('meeting', 'updated', { minutes: 'Aina fortalte om skolen.' }),
  journal: sample('journal', 'created', { body: 'Fin uke.', targetType: 'plan' }),
  journal_draft: sample('journal_draft', 'updated', { body: 'Aina var på butikken' }),
  comment: sample('comment', 'created', { body: 'Bra jobba!', targetType: 'task', targetId: 't1', mentionedMemberIds: [] }),
  evaluation: sample('evaluation', 'completed', {
    items: [{ goalId: 'g1', goalTitle: 'Gå på butikken selv', rating: 1, decision: 'keep', comment: 'Det går bedre' }],
    nextEvaluation: '2027-05-01',
  }),
  rating: sample('rating', 'checkin', { goalId: 'g1', rating: -1, week: '2026-11-30' }),
  rsvp: sample('rsvp', 'answered', { meetingId: 'mt1', memberId: 'm-relative', response: 'confirmed', via: 'sms' }),
};

function sample(entityType: EntityType, action: string, patch: Record<string, unknown>): PlanEventView {
  return {
    planId: 'p1',
    revision: 7,
    actor: { accountId: 'a1', name: 'Aina Lund' },
    entityType,
    entityId: 'e1',
    action,
    patch,
    clientMutationId: 'cm-1',
    at: '2026-11-30T10:00:00.000Z',
  };
}

type Expected = 'all' | 'nothing' | readonly string[];
const ALL_ROLES_READ: Record<PlanRole, Expected> = {
  person: 'all',
  guardian: 'all',
  coordinator: 'all',
  relative: 'all',
  professional: 'all',
};

/**
 * The spec, written out by hand (not derived from the rules): what each role reads of each event
 * type with consent in force. Without consent, relatives and professionals read nothing at all.
 */
const EXPECTED: Record<EntityType, Record<PlanRole, Expected>> = {
  plan: ALL_ROLES_READ,
  member: ALL_ROLES_READ,
  goal: ALL_ROLES_READ,
  task: ALL_ROLES_READ,
  meeting: ALL_ROLES_READ,
  journal: ALL_ROLES_READ,
  journal_draft: ALL_ROLES_READ,
  comment: ALL_ROLES_READ,
  evaluation: ALL_ROLES_READ,
  // The person's own ratings between evaluations: the revision only, not a word of it, for relatives and professionals.
  rating: { person: 'all', guardian: 'all', coordinator: 'all', relative: [], professional: [] },
  rsvp: ALL_ROLES_READ,
  consent: {
    person: 'all',
    guardian: 'all',
    coordinator: 'all',
    relative: ['kind', 'memberId', 'planStatus'],
    professional: ['kind', 'memberId', 'planStatus'],
  },
};
const NEEDS_CONSENT: readonly PlanRole[] = ['relative', 'professional'];

const cases = ENTITY_TYPES.flatMap((type) =>
  PLAN_ROLES.flatMap((role) =>
    [true, false].map((hasConsent) => {
      const expected: Expected = !hasConsent && NEEDS_CONSENT.includes(role) ? 'nothing' : EXPECTED[type][role];
      return [type, role, hasConsent ? 'consent in force' : 'no consent', hasConsent, expected] as const;
    }),
  ),
);

describe('plan event redaction: every event type × every plan role × consent state', () => {
  it.each(cases)('%s event to %s (%s)', (type, role, _state, hasConsent, expected) => {
    const event = SAMPLES[type];
    const seen = redactPlanEvent(event, { role, hasConsent });
    if (expected === 'nothing') return expect(seen).toBeNull();
    if (expected === 'all') return expect(seen).toBe(event);
    expect(seen).not.toBeNull();
    expect(Object.keys(seen!.patch).sort()).toEqual([...expected].sort());
    for (const field of expected) expect(seen!.patch[field]).toEqual(event.patch[field]);
    // The envelope stays (revisions are gapless for everyone), marked as redacted; the actor's own mutation id is not theirs.
    expect(seen).toMatchObject({ planId: event.planId, revision: event.revision, entityType: type, action: event.action, redacted: true });
    expect(seen!.clientMutationId).toBeNull();
    expect(JSON.stringify(seen)).not.toContain('ikke om helsa mi');
  });

  it('leaves out what a reader may not see, keeping the order of the rest', () => {
    const events = ENTITY_TYPES.map((t, i) => ({ ...SAMPLES[t], revision: i + 1 }));
    const forRelative = redactPlanEvents(events, { role: 'relative', hasConsent: true });
    expect(forRelative.map((e) => e.revision)).toEqual(events.map((e) => e.revision));
    expect(redactPlanEvents(events, { role: 'relative', hasConsent: false })).toEqual([]);
    expect(redactPlanEvents(events, { role: 'coordinator', hasConsent: false })).toEqual(events);
  });

  it.each(MEETING_EVENT_ACTIONS.flatMap((action) => PLAN_ROLES.map((role) => [action, role] as const)))(
    'meeting %s event to %s: whole with consent in force, nothing without where the role needs it',
    (action, role) => {
      const event = sample('meeting', action, {
        closedAt: '2026-11-30T11:00:00.000Z',
        attendees: ['m-person'],
        createdMeeting: { id: 'm2', startsAt: '2026-12-14T09:00:00.000Z', location: 'Fjordvik helsestasjon' },
        createdTask: { id: 't9', title: 'Søke om trygghetsalarm' },
      });
      expect(redactPlanEvent(event, { role, hasConsent: true })).toBe(event);
      expect(redactPlanEvent(event, { role, hasConsent: false })).toBe(NEEDS_CONSENT.includes(role) ? null : event);
    },
  );
});

describe('consent recorded from paper', () => {
  const recorded = sample('consent', 'recorded', {
    recordId: 'r1',
    form: 'paper',
    givenOn: '2026-12-02',
    givenByName: 'Aina Lund',
    recordedByName: 'Kari Nilsen',
    note: 'Signert i første møte, ikke om helsa mi',
    consents: [{ id: 'c1', kind: 'member_access', memberId: 'm-relative' }],
    memberIds: ['m-relative'],
    kind: 'plan',
  });
  const attached = sample('consent', 'document_attached', {
    recordId: 'r1',
    document: { contentType: 'application/pdf', size: 10, sha256: 'a'.repeat(64) },
  });

  it.each(['relative', 'professional'] as const)('reaches a %s with consent only as whose access it is about', (role) => {
    const seen = redactPlanEvent(recorded, { role, hasConsent: true })!;
    expect(seen.patch).toEqual({ kind: 'plan', memberIds: ['m-relative'] });
    expect(redactPlanEvent(attached, { role, hasConsent: true })!.patch).toEqual({});
  });

  it.each(['person', 'guardian', 'coordinator'] as const)('reaches the %s whole, with the scan’s metadata', (role) => {
    expect(redactPlanEvent(recorded, { role, hasConsent: false })).toBe(recorded);
    expect(redactPlanEvent(attached, { role, hasConsent: false })).toBe(attached);
  });
});
