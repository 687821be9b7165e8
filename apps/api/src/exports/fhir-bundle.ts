/**
 * The plan as an HL7 FHIR R4 Bundle of type `collection` (docs/exports.md says why not
 * `document`): CarePlan, Goal, Task (also CarePlan.activity), CareTeam, Consent, Appointment with
 * its Location, Patient, Practitioner and RelatedPerson, following HL7 Norway's no-basis profiles
 * where they exist. Every reference is a `urn:uuid:` fullUrl of an entry in the same bundle.
 */
import { createHash } from 'node:crypto';
import {
  PLAN_PERMISSIONS,
  type ConsentView,
  type GoalStatus,
  type MeetingView,
  type MemberView,
  type PlanStatus,
  type TaskStatus,
} from '#contracts';
import { DOCUMENT_MESSAGES, fill, formatDate } from './document-messages';
import { clean, type ExportSnapshot } from './export-snapshot';

export interface FhirResource {
  resourceType: string;
  id: string;
  [element: string]: unknown;
}

export interface FhirBundle {
  resourceType: 'Bundle';
  id: string;
  meta: { lastUpdated: string };
  identifier: { system: string; value: string };
  type: 'collection';
  timestamp: string;
  entry: { fullUrl: string; resource: FhirResource }[];
}

/** Norway's national identity number (fødselsnummer / D-nummer). */
export const NORWEGIAN_NATIONAL_ID_SYSTEM = 'urn:oid:2.16.578.1.12.4.1.4.1';
export const NO_BASIS = {
  Patient: 'http://hl7.no/fhir/StructureDefinition/no-basis-Patient',
  Practitioner: 'http://hl7.no/fhir/StructureDefinition/no-basis-Practitioner',
  RelatedPerson: 'http://hl7.no/fhir/StructureDefinition/no-basis-RelatedPerson',
} as const;
/** Our own small code systems and extensions (fields FHIR R4 has no element for). */
export const FELLESPLAN_FHIR = {
  taskField: 'urn:fellesplan:fhir:CodeSystem:task-field',
  lifeArea: 'urn:fellesplan:fhir:CodeSystem:life-area',
  consentForm: 'urn:fellesplan:fhir:StructureDefinition:consent-form',
  nextEvaluation: 'urn:fellesplan:fhir:StructureDefinition:next-evaluation',
  /** Goal Attainment Scaling: the observation's code, and the decision an evaluation took on the goal. */
  gas: 'urn:fellesplan:fhir:CodeSystem:goal-attainment-scaling',
  evaluationDecision: 'urn:fellesplan:fhir:CodeSystem:evaluation-decision',
} as const;

/** A reference to an entry of the bundle, with its type (a `urn:uuid:` says nothing about the type). */
const ref = (type: string, id: string, display?: string) => ({ reference: `urn:uuid:${id}`, type, ...(display ? { display } : {}) });

const MEMBER_TYPE: Record<MemberView['role'], string> = {
  person: 'Patient',
  guardian: 'RelatedPerson',
  relative: 'RelatedPerson',
  coordinator: 'Practitioner',
  professional: 'Practitioner',
};

/** A stable UUID for a resource the plan has no row of its own for (the care team, a meeting's place). */
export function derivedId(planId: string, what: string): string {
  const h = createHash('sha1').update(`${planId}/${what}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const CARE_PLAN_STATUS: Record<PlanStatus, string> = { draft: 'draft', active: 'active', closed: 'completed' };
const GOAL_LIFECYCLE: Record<GoalStatus, string> = {
  not_started: 'accepted',
  in_progress: 'active',
  achieved: 'completed',
  paused: 'on-hold',
  dropped: 'cancelled',
};
const GOAL_ACHIEVEMENT: Partial<Record<GoalStatus, string>> = {
  in_progress: 'in-progress',
  achieved: 'achieved',
  paused: 'no-progress',
  dropped: 'not-achieved',
};
const TASK_STATUS: Record<TaskStatus, string> = {
  planned: 'accepted',
  in_progress: 'in-progress',
  done: 'completed',
  cancelled: 'cancelled',
};
const APPOINTMENT_STATUS: Record<MeetingView['status'], string> = { planned: 'booked', held: 'fulfilled', cancelled: 'cancelled' };

const MEETING_DEFAULT_MS = 60 * 60 * 1000;

function instant(date: string | Date): string {
  return new Date(date).toISOString();
}

function humanName(name: string) {
  const text = clean(name);
  const parts = text.split(/\s+/);
  return parts.length > 1 ? { text, family: parts.at(-1), given: parts.slice(0, -1) } : { text };
}

function telecom(m: MemberView) {
  const out: { system: string; value: string }[] = [];
  if (clean(m.phone)) out.push({ system: 'phone', value: clean(m.phone) });
  if (clean(m.email)) out.push({ system: 'email', value: clean(m.email) });
  return out.length ? { telecom: out } : {};
}

const text = (value: string | null | undefined) => (clean(value) ? clean(value) : undefined);

/** Builds the bundle; pure, so that it can be tested without a server. */
export function buildFhirBundle(s: ExportSnapshot): FhirBundle {
  const { plan } = s;
  const t = DOCUMENT_MESSAGES[s.language];
  const resources: FhirResource[] = [];
  const person = plan.members.find((m) => m.role === 'person');
  const patientId = person?.id ?? derivedId(plan.id, 'patient');
  const coordinator = plan.members.find((m) => m.role === 'coordinator' && m.status === 'active');
  const careTeamId = derivedId(plan.id, 'care-team');

  // The person
  resources.push({
    resourceType: 'Patient',
    id: patientId,
    meta: { profile: [NO_BASIS.Patient] },
    ...(s.identity.nationalId ? { identifier: [{ system: NORWEGIAN_NATIONAL_ID_SYSTEM, value: s.identity.nationalId }] } : {}),
    active: true,
    name: [humanName(plan.personName)],
    ...(person ? telecom(person) : {}),
    communication: [{ language: { coding: [{ system: 'urn:ietf:bcp:47', code: s.language === 'nb' ? 'nb' : 'en' }] }, preferred: true }],
  });

  // Everyone else in the ansvarsgruppe: professionals and the coordinator as Practitioner, guardians and relatives as RelatedPerson
  const roleText = (m: MemberView) => [t.role[m.role], text(m.service), text(m.organisation)].filter(Boolean).join(', ');
  for (const m of plan.members) {
    if (m.role === 'person') continue;
    if (m.role === 'coordinator' || m.role === 'professional') {
      resources.push({
        resourceType: 'Practitioner',
        id: m.id,
        meta: { profile: [NO_BASIS.Practitioner] },
        active: m.status === 'active',
        name: [humanName(m.name)],
        ...telecom(m),
      });
    } else {
      resources.push({
        resourceType: 'RelatedPerson',
        id: m.id,
        meta: { profile: [NO_BASIS.RelatedPerson] },
        active: m.status === 'active',
        patient: ref('Patient', patientId),
        relationship: [
          m.role === 'guardian'
            ? {
                coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'GUARD', display: 'guardian' }],
                text: t.role.guardian,
              }
            : {
                coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0131', code: 'N', display: 'Next-of-Kin' }],
                text: t.role.relative,
              },
        ],
        name: [humanName(m.name)],
        ...telecom(m),
      });
    }
  }
  const memberRef = (id: string | null) => {
    const m = id ? plan.members.find((x) => x.id === id) : undefined;
    return m ? ref(MEMBER_TYPE[m.role], m.role === 'person' ? patientId : m.id, clean(m.name)) : undefined;
  };

  resources.push({
    resourceType: 'CareTeam',
    id: careTeamId,
    status: plan.status === 'closed' ? 'inactive' : 'active',
    name: `${t.team}: ${clean(plan.personName)}`,
    subject: ref('Patient', patientId),
    participant: plan.members.map((m) => ({
      role: [
        {
          ...(m.role === 'coordinator'
            ? { coding: [{ system: 'http://snomed.info/sct', code: '768820003', display: 'Care coordinator' }] }
            : {}),
          text: roleText(m),
        },
      ],
      member: ref(MEMBER_TYPE[m.role], m.role === 'person' ? patientId : m.id, clean(m.name)),
    })),
  });

  // Evaluation ratings: one Observation per goal and evaluation (docs/exports.md says why not Goal.outcome alone)
  const liveGoals = new Set(plan.goals.map((g) => g.id));
  const outcomes = new Map<string, { reference: string; type: string }[]>();
  for (const e of s.evaluations) {
    const performers = e.participants.map((p) => memberRef(p.memberId)).filter((r) => r !== undefined);
    for (const item of e.items) {
      if (!liveGoals.has(item.goalId)) continue;
      const id = derivedId(plan.id, `gas/${e.id}/${item.goalId}`);
      outcomes.set(item.goalId, [...(outcomes.get(item.goalId) ?? []), ref('Observation', id)]);
      resources.push({
        resourceType: 'Observation',
        id,
        status: 'final',
        category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey' }] }],
        code: {
          coding: [{ system: FELLESPLAN_FHIR.gas, code: 'gas-rating', display: 'Goal Attainment Scaling rating' }],
          text: t.gasTitle,
        },
        subject: ref('Patient', patientId),
        focus: [ref('Goal', item.goalId)],
        effectiveDateTime: e.date,
        issued: instant(e.completedAt),
        performer: performers,
        valueInteger: item.rating,
        interpretation: [{ text: t.gas[item.rating] }],
        component: [
          {
            code: { coding: [{ system: FELLESPLAN_FHIR.evaluationDecision, code: 'decision' }] },
            valueCodeableConcept: { coding: [{ system: FELLESPLAN_FHIR.evaluationDecision, code: item.decision }] },
          },
        ],
        ...(text(item.comment) ? { note: [{ text: clean(item.comment) }] } : {}),
      });
    }
  }

  // Goals, in the person's words
  for (const g of plan.goals) {
    const achievement = GOAL_ACHIEVEMENT[g.status];
    resources.push({
      resourceType: 'Goal',
      id: g.id,
      lifecycleStatus: GOAL_LIFECYCLE[g.status],
      ...(achievement
        ? { achievementStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/goal-achievement', code: achievement }] } }
        : {}),
      category: [{ coding: [{ system: FELLESPLAN_FHIR.lifeArea, code: g.lifeArea }], text: t.lifeArea[g.lifeArea] }],
      description: { text: clean(g.title) },
      subject: ref('Patient', patientId),
      expressedBy: ref('Patient', patientId),
      ...(g.targetDate ? { target: [{ dueDate: g.targetDate }] } : {}),
      ...(text(g.description) ? { note: [{ text: clean(g.description) }] } : {}),
      ...(outcomes.has(g.id) ? { outcomeReference: outcomes.get(g.id) } : {}),
    });
  }

  // Tasks (tiltak): who, what, how, how much, when
  const goalIds = new Set(plan.goals.map((g) => g.id));
  for (const task of plan.tasks) {
    const input = [
      text(task.how)
        ? { type: { coding: [{ system: FELLESPLAN_FHIR.taskField, code: 'how' }], text: t.taskHow }, valueString: clean(task.how) }
        : null,
      text(task.scope)
        ? { type: { coding: [{ system: FELLESPLAN_FHIR.taskField, code: 'scope' }], text: t.taskScope }, valueString: clean(task.scope) }
        : null,
    ].filter(Boolean);
    const owner = memberRef(task.responsibleMemberId);
    resources.push({
      resourceType: 'Task',
      id: task.id,
      basedOn: [ref('CarePlan', plan.id)],
      status: TASK_STATUS[task.status],
      intent: 'plan',
      description: clean(task.title),
      ...(task.goalId && goalIds.has(task.goalId) ? { focus: ref('Goal', task.goalId) } : {}),
      for: ref('Patient', patientId),
      ...(task.startDate || task.dueDate
        ? { executionPeriod: { ...(task.startDate ? { start: task.startDate } : {}), ...(task.dueDate ? { end: task.dueDate } : {}) } }
        : {}),
      ...(owner ? { owner } : {}),
      ...(input.length ? { input } : {}),
    });
  }

  // Consent: to the plan, and to each member seeing it (only where the reader may see consent)
  for (const c of plan.consents ?? []) resources.push(consentResource(s, c, patientId, memberRef));

  // Meetings (ansvarsgruppemøter)
  for (const m of plan.meetings) {
    const locationId = derivedId(plan.id, `meeting-location/${m.id}`);
    const place = text(m.location);
    if (place || text(m.videoUrl)) {
      resources.push({
        resourceType: 'Location',
        id: locationId,
        status: 'active',
        name: place ?? text(m.videoUrl),
        ...(text(m.videoUrl) ? { telecom: [{ system: 'url', value: clean(m.videoUrl) }] } : {}),
      });
    }
    const decisions = m.decisions.map((d) => `- ${clean(d.text)}`).join('\n');
    const comment = [text(m.minutes), decisions ? `${t.decisions}:\n${decisions}` : undefined].filter(Boolean).join('\n\n');
    const attended = new Set(m.attendees);
    resources.push({
      resourceType: 'Appointment',
      id: m.id,
      status: APPOINTMENT_STATUS[m.status],
      description: clean(m.title) || t.meetings,
      start: instant(m.startsAt),
      // R4 wants both or neither (app-2); a meeting without an end lasts an hour, as in its calendar invitation.
      end: instant(m.endsAt ?? new Date(new Date(m.startsAt).getTime() + MEETING_DEFAULT_MS)),
      ...(comment ? { comment } : {}),
      participant: [
        ...plan.members
          .filter((member) => member.status === 'active')
          .map((member) => ({
            actor: ref(MEMBER_TYPE[member.role], member.role === 'person' ? patientId : member.id, clean(member.name)),
            status: m.status === 'held' ? (attended.has(member.id) ? 'accepted' : 'declined') : 'needs-action',
          })),
        ...(place || text(m.videoUrl) ? [{ actor: ref('Location', locationId), status: 'accepted' }] : []),
      ],
    });
  }

  // The plan itself, holding the rest together
  resources.push({
    resourceType: 'CarePlan',
    id: plan.id,
    status: CARE_PLAN_STATUS[plan.status],
    intent: 'plan',
    category: [{ text: t.documentTitle }],
    title: clean(plan.title) || t.documentTitle,
    ...(text(plan.whatMatters) ? { description: clean(plan.whatMatters) } : {}),
    subject: ref('Patient', patientId),
    ...(plan.periodStart || plan.periodEnd
      ? { period: { ...(plan.periodStart ? { start: plan.periodStart } : {}), ...(plan.periodEnd ? { end: plan.periodEnd } : {}) } }
      : {}),
    ...(plan.nextEvaluation ? { extension: [{ url: FELLESPLAN_FHIR.nextEvaluation, valueDate: plan.nextEvaluation }] } : {}),
    ...(coordinator ? { author: ref('Practitioner', coordinator.id, clean(coordinator.name)) } : {}),
    careTeam: [ref('CareTeam', careTeamId)],
    goal: plan.goals.map((g) => ref('Goal', g.id)),
    activity: [
      ...plan.tasks.map((task) => ({ reference: ref('Task', task.id) })),
      ...plan.meetings.map((m) => ({ reference: ref('Appointment', m.id) })),
    ],
    note: [
      [t.resources, plan.resources],
      [t.needs, plan.needs],
      [t.cooperation, plan.cooperation],
    ]
      .filter(([, value]) => text(value))
      .map(([label, value]) => ({ text: `${label}: ${clean(value)}` })),
  });

  const at = instant(s.madeAt);
  return {
    resourceType: 'Bundle',
    id: derivedId(plan.id, `bundle/${plan.revision}/${at}`),
    meta: { lastUpdated: at },
    identifier: { system: 'urn:ietf:rfc:3986', value: `urn:uuid:${derivedId(plan.id, `bundle/${plan.revision}`)}` },
    type: 'collection',
    timestamp: at,
    entry: resources.map((resource) => ({ fullUrl: `urn:uuid:${resource.id}`, resource: dropEmpty(resource) })),
  };
}

function consentResource(
  s: ExportSnapshot,
  c: ConsentView,
  patientId: string,
  memberRef: (id: string | null) => { reference: string; display?: string } | undefined,
): FhirResource {
  const t = DOCUMENT_MESSAGES[s.language];
  const member = c.memberId ? s.plan.members.find((m) => m.id === c.memberId) : undefined;
  const period = { start: instant(c.givenAt), ...(c.revokedAt ? { end: instant(c.revokedAt) } : {}) };
  const giver = s.plan.members.find((m) => !PLAN_PERMISSIONS[m.role].requiresConsent && m.name === c.givenByName);
  return {
    resourceType: 'Consent',
    id: c.id,
    extension: [{ url: FELLESPLAN_FHIR.consentForm, valueCode: c.form }],
    status: c.revokedAt ? 'inactive' : 'active',
    scope: {
      coding: [
        c.kind === 'plan'
          ? { system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'treatment', display: 'Treatment' }
          : { system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy', display: 'Privacy Consent' },
      ],
    },
    category: [
      {
        coding: [{ system: 'http://loinc.org', code: '59284-0', display: 'Patient Consent' }],
        text: c.kind === 'plan' ? t.consentToPlan : fill(t.consentToMember, { name: clean(member?.name) }),
      },
    ],
    patient: ref('Patient', patientId),
    dateTime: instant(c.givenAt),
    performer: [giver ? (memberRef(giver.id) ?? { display: clean(c.givenByName) }) : { display: clean(c.givenByName) }],
    policyRule: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'OPTIN' }] },
    provision: {
      type: 'permit',
      period,
      ...(member
        ? {
            actor: [
              {
                role: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP' }] },
                reference: memberRef(member.id),
              },
            ],
          }
        : {}),
    },
    ...(text(c.note)
      ? { sourceAttachment: { contentType: 'text/plain', title: `${formatDate(c.givenAt, s.language)}: ${clean(c.note)}` } }
      : {}),
  };
}

/** FHIR forbids empty arrays, objects and strings: leave such elements out. */
function dropEmpty<T>(value: T): T {
  if (Array.isArray(value)) return value.map(dropEmpty).filter((v) => !isEmpty(v)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const cleaned = dropEmpty(v);
      if (!isEmpty(cleaned)) out[k] = cleaned;
    }
    return out as T;
  }
  return value;
}

function isEmpty(v: unknown): boolean {
  return (
    v === undefined ||
    v === null ||
    v === '' ||
    (Array.isArray(v) && v.length === 0) ||
    (typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0)
  );
}
