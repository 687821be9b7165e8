/**
 * Authorization, generated from the permission matrix (libs/contracts/src/permissions.ts): every
 * plan endpoint × every kind of caller. A member is allowed exactly where `planRoleMay` says so
 * and refused with 403 otherwise; a non-member, the systemkoordinator of the same tenant and an
 * account of another tenant get 404. Expectations come from the matrix, never from this file, and
 * the table must cover every PLAN_ACTIONS entry and every route under /api/plans/{planId}; the
 * matrix in docs/permissions.md must say the same as the code.
 *
 * The escalation paths around the static matrix are generated too: every plan role inviting and
 * moving someone into every plan role (PLAN_ROLE_GRANTS, PLAN_ROLE_ADMISSION), with the expected
 * status, and the tenant role of the account that comes in never rising.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import {
  PLAN_ACTIONS,
  PLAN_ROLE_ADMISSION,
  PLAN_ROLES,
  planRoleMay,
  planRoleMayGrant,
  type PlanAction,
  type PlanRole,
  type TenantRole,
} from '#contracts';
import { ApiClient, eventually, useTestApp, type TestResponse } from '#testing';
import { createPlanFixture, type PlanFixture, type Who } from './fixtures/plan-fixture';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

interface Ctx {
  f: PlanFixture;
  who: Who;
  url(path?: string): string;
}

interface Request {
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Case {
  method: Method;
  /** The route as OpenAPI names it. */
  route: string;
  /** What the call is, when one route has several cases. */
  variant?: string;
  /** Every permission the call needs. */
  actions: PlanAction[];
  /** Makes fresh targets (as members who may) and says what to send. */
  prepare(ctx: Ctx): Promise<Request>;
  /** Puts the plan back as it was after an allowed call (e.g. reopens it). */
  cleanup?(ctx: Ctx): Promise<void>;
  /** For a permission that shapes the answer rather than refusing it (consent.read). */
  shaped?(res: TestResponse, allowed: boolean): void;
}

const CALLERS: Who[] = ['person', 'guardian', 'coordinator', 'relative', 'professional', 'outsider', 'systemkoordinator', 'otherTenant'];
const isRole = (who: Who): who is PlanRole => (PLAN_ROLES as readonly string[]).includes(who);

type Expectation = 'allowed' | 'forbidden' | 'not found';
function expectationFor(who: Who, actions: PlanAction[]): Expectation {
  if (!isRole(who)) return 'not found';
  return actions.every((a) => planRoleMay(who, a)) ? 'allowed' : 'forbidden';
}

let counter = 0;
const unique = () => `${Date.now()}-${++counter}`;

function ok(res: TestResponse, what: string): TestResponse {
  if (res.status < 200 || res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

// Fresh targets, made by the coordinator (or the person, for consent).
const newGoal = async ({ f, url }: Ctx) =>
  ok(await f.clients.coordinator.post(url('/goals'), { title: `Mål ${unique()}` }), 'goal').body.entityId as string;
const newTask = async ({ f, url }: Ctx) =>
  ok(await f.clients.coordinator.post(url('/tasks'), { title: `Tiltak ${unique()}` }), 'task').body.entityId as string;
const newMeeting = async ({ f, url }: Ctx) =>
  ok(await f.clients.coordinator.post(url('/meetings'), { startsAt: '2031-03-03T09:00:00.000Z', location: 'Rådhuset' }), 'meeting').body
    .entityId as string;
/** A meeting with minutes, ready to be closed (there is something to approve). */
const meetingWithMinutes = async (ctx: Ctx) => {
  const id = await newMeeting(ctx);
  const base = ok(await ctx.f.clients.coordinator.get(ctx.url()), 'plan').body.revision as number;
  ok(await ctx.f.clients.coordinator.patch(ctx.url(`/meetings/${id}`), { baseRevision: base, minutes: 'Referat' }), 'minutes');
  return id;
};
const newMember = async ({ f, url }: Ctx) =>
  ok(
    await f.clients.coordinator.post(url('/members'), { email: `ny.${unique()}@fjordvik.example`, name: 'Nina Ny', role: 'relative' }),
    'member',
  ).body.entityId as string;
const newConsent = async (ctx: Ctx) => {
  const memberId = await newMember(ctx);
  return ok(await ctx.f.clients.person.post(ctx.url('/consents'), { kind: 'member_access', memberId }), 'consent').body.entityId as string;
};
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(new Date());
/** Consent given orally to a fresh member, recorded by the coordinator. */
const newRecord = async (ctx: Ctx) =>
  ok(
    await ctx.f.clients.coordinator.post(ctx.url('/consents/recorded'), {
      form: 'oral',
      givenOn: today(),
      plan: false,
      memberIds: [await newMember(ctx)],
    }),
    'recorded consent',
  ).body.entity.recordId as string;
/** A scanned paper: a small whole PDF (ASCII, so it travels as a string). */
const PDF = '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n';
const PDF_HEADERS = { 'content-type': 'application/pdf' };
/** Deleted by the coordinator, ready to be restored. */
const deletedOne = async (ctx: Ctx, kind: 'goals' | 'tasks' | 'meetings', make: (ctx: Ctx) => Promise<string>) => {
  const id = await make(ctx);
  ok(await ctx.f.clients.coordinator.delete(ctx.url(`/${kind}/${id}`)), `delete ${kind}`);
  return id;
};
/** A comment on a fresh goal or task by the caller where they may write one, else by the coordinator (refused anyway). */
const ownComment = async (ctx: Ctx, kind: 'goals' | 'tasks') => {
  const target = kind === 'goals' ? await newGoal(ctx) : await newTask(ctx);
  const author = isRole(ctx.who) && planRoleMay(ctx.who, 'comment.write') ? ctx.f.clients[ctx.who] : ctx.f.clients.coordinator;
  const comment = ok(await author.post(ctx.url(`/${kind}/${target}/comments`), { body: `Kommentar ${unique()}` }), 'comment');
  return { target, path: `/${kind}/${target}/comments/${comment.body.entityId as string}`, author };
};
/** The caller's own journal entry where they may write one; otherwise the coordinator's (refused anyway). */
const ownEntry = async ({ f, who, url }: Ctx) => {
  const author = isRole(who) && planRoleMay(who, 'journal.write') ? f.clients[who] : f.clients.coordinator;
  const entry = ok(await author.post(url('/journal'), { body: `Notat ${unique()}` }), 'journal entry');
  return { path: `/journal/${entry.body.entityId as string}`, author };
};
const commentCases = (kind: 'goals' | 'tasks', param: string): Case[] => [
  {
    method: 'GET',
    route: `/api/plans/{planId}/${kind}/{${param}}/comments`,
    actions: ['plan.read'],
    prepare: async (ctx) => ({ path: ctx.url(`/${kind}/${kind === 'goals' ? await newGoal(ctx) : await newTask(ctx)}/comments`) }),
  },
  {
    method: 'POST',
    route: `/api/plans/{planId}/${kind}/{${param}}/comments`,
    actions: ['comment.write'],
    prepare: async (ctx) => ({
      path: ctx.url(`/${kind}/${kind === 'goals' ? await newGoal(ctx) : await newTask(ctx)}/comments`),
      body: { body: `Kommentar ${unique()}` },
    }),
  },
  {
    method: 'DELETE',
    route: `/api/plans/{planId}/${kind}/{${param}}/comments/{commentId}`,
    variant: 'my own comment',
    actions: ['comment.write'],
    prepare: async (ctx) => ({ path: ctx.url((await ownComment(ctx, kind)).path) }),
  },
  {
    method: 'POST',
    route: `/api/plans/{planId}/${kind}/{${param}}/comments/{commentId}/restore`,
    variant: 'my own comment',
    actions: ['comment.write'],
    prepare: async (ctx) => {
      const { path, author } = await ownComment(ctx, kind);
      ok(await author.delete(ctx.url(path)), 'delete comment');
      return { path: ctx.url(`${path}/restore`), body: {} };
    },
  },
];
const planView = async ({ f, url }: Ctx) => ok(await f.clients.coordinator.get(url()), 'plan').body;
/** The plan's current revision, as the base of an update (so that no update here conflicts). */
const base = async (ctx: Ctx) => (await planView(ctx)).revision as number;
/** An archive copy of the plan: closing it makes one (after commit); then it is reopened. */
let copyId: string | undefined;
const archiveCopy = async (ctx: Ctx): Promise<string> => {
  if (copyId) return copyId;
  ok(await ctx.f.clients.coordinator.post(ctx.url('/status'), { status: 'closed' }), 'close');
  copyId = await eventually(async () => {
    const res = await ctx.f.clients.coordinator.get(ctx.url('/archive'));
    return res.status === 200 && res.body.length ? (res.body[0].id as string) : undefined;
  }, 20_000);
  await reopen(ctx);
  return copyId;
};
const reopen = async ({ f, url }: Ctx) => {
  ok(await f.clients.coordinator.post(url('/status'), { status: 'active' }), 'reopen');
};

/** The words the last shared-text update over HTTP added (its cleanup waits for them to settle). */
let lastTextWords = '';

/** A shared-text update over HTTP that adds a few letters (its own Yjs client: stored each time). */
function textUpdate(entityType: string, entityId: string, field: string) {
  const doc = new Y.Doc();
  lastTextWords = `Samarbeid ${unique()} `;
  doc.getText('text').insert(0, lastTextWords);
  return { entityType, entityId, field, update: Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64') };
}

const CASES: Case[] = [
  // The plan itself
  { method: 'GET', route: '/api/plans/{planId}', actions: ['plan.read'], prepare: async ({ url }) => ({ path: url() }) },
  {
    method: 'GET',
    route: '/api/plans/{planId}',
    variant: 'consent records in the plan',
    actions: ['consent.read'],
    prepare: async ({ url }) => ({ path: url() }),
    shaped: (res, allowed) => {
      expect(res.status).toBe(200);
      expect(Array.isArray(res.body.consents)).toBe(allowed);
    },
  },
  {
    method: 'PATCH',
    route: '/api/plans/{planId}',
    actions: ['plan.update'],
    prepare: async (ctx) => ({ path: ctx.url(), body: { baseRevision: await base(ctx), cooperation: `Samarbeid ${unique()}` } }),
  },
  {
    method: 'POST',
    route: '/api/plans/{planId}/shared-text/updates',
    actions: ['plan.update'],
    prepare: async (ctx) => ({ path: ctx.url('/shared-text/updates'), body: textUpdate('plan', ctx.f.planId, 'cooperation') }),
    // The text settles into the field a second later, a revision of its own: wait for it, so that
    // it does not land inside a later case's "a refused call changes nothing".
    cleanup: async (ctx) => {
      await eventually(
        async () => String((await ctx.f.clients.coordinator.get(ctx.url())).body.cooperation).includes(lastTextWords),
        15_000,
      );
    },
  },
  {
    method: 'POST',
    route: '/api/plans/{planId}/status',
    variant: 'back to draft',
    actions: ['plan.update'],
    prepare: async ({ url }) => ({ path: url('/status'), body: { status: 'draft' } }),
    cleanup: reopen,
  },
  {
    method: 'POST',
    route: '/api/plans/{planId}/status',
    variant: 'close',
    actions: ['plan.close'],
    prepare: async ({ url }) => ({ path: url('/status'), body: { status: 'closed' } }),
    cleanup: reopen,
  },
  {
    method: 'GET',
    route: '/api/plans/{planId}/events',
    actions: ['plan.read'],
    prepare: async ({ url }) => ({ path: url('/events?since=0') }),
  },
  {
    method: 'POST',
    route: '/api/plans/{planId}/seen',
    actions: ['plan.read'],
    prepare: async (ctx) => ({ path: ctx.url('/seen'), body: { revision: await base(ctx) } }),
  },
  {
    method: 'GET',
    route: '/api/plans/{planId}/comments',
    actions: ['plan.read'],
    prepare: async ({ url }) => ({ path: url('/comments') }),
  },
  {
    method: 'GET',
    route: '/api/plans/{planId}/deleted',
    actions: ['plan.read'],
    prepare: async ({ url }) => ({ path: url('/deleted') }),
  },
  {
    method: 'GET',
    route: '/api/plans/{planId}/access-log',
    actions: ['accessLog.read'],
    prepare: async ({ url }) => ({ path: url('/access-log') }),
  },

  // Exports (docs/exports.md)
  { method: 'GET', route: '/api/plans/{planId}/pdf', actions: ['plan.export'], prepare: async ({ url }) => ({ path: url('/pdf') }) },
  {
    method: 'GET',
    route: '/api/plans/{planId}/pdf',
    variant: 'large text',
    actions: ['plan.export'],
    prepare: async ({ url }) => ({ path: url('/pdf?size=large') }),
  },
  { method: 'GET', route: '/api/plans/{planId}/fhir', actions: ['plan.exportFhir'], prepare: async ({ url }) => ({ path: url('/fhir') }) },
  {
    method: 'GET',
    route: '/api/plans/{planId}/archive',
    actions: ['archive.read'],
    prepare: async ({ url }) => ({ path: url('/archive') }),
  },
  {
    method: 'GET',
    route: '/api/plans/{planId}/archive/{copyId}',
    actions: ['archive.read'],
    prepare: async (ctx) => ({ path: ctx.url(`/archive/${await archiveCopy(ctx)}`) }),
  },

  // Evaluations and the person's own ratings (issue 14)
  {
    method: 'GET',
    route: '/api/plans/{planId}/evaluations',
    actions: ['plan.read'],
    prepare: async ({ url }) => ({ path: url('/evaluations') }),
  },
  {
    method: 'GET',
    route: '/api/plans/{planId}/evaluations',
    variant: "the person's own ratings",
    actions: ['checkin.read'],
    prepare: async ({ url }) => ({ path: url('/evaluations') }),
    shaped: (res, allowed) => {
      expect(res.status).toBe(200);
      expect(Array.isArray(res.body.selfRatings)).toBe(allowed);
      expect(Array.isArray(res.body.notes)).toBe(allowed);
    },
  },
  {
    method: 'POST',
    route: '/api/plans/{planId}/evaluations',
    actions: ['evaluation.write'],
    prepare: async (ctx) => ({
      path: ctx.url('/evaluations'),
      body: {
        participantMemberIds: [ctx.f.memberIds.person, ctx.f.memberIds.coordinator],
        items: [{ goalId: await newGoal(ctx), rating: 1, decision: 'keep' }],
        nextEvaluation: '2032-01-01',
      },
    }),
  },
  {
    method: 'PUT',
    route: '/api/plans/{planId}/evaluations/draft/{goalId}',
    actions: ['goal.rate'],
    prepare: async (ctx) => ({ path: ctx.url(`/evaluations/draft/${await newGoal(ctx)}`), body: { rating: -1, comment: 'Litt tungt' } }),
  },
  {
    method: 'POST',
    route: '/api/plans/{planId}/checkins',
    actions: ['goal.rate'],
    prepare: async (ctx) => ({ path: ctx.url('/checkins'), body: { goalId: await newGoal(ctx), rating: 2 } }),
  },

  // Goals
  {
    method: 'POST',
    route: '/api/plans/{planId}/goals',
    actions: ['goal.write'],
    prepare: async ({ url }) => ({ path: url('/goals'), body: { title: `Mål ${unique()}` } }),
  },
  {
    method: 'PATCH',
    route: '/api/plans/{planId}/goals/{goalId}',
    actions: ['goal.write'],
    prepare: async (ctx) => ({
      path: ctx.url(`/goals/${await newGoal(ctx)}`),
      body: { baseRevision: await base(ctx), title: `Nytt ${unique()}` },
    }),
  },
  {
    method: 'DELETE',
    route: '/api/plans/{planId}/goals/{goalId}',
    actions: ['goal.write'],
    prepare: async (ctx) => ({ path: ctx.url(`/goals/${await newGoal(ctx)}`) }),
  },
  {
    method: 'POST',
    route: '/api/plans/{planId}/goals/{goalId}/restore',
    actions: ['goal.write'],
    prepare: async (ctx) => ({ path: ctx.url(`/goals/${await deletedOne(ctx, 'goals', newGoal)}/restore`), body: {} }),
  },
  ...commentCases('goals', 'goalId'),
  {
    method: 'PUT',
    route: '/api/plans/{planId}/goals/order',
    actions: ['goal.write'],
    prepare: async (ctx) => {
      await newGoal(ctx);
      const ids = ((await planView(ctx)).goals as { id: string }[]).map((g) => g.id).reverse();
      return { path: ctx.url('/goals/order'), body: { ids } };
    },
  },

  // Tasks
  {
    method: 'POST',
    route: '/api/plans/{planId}/tasks',
    actions: ['task.write'],
    prepare: async ({ url }) => ({ path: url('/tasks'), body: { title: `Tiltak ${unique()}` } }),
  },
  {
    method: 'PATCH',
    route: '/api/plans/{planId}/tasks/{taskId}',
    actions: ['task.write'],
    prepare: async (ctx) => ({
      path: ctx.url(`/tasks/${await newTask(ctx)}`),
      body: { baseRevision: await base(ctx), scope: `${counter} t/uke` },
    }),
  },
  {
    method: 'DELETE',
    route: '/api/plans/{planId}/tasks/{taskId}',
    actions: ['task.write'],
    prepare: async (ctx) => ({ path: ctx.url(`/tasks/${await newTask(ctx)}`) }),
  },
  {
    method: 'POST',
    route: '/api/plans/{planId}/tasks/{taskId}/restore',
    actions: ['task.write'],
    prepare: async (ctx) => ({ path: ctx.url(`/tasks/${await deletedOne(ctx, 'tasks', newTask)}/restore`), body: {} }),
  },
  ...commentCases('tasks', 'taskId'),
  {
    method: 'PUT',
    route: '/api/plans/{planId}/tasks/order',
    actions: ['task.write'],
    prepare: async (ctx) => {
      await newTask(ctx);
      const ids = ((await planView(ctx)).tasks as { id: string }[]).map((t) => t.id).reverse();
      return { path: ctx.url('/tasks/order'), body: { ids } };
    },
  },

  // Members
  {
    method: 'POST',
    route: '/api/plans/{planId}/members',
    actions: ['member.invite'],
    prepare: async ({ url }) => ({
      path: url('/members'),
      body: { email: `inv.${unique()}@fjordvik.example`, name: 'Ivar Invitert', role: 'relative' },
    }),
  },
  {
    method: 'POST',
    route: '/api/plans/{planId}/members/batch',
    actions: ['member.invite'],
    prepare: async ({ url }) => ({
      path: url('/members/batch'),
      body: {
        members: [
          { email: `inv.${unique()}@fjordvik.example`, name: 'Ivar Invitert', role: 'relative' },
          { email: `inv.${unique()}@fjordvik.example`, name: 'Ida Invitert', role: 'relative' },
        ],
      },
    }),
  },
  {
    method: 'PATCH',
    route: '/api/plans/{planId}/members/{memberId}',
    variant: 'my own contribution',
    // Every member may describe their own part (docs/permissions.md); a non-member aims at the coordinator.
    actions: ['plan.read'],
    prepare: async (ctx) => ({
      path: ctx.url(`/members/${isRole(ctx.who) ? ctx.f.memberIds[ctx.who] : ctx.f.memberIds.coordinator}`),
      body: { baseRevision: await base(ctx), contribution: `Mitt bidrag ${unique()}` },
    }),
  },
  {
    method: 'PATCH',
    route: '/api/plans/{planId}/members/{memberId}',
    variant: "someone else's membership",
    actions: ['member.manage'],
    prepare: async (ctx) => ({
      path: ctx.url(`/members/${await newMember(ctx)}`),
      body: { baseRevision: await base(ctx), organisation: `Fjordvik kommune ${unique()}` },
    }),
  },
  {
    method: 'DELETE',
    route: '/api/plans/{planId}/members/{memberId}',
    actions: ['member.manage'],
    prepare: async (ctx) => ({ path: ctx.url(`/members/${await newMember(ctx)}`) }),
  },

  // Consent
  {
    method: 'POST',
    route: '/api/plans/{planId}/consents',
    actions: ['consent.manage'],
    prepare: async (ctx) => ({ path: ctx.url('/consents'), body: { kind: 'member_access', memberId: await newMember(ctx) } }),
  },
  {
    method: 'POST',
    route: '/api/plans/{planId}/consents/{consentId}/revoke',
    actions: ['consent.manage'],
    prepare: async (ctx) => ({ path: ctx.url(`/consents/${await newConsent(ctx)}/revoke`), body: {} }),
  },
  {
    method: 'POST',
    route: '/api/plans/{planId}/consents/recorded',
    actions: ['consent.record'],
    prepare: async (ctx) => ({
      path: ctx.url('/consents/recorded'),
      body: { form: 'paper', givenOn: today(), plan: false, memberIds: [await newMember(ctx)] },
    }),
  },
  {
    method: 'PUT',
    route: '/api/plans/{planId}/consents/records/{recordId}/document',
    actions: ['consent.record'],
    prepare: async (ctx) => ({ path: ctx.url(`/consents/records/${await newRecord(ctx)}/document`), body: PDF, headers: PDF_HEADERS }),
  },
  {
    method: 'GET',
    route: '/api/plans/{planId}/consents/records/{recordId}/document',
    actions: ['consent.read'],
    prepare: async (ctx) => {
      const record = await newRecord(ctx);
      ok(await ctx.f.clients.coordinator.request('PUT', ctx.url(`/consents/records/${record}/document`), PDF, PDF_HEADERS), 'upload');
      return { path: ctx.url(`/consents/records/${record}/document`) };
    },
  },
  {
    method: 'GET',
    route: '/api/plans/{planId}/consents/status',
    actions: ['consent.read'],
    prepare: async ({ url }) => ({ path: url('/consents/status') }),
  },
  {
    method: 'POST',
    route: '/api/plans/{planId}/consents/reminders',
    actions: ['consent.remind'],
    // Something must wait for consent: the person takes back consent to the plan, and gives it again after.
    prepare: async (ctx) => {
      if (ctx.who === 'coordinator') {
        const plan = ok(await ctx.f.clients.person.get(ctx.url()), 'plan').body;
        const consent = (plan.consents as { id: string; kind: string; revokedAt: string | null }[]).find(
          (c) => c.kind === 'plan' && !c.revokedAt,
        )!;
        ok(await ctx.f.clients.person.post(ctx.url(`/consents/${consent.id}/revoke`)), 'revoke plan consent');
      }
      return { path: ctx.url('/consents/reminders'), body: {} };
    },
    cleanup: async (ctx) => {
      ok(await ctx.f.clients.person.post(ctx.url('/consents'), { kind: 'plan' }), 'consent to plan');
    },
  },
  {
    method: 'GET',
    route: '/api/plans/{planId}/consents/waiting',
    // Any active member, with consent or waiting for it (metadata only); a non-member gets 404.
    actions: ['plan.read'],
    prepare: async ({ url }) => ({ path: url('/consents/waiting') }),
  },

  // Meetings
  {
    method: 'GET',
    route: '/api/plans/{planId}/meetings',
    actions: ['meeting.read'],
    prepare: async ({ url }) => ({ path: url('/meetings') }),
  },
  {
    method: 'GET',
    route: '/api/plans/{planId}/meetings/{meetingId}',
    actions: ['meeting.read'],
    prepare: async (ctx) => ({ path: ctx.url(`/meetings/${await newMeeting(ctx)}`) }),
  },
  {
    method: 'GET',
    route: '/api/plans/{planId}/meetings/{meetingId}/calendar.ics',
    actions: ['meeting.read'],
    prepare: async (ctx) => ({ path: ctx.url(`/meetings/${await newMeeting(ctx)}/calendar.ics`) }),
  },
  {
    method: 'POST',
    route: '/api/plans/{planId}/meetings',
    actions: ['meeting.write'],
    prepare: async ({ url }) => ({ path: url('/meetings'), body: { startsAt: '2031-05-05T10:00:00.000Z', title: `Møte ${unique()}` } }),
  },
  {
    method: 'PATCH',
    route: '/api/plans/{planId}/meetings/{meetingId}',
    actions: ['meeting.write'],
    prepare: async (ctx) => ({
      path: ctx.url(`/meetings/${await newMeeting(ctx)}`),
      body: { baseRevision: await base(ctx), minutes: `Referat ${unique()}` },
    }),
  },
  {
    method: 'DELETE',
    route: '/api/plans/{planId}/meetings/{meetingId}',
    actions: ['meeting.write'],
    prepare: async (ctx) => ({ path: ctx.url(`/meetings/${await newMeeting(ctx)}`) }),
  },
  {
    method: 'GET',
    route: '/api/plans/{planId}/meetings/{meetingId}/attendance',
    actions: ['meeting.read'],
    prepare: async (ctx) => ({ path: ctx.url(`/meetings/${await newMeeting(ctx)}/attendance`) }),
  },
  {
    method: 'PUT',
    route: '/api/plans/{planId}/meetings/{meetingId}/rsvp',
    actions: ['meeting.rsvp'],
    prepare: async (ctx) => ({ path: ctx.url(`/meetings/${await newMeeting(ctx)}/rsvp`), body: { response: 'confirmed' } }),
  },
  {
    method: 'POST',
    route: '/api/plans/{planId}/meetings/{meetingId}/restore',
    actions: ['meeting.write'],
    prepare: async (ctx) => ({ path: ctx.url(`/meetings/${await deletedOne(ctx, 'meetings', newMeeting)}/restore`), body: {} }),
  },
  {
    method: 'POST',
    route: '/api/plans/{planId}/meetings/{meetingId}/decisions',
    variant: 'a decision',
    actions: ['meeting.write'],
    prepare: async (ctx) => ({ path: ctx.url(`/meetings/${await newMeeting(ctx)}/decisions`), body: { text: `Vedtak ${unique()}` } }),
  },
  {
    method: 'POST',
    route: '/api/plans/{planId}/meetings/{meetingId}/decisions',
    variant: 'a decision that becomes a task',
    actions: ['meeting.write', 'task.write'],
    prepare: async (ctx) => ({
      path: ctx.url(`/meetings/${await newMeeting(ctx)}/decisions`),
      body: { text: `Vedtak ${unique()}`, task: { title: 'Følge opp vedtaket', responsibleMemberId: ctx.f.memberIds.coordinator } },
    }),
  },
  {
    method: 'POST',
    route: '/api/plans/{planId}/meetings/{meetingId}/close',
    actions: ['meeting.close'],
    prepare: async (ctx) => ({
      path: ctx.url(`/meetings/${await meetingWithMinutes(ctx)}/close`),
      body: { present: [ctx.f.memberIds.person], minutesApproved: true },
    }),
  },
  {
    method: 'POST',
    route: '/api/plans/{planId}/meetings/{meetingId}/reopen',
    actions: ['meeting.close'],
    prepare: async (ctx) => {
      const id = await meetingWithMinutes(ctx);
      ok(await ctx.f.clients.coordinator.post(ctx.url(`/meetings/${id}/close`), { present: [], minutesApproved: true }), 'close');
      return { path: ctx.url(`/meetings/${id}/reopen`), body: { reason: 'Retting' } };
    },
  },

  // Journal
  {
    method: 'GET',
    route: '/api/plans/{planId}/journal',
    actions: ['journal.read'],
    prepare: async ({ url }) => ({ path: url('/journal') }),
  },
  {
    method: 'GET',
    route: '/api/plans/{planId}/journal/draft',
    actions: ['journal.read'],
    prepare: async ({ url }) => ({ path: url('/journal/draft') }),
  },
  {
    method: 'POST',
    route: '/api/plans/{planId}/journal',
    actions: ['journal.write'],
    prepare: async ({ url }) => ({ path: url('/journal'), body: { body: `Notat ${unique()}` } }),
  },
  {
    method: 'DELETE',
    route: '/api/plans/{planId}/journal/{entryId}',
    variant: 'my own entry',
    actions: ['journal.write'],
    prepare: async (ctx) => ({ path: ctx.url((await ownEntry(ctx)).path) }),
  },
  {
    method: 'POST',
    route: '/api/plans/{planId}/journal/{entryId}/restore',
    variant: 'my own entry',
    actions: ['journal.write'],
    prepare: async (ctx) => {
      const { path, author } = await ownEntry(ctx);
      ok(await author.delete(ctx.url(path)), 'delete journal entry');
      return { path: ctx.url(`${path}/restore`), body: {} };
    },
  },
];

const caseName = (c: Case) =>
  `${c.method} ${c.route.replace('/api', '')}${c.variant ? ` (${c.variant})` : ''} needs ${c.actions.join(' + ')}`;

describe('authorization generated from the permission matrix', () => {
  const app = useTestApp();
  let f: PlanFixture;
  beforeAll(async () => {
    f = await createPlanFixture(app, 'Tilgangsplan');
  }, 90_000);

  it('covers every action in the matrix', () => {
    const covered = new Set(CASES.flatMap((c) => c.actions));
    expect(PLAN_ACTIONS.filter((a) => !covered.has(a))).toEqual([]);
  });

  it('agrees with the table in docs/permissions.md', () => {
    const doc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'permissions.md'), 'utf8');
    const rows = new Map(
      doc
        .split('\n')
        .map((line) => /^\|\s*`([a-zA-Z.]+)`\s*\|(.*)$/.exec(line))
        .filter((m): m is RegExpExecArray => m !== null && (PLAN_ACTIONS as readonly string[]).includes(m[1]))
        .map((m) => [
          m[1],
          m[2]
            .split('|')
            .slice(0, PLAN_ROLES.length)
            .map((cell) => cell.trim() === '✓'),
        ]),
    );
    for (const action of PLAN_ACTIONS) expect([action, rows.get(action)]).toEqual([action, PLAN_ROLES.map((r) => planRoleMay(r, action))]);
  });

  it('agrees with the table of who hands out which role in docs/permissions.md', () => {
    const doc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'permissions.md'), 'utf8');
    const rows = new Map(
      doc
        .split('\n')
        .map((line) => /^\|\s*by ([a-z]+)\s*\|(.*)$/.exec(line))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => [
          m[1],
          m[2]
            .split('|')
            .slice(0, PLAN_ROLES.length)
            .map((cell) => cell.trim() === '✓'),
        ]),
    );
    for (const by of PLAN_ROLES) expect([by, rows.get(by)]).toEqual([by, PLAN_ROLES.map((target) => planRoleMayGrant(by, target))]);
  });

  it('covers every route under /api/plans/{planId} that the api serves', async () => {
    const res = await app.client.get('/api/docs-json');
    expect(res.status).toBe(200);
    const served = Object.entries(res.body.paths as Record<string, Record<string, unknown>>)
      .filter(([path]) => path.startsWith('/api/plans/{planId}'))
      .flatMap(([path, ops]) =>
        Object.keys(ops)
          .filter((m) => ['get', 'post', 'patch', 'put', 'delete'].includes(m))
          .map((m) => `${m.toUpperCase()} ${path}`),
      );
    const tabled = new Set(CASES.map((c) => `${c.method} ${c.route}`));
    expect(served.filter((r) => !tabled.has(r))).toEqual([]);
    expect([...tabled].filter((r) => !served.includes(r))).toEqual([]);
  });

  describe.each(CASES.map((c) => [caseName(c), c] as const))('%s', (_name, c) => {
    it.each(CALLERS.map((who) => [who, expectationFor(who, c.actions)] as const))('%s: %s', async (who, expectation) => {
      const ctx: Ctx = { f, who, url: (path = '') => `/api/plans/${f.planId}${path}` };
      const request = await c.prepare(ctx);
      const before = (await f.clients.coordinator.get(ctx.url())).body.revision as number;
      const client = f.clients[who];
      const res =
        c.method === 'GET'
          ? await client.get(request.path)
          : c.method === 'DELETE'
            ? await client.delete(request.path)
            : await client.request(c.method, request.path, request.body ?? {}, request.headers);
      try {
        if (c.shaped && expectation !== 'not found') {
          c.shaped(res, expectation === 'allowed');
        } else if (expectation === 'allowed') {
          if (res.status < 200 || res.status >= 300) throw new Error(`expected 2xx, got ${res.status} ${JSON.stringify(res.body)}`);
        } else {
          expect({ status: res.status, code: res.body?.code }).toEqual(
            expectation === 'not found' ? { status: 404, code: 'not_found' } : { status: 403, code: 'forbidden' },
          );
          // A refused call changes nothing.
          expect((await f.clients.coordinator.get(ctx.url())).body.revision).toBe(before);
        }
      } finally {
        if (expectation === 'allowed') await c.cleanup?.(ctx);
      }
    });
  });
  describe('escalation paths: inviting and changing roles, from PLAN_ROLE_GRANTS', () => {
    const PASSWORD = 'Et-langt-passord-2026';
    const url = (path = '', planId = f.planId) => `/api/plans/${planId}${path}`;
    const revisionOf = async (g: PlanFixture) => (await g.clients.coordinator.get(url('', g.planId))).body.revision as number;
    const tenantRoleOf = async (accountId: string) =>
      ok(await f.clients.systemkoordinator.get(`/api/accounts/${accountId}`), 'account').body.role as TenantRole;

    /** A staff account made by the systemkoordinator (only `accounts.manage` makes staff). */
    async function staffAccount(role: TenantRole): Promise<{ id: string; email: string }> {
      const email = `ansatt.${unique()}@fjordvik.example`;
      const res = ok(
        await f.clients.systemkoordinator.post('/api/accounts', {
          email,
          name: 'Siri Ansatt',
          role,
          password: PASSWORD,
          service: 'Fysioterapi',
        }),
        'staff account',
      );
      return { id: res.body.id, email };
    }

    /** Someone who comes in by e-mail and accepts; returns their member and account ids. */
    async function invited(g: PlanFixture, by: PlanRole, role: PlanRole, email = `inv.${unique()}@fjordvik.example`) {
      const res = ok(await g.clients[by].post(url('/members', g.planId), { email, name: 'Ida Invitert', role }), 'invite');
      const token = String(res.body.invitationUrl).split('/').pop();
      const accepted = ok(await app.client.post(`/api/invitations/${token}/accept`, { password: PASSWORD }), 'accept');
      const me = ok(await new ApiClient(app.api.url, accepted.body.accessToken).get('/api/auth/me'), 'me');
      return { memberId: res.body.entityId as string, accountId: me.body.id as string };
    }

    const pairs = PLAN_ROLES.flatMap((by) => PLAN_ROLES.map((target) => [by, target] as const));

    const inviteExpectation = (by: PlanRole, target: PlanRole): number => {
      if (!planRoleMay(by, 'member.invite') || !planRoleMayGrant(by, target)) return 403;
      // The plan has its one person and one coordinator already.
      if (target === 'person' || target === 'coordinator') return 400;
      return 201;
    };

    it.each(pairs.map(([by, target]) => [by, target, inviteExpectation(by, target)] as const))(
      '%s adds a %s: %i, and the account that comes in keeps its tenant role',
      async (by, target, expected) => {
        const staff = PLAN_ROLE_ADMISSION[target].by === 'directory' ? await staffAccount('coordinator') : null;
        const email = `inv.${unique()}@fjordvik.example`;
        const body = staff ? { accountId: staff.id, role: target } : { email, name: 'Ivar Invitert', role: target };
        const before = await revisionOf(f);
        const res = await f.clients[by].post(url('/members'), body);
        expect({ status: res.status, code: res.body.code }).toMatchObject({ status: expected });
        if (expected !== 201) return expect(await revisionOf(f)).toBe(before);
        if (staff) {
          expect(res.body.invitationUrl).toBeUndefined();
          expect(await tenantRoleOf(staff.id)).toBe('coordinator');
          return;
        }
        // Accepting the link anonymously makes at most a citizen account.
        const token = String(res.body.invitationUrl).split('/').pop();
        const accepted = ok(
          await app.client.post(`/api/invitations/${token}/accept`, { password: PASSWORD, name: 'Ivar Invitert' }),
          'accept',
        );
        const me = new ApiClient(app.api.url, accepted.body.accessToken);
        expect(accepted.body.planId).toBe(f.planId);
        expect((await me.get('/api/auth/me')).body.role).toBe('citizen');
        expect((await me.post('/api/plans', { title: 'Egen plan', personName: 'Noen' })).status).toBe(403);
      },
    );

    const mayAddStaff = (who: Who) => isRole(who) && planRoleMay(who, 'member.invite') && planRoleMayGrant(who, 'professional');
    it.each(CALLERS.map((who) => [who, mayAddStaff(who) ? 200 : isRole(who) ? 403 : 404] as const))(
      'the staff directory of the plan, for %s: %i, metadata only',
      async (who, expected) => {
        const res = await f.clients[who].get(`/api/directory/staff?planId=${f.planId}&q=${encodeURIComponent('Per')}`);
        expect(res.status).toBe(expected);
        if (expected !== 200) return;
        expect(res.body).toContainEqual({
          accountId: f.accountIds.professional,
          name: 'Per Hansen',
          service: 'Ergoterapi',
          organisation: 'Fjordvik kommune',
          tenantRole: 'professional',
        });
        for (const entry of res.body)
          expect(Object.keys(entry).sort()).toEqual(['accountId', 'name', 'organisation', 'service', 'tenantRole']);
        expect(res.body.map((e: { tenantRole: string }) => e.tenantRole)).not.toContain('citizen');
      },
    );

    it('the directory without a plan: koordinerende enhet and those who start plans only; never another municipality', async () => {
      // A coordinator gathers the group of a plan they are starting (issue 13); citizens and professionals do not browse it.
      const kari = await f.clients.coordinator.get(`/api/directory/staff?q=${encodeURIComponent('Per Hansen')}`);
      expect(kari.status).toBe(200);
      expect(kari.body.map((e: { name: string }) => e.name)).toContain('Per Hansen');
      expect((await f.clients.professional.get('/api/directory/staff')).status).toBe(403);
      expect((await f.clients.relative.get('/api/directory/staff')).status).toBe(403);
      expect((await f.clients.person.get('/api/directory/staff')).status).toBe(403);
      expect((await f.clients.otherTenant.get(`/api/directory/staff?q=${encodeURIComponent('Per Hansen')}`)).body).toEqual([]);
      const sk = await f.clients.systemkoordinator.get('/api/directory/staff?limit=50');
      expect(sk.status).toBe(200);
      expect(sk.body.map((e: { name: string }) => e.name)).toContain('Kari Nilsen');
      expect(sk.body.map((e: { name: string }) => e.name)).not.toContain('Eva Eide');
    });

    it.each(PLAN_ROLES)('%s cannot invite staff by e-mail: a professional or coordinator is picked from the directory', async (by) => {
      const before = await revisionOf(f);
      for (const role of ['professional', 'coordinator'] as const) {
        const res = await f.clients[by].post(url('/members'), { email: `ansatt.${unique()}@fjordvik.example`, name: 'Ny Ansatt', role });
        expect({ role, status: res.status }).toEqual({ role, status: 400 });
      }
      expect(await revisionOf(f)).toBe(before);
    });

    /** The member whose role is changed to `target`, and the role they have before. */
    async function memberToMove(g: PlanFixture, target: PlanRole): Promise<{ memberId: string; accountId: string; from: PlanRole }> {
      if (target === 'relative') return { ...(await invited(g, 'person', 'guardian')), from: 'guardian' };
      if (target === 'professional') {
        // A staff account that came in as a relative (a nurse who is also family).
        const staff = await staffAccount('professional');
        return { ...(await invited(g, 'coordinator', 'relative', staff.email)), from: 'relative' };
      }
      if (target === 'coordinator') {
        const staff = await staffAccount('coordinator');
        const res = ok(
          await g.clients.coordinator.post(url('/members', g.planId), { accountId: staff.id, role: 'professional' }),
          'add staff',
        );
        return { memberId: res.body.entityId, accountId: staff.id, from: 'professional' };
      }
      return { ...(await invited(g, 'coordinator', 'relative')), from: 'relative' };
    }
    const FROM: Record<PlanRole, PlanRole> = {
      person: 'relative',
      guardian: 'relative',
      relative: 'guardian',
      professional: 'relative',
      coordinator: 'professional',
    };

    const changeExpectation = (by: PlanRole, target: PlanRole): number => {
      if (!planRoleMay(by, 'member.manage')) return 403;
      if (target === 'person') return 400;
      return planRoleMayGrant(by, FROM[target]) && planRoleMayGrant(by, target) ? 200 : 403;
    };

    it.each(pairs.map(([by, target]) => [by, target, FROM[target], changeExpectation(by, target)] as const))(
      '%s moves a member into %s (from %s): %i, and their tenant role does not change',
      async (by, target, _from, expected) => {
        const g = f;
        const moved = await memberToMove(g, target);
        const tenantRole = await tenantRoleOf(moved.accountId);
        const before = await revisionOf(g);
        const res = await g.clients[by].patch(url(`/members/${moved.memberId}`, g.planId), { baseRevision: before, role: target });
        expect({ status: res.status, code: res.body.code }).toMatchObject({ status: expected });
        if (expected !== 200) expect(await revisionOf(g)).toBe(before);
        expect(await tenantRoleOf(moved.accountId)).toBe(tenantRole);
        if (target === 'coordinator' && expected === 200) {
          // The handover made the plan's coordinator a professional: koordinerende enhet appoints them again.
          const back = await f.clients.systemkoordinator.post(`/api/overview/plans/${f.planId}/coordinator`, {
            coordinatorAccountId: f.accountIds.coordinator,
          });
          expect(back.status).toBe(200);
        }
      },
    );

    it.each(PLAN_ROLES.filter((by) => planRoleMay(by, 'member.manage')))(
      '%s cannot make a citizen account professional or coordinator: a plan role never raises a tenant role',
      async (by) => {
        const citizen = await invited(f, 'coordinator', 'relative');
        for (const role of ['professional', 'coordinator'] as const) {
          const res = await f.clients[by].patch(url(`/members/${citizen.memberId}`), { baseRevision: await revisionOf(f), role });
          expect({ role, status: res.status }).toEqual({ role, status: planRoleMayGrant(by, role) ? 400 : 403 });
        }
        expect(await tenantRoleOf(citizen.accountId)).toBe('citizen');
      },
    );

    it.each(PLAN_ROLES.filter((r) => r !== 'guardian'))('%s cannot make themselves guardian', async (by) => {
      const res = await f.clients[by].patch(url(`/members/${f.memberIds[by]}`), { baseRevision: await revisionOf(f), role: 'guardian' });
      expect(res.status).toBe(by === 'person' ? 400 : 403);
      const view = ok(await f.clients.coordinator.get(url()), 'plan').body;
      expect(view.members.find((m: { id: string }) => m.id === f.memberIds[by]).role).toBe(by);
    });

    describe('koordinerende enhet records a verified guardianship', () => {
      const record = (who: Who, email: string) =>
        f.clients[who].post(`/api/overview/plans/${f.planId}/guardianships`, {
          email,
          name: 'Gunn Verge',
          verification: 'Vergefullmakt fra Statsforvalteren, sett 2026-11-30',
        });

      it('as the systemkoordinator: audited, and shown to the person in the plan history', async () => {
        const member = await invited(f, 'coordinator', 'relative');
        const email = ok(await f.clients.systemkoordinator.get(`/api/accounts/${member.accountId}`), 'account').body.email as string;
        const since = await revisionOf(f);
        const res = await record('systemkoordinator', email);
        expect(res.status).toBe(201);
        const view = ok(await f.clients.person.get(url()), 'plan').body;
        expect(view.members.find((m: { id: string }) => m.id === member.memberId).role).toBe('guardian');
        const events = ok(await f.clients.person.get(url(`/events?since=${since}`)), 'events').body.events;
        expect(events).toEqual([
          expect.objectContaining({
            entityId: member.memberId,
            action: 'guardianship_recorded',
            actor: expect.objectContaining({ name: 'Sigrid Sandvik' }),
            patch: expect.objectContaining({ role: 'guardian', verification: 'Vergefullmakt fra Statsforvalteren, sett 2026-11-30' }),
          }),
        ]);
        const log = ok(await f.clients.person.get(url('/access-log')), 'access log').body.items as { action: string }[];
        expect(log.map((r) => r.action)).toContain('member.guardianship_recorded');
        expect(await tenantRoleOf(member.accountId)).toBe('citizen');
      });

      it.each(CALLERS.filter((who) => who !== 'systemkoordinator'))('refused to %s (403), nothing changes', async (who) => {
        const before = await revisionOf(f);
        const res = await record(who, `verge.${unique()}@fjordvik.example`);
        expect({ status: res.status, code: res.body.code }).toEqual({ status: 403, code: 'forbidden' });
        expect(await revisionOf(f)).toBe(before);
      });

      it('nobody records themselves as guardian', async () => {
        const me = ok(await f.clients.systemkoordinator.get('/api/auth/me'), 'me').body;
        const res = await record('systemkoordinator', me.email);
        expect(res.status).toBe(403);
      });
    });
  });
});
