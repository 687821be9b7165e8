/**
 * Property-based hostile input (fast-check): for every REST route in the OpenAPI document and
 * every socket event in the contract's event table, requests built from the route's DTO schema
 * with one hostile part (a control character or lone surrogate in text, an integer beyond
 * PostgreSQL's, nesting far too deep, a prototype key, null where the schema has no null, a
 * wrong type, an unknown field, a bad id in the path) are refused: a 4xx or an error ack naming
 * the field, never a 5xx; nothing is written; the node stays up.
 *
 * Seeded (FC_SEED, default below) so a run is reproducible; a failure prints the seed and the
 * counterexample. FC_NUM_RUNS sets the runs per route and event.
 */
import { fc, it as fcIt } from '@fast-check/jest';
import { Client } from 'pg';
import { CLIENT_EVENTS, type ClientToServerEvents, type PlanCommand, type PlanCommandType } from '#contracts';
import { connectSocket, emitFrameWithAck, expectOk, useTestApp, type ApiClient, type Json, type TestSocket } from '#testing';
import { DEMO_PASSWORD, demoAccount } from '../src/database/seed/demo-accounts';
import { createPlanFixture, type PlanFixture } from './fixtures/plan-fixture';

const SEED = Number(process.env.FC_SEED ?? 20261201);
const NUM_RUNS = Number(process.env.FC_NUM_RUNS ?? 6);
const FC = { seed: SEED, numRuns: NUM_RUNS, endOnFailure: true };
const MAX_DEPTH = 8;

// ---------------------------------------------------------------- hostile parts

/** Characters the input rules refuse: C0 controls but tab, LF and CR; DEL; C1; lone surrogates. */
const forbiddenChar = fc
  .oneof(
    fc.integer({ min: 0x00, max: 0x08 }),
    fc.constantFrom(0x0b, 0x0c),
    fc.integer({ min: 0x0e, max: 0x1f }),
    fc.integer({ min: 0x7f, max: 0x9f }),
    fc.integer({ min: 0xd800, max: 0xdfff }),
  )
  .map((code) => String.fromCharCode(code));
/** A lone surrogate cannot travel in a URL (percent-encoding is UTF-8): the rest can. */
const forbiddenUrlChar = forbiddenChar.filter((c) => !/[\ud800-\udfff]/.test(c));
const text = fc.string({ unit: 'grapheme', maxLength: 12 });
const hostileText = (char = forbiddenChar) => fc.tuple(text, char, text).map(([a, c, b]) => a + c + b);
const hostileNumber = fc.oneof(
  fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 2 ** 53, -(2 ** 53), 1e300),
  fc.double({ min: 2 ** 31, max: 1e300, noNaN: true }),
  fc.integer({ min: 2 ** 31, max: Number.MAX_SAFE_INTEGER }),
);

/** A hostile part of a JSON document, as the JSON text to put at one place in it. */
type Part = { what: string; json: string };
const centralPart: fc.Arbitrary<Part> = fc.oneof(
  hostileText().map((s) => ({ what: 'text', json: JSON.stringify(s) })),
  hostileNumber.map((n) => ({ what: 'number', json: JSON.stringify(n) })),
  fc.record({ depth: fc.integer({ min: MAX_DEPTH + 1, max: 6000 }), array: fc.boolean() }).map(({ depth, array }) => ({
    what: `nested ${depth}`,
    json: array ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth),
  })),
  fc.constantFrom('__proto__', 'constructor', 'prototype').map((k) => ({ what: `key ${k}`, json: `{"${k}":{"isAdmin":true}}` })),
  fc.tuple(text, forbiddenChar).map(([a, c]) => ({ what: 'bad key', json: `{${JSON.stringify(a + c)}:1}` })),
);

// ---------------------------------------------------------------- the OpenAPI document

interface Schema {
  type?: string;
  enum?: unknown[];
  nullable?: boolean;
  example?: unknown;
  default?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: Schema;
  $ref?: string;
}
interface Parameter {
  name: string;
  in: 'path' | 'query';
  schema?: Schema;
}
interface Route {
  method: string;
  template: string;
  path: Parameter[];
  query: Parameter[];
  body?: Schema;
}

/** A JSON body with hostile JSON text spliced in at one field: built as text, so no depth is too deep to send. */
function withPart(base: Record<string, unknown>, field: string, json: string): string {
  const rest = Object.entries(base).filter(([k]) => k !== field);
  return `{${[...rest.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`), `${JSON.stringify(field)}:${json}`].join(',')}}`;
}

function wrongTypeFor(schema: Schema): fc.Arbitrary<unknown> | null {
  if (schema.enum)
    return fc.oneof(
      text.filter((s) => !schema.enum!.includes(s)),
      fc.integer({ min: -5, max: 5 }),
    );
  switch (schema.type) {
    case 'string':
      return fc.oneof(fc.integer({ min: -100, max: 100 }), fc.boolean(), fc.constant([]), fc.constant({}));
    case 'number':
    case 'integer':
      return fc.oneof(fc.constantFrom('1', 'x', ''), fc.boolean(), fc.constant([]), fc.double({ min: 0.1, max: 0.9, noNaN: true }));
    case 'boolean':
      return fc.oneof(fc.constantFrom('true', 'false', 'yes'), fc.integer({ min: 0, max: 1 }), fc.constant({}));
    case 'array':
      return fc.oneof(text, fc.integer(), fc.constant({ length: 1 }));
    default:
      // 'object' from the document may be a nullable string or date; only a $ref'd DTO is surely an object.
      return schema.$ref ? fc.oneof(text, fc.integer(), fc.constant([1])) : null;
  }
}

describe(`hostile input, property-based (seed ${SEED}, ${NUM_RUNS} runs each)`, () => {
  let db: Client | undefined;
  afterAll(async () => {
    await db?.end();
  });
  const app = useTestApp({ SOCKET_RATE_PER_SECOND: '1000', SOCKET_RATE_BURST: '1000', REMINDER_INTERVAL_SECONDS: '0' });
  let f: PlanFixture;
  let routes: Route[];
  let schemas: Record<string, Schema>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    f = await createPlanFixture(app, 'Egenskaper');
    const c = f.clients.coordinator;
    const plan = `/api/plans/${f.planId}`;
    const created = async (res: Promise<{ status: number; body: Json }>, key = 'entityId') => {
      const r = await res;
      if (r.status >= 300) throw new Error(`fixture: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body[key] as string;
    };
    ids.goalId = await created(c.post(`${plan}/goals`, { title: 'Mål' }));
    ids.taskId = await created(c.post(`${plan}/tasks`, { title: 'Tiltak', goalId: ids.goalId }));
    ids.meetingId = await created(c.post(`${plan}/meetings`, { startsAt: '2027-01-10T09:00:00+01:00', agenda: [{ title: 'Status' }] }));
    ids.entryId = await created(c.post(`${plan}/journal`, { body: 'Notat' }));
    const invited = await c.post(`${plan}/members`, {
      email: 'invitert.egenskap@fjordvik.example',
      name: 'Ina Invitert',
      role: 'relative',
    });
    ids.token = (invited.body.invitationUrl as string).split('/').pop()!;
    ids.courseId = await created(f.clients.systemkoordinator.post('/api/training/courses', { title: 'Kurs' }), 'id');
    ids.completionId = await created(
      f.clients.systemkoordinator.post('/api/training/completions', {
        accountId: f.accountIds.coordinator,
        courseId: ids.courseId,
        completedOn: '2026-01-15',
      }),
      'id',
    );
    const professional = await app.login(demoAccount('fjordvik', 'professional').email, DEMO_PASSWORD);
    ids.needId = await created(
      professional.post('/api/needs', {
        personName: 'Ola',
        kind: 'individual_plan',
        description: 'Trenger plan',
        reporterService: 'Hjemmetjenesten',
      }),
      'id',
    );
    ids.notificationId = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
    // Consent recorded from paper (issue 13): its record, for the scanned document's routes.
    ids.recordId = (
      await c.post(`${plan}/consents/recorded`, { form: 'paper', givenOn: '2026-11-30', plan: false, memberIds: [invited.body.entityId] })
    ).body.entity.recordId as string;

    const doc = (await app.client.get('/api/docs-json')).body as {
      paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } }>>;
      components: { schemas: Record<string, Schema> };
    };
    schemas = doc.components.schemas;
    routes = Object.entries(doc.paths).flatMap(([template, item]) =>
      Object.entries(item).map(([method, op]) => ({
        method: method.toUpperCase(),
        template,
        path: (op.parameters ?? []).filter((p) => p.in === 'path'),
        query: (op.parameters ?? []).filter((p) => p.in === 'query'),
        body: op.requestBody?.content['application/json']?.schema,
      })),
    );
    db = new Client({ connectionString: app.databaseUrl });
    await db.connect();
  }, 120_000);

  const resolve = (schema: Schema): Schema => (schema.$ref ? { ...schemas[schema.$ref.split('/').pop()!], $ref: schema.$ref } : schema);

  /** What a refused request must leave as it was: the plan's revision and change log, and the audit of writes. */
  async function writes(): Promise<string> {
    const { rows } = await db!.query(
      `SELECT (SELECT revision FROM plans WHERE id = $1) AS revision,
              (SELECT count(*) FROM plan_events) AS events,
              (SELECT count(*) FROM audit_entries WHERE action NOT LIKE '%.read' AND action NOT LIKE 'auth.%') AS audit,
              (SELECT count(*) FROM plans) AS plans, (SELECT count(*) FROM accounts) AS accounts,
              (SELECT count(*) FROM shared_text_updates) AS text_updates`,
      [f.planId],
    );
    return JSON.stringify(rows[0]);
  }

  /** A plausible value for a field, so that the hostile part is the only thing wrong with the request. */
  function plausible(name: string, schema: Schema): unknown {
    const s = resolve(schema);
    if (s.enum) return s.enum[0];
    if (/^(memberId|responsibleMemberId)$/.test(name)) return f.memberIds.professional;
    if (/accountId$/i.test(name)) return f.accountIds.coordinator;
    if (name === 'goalId') return ids.goalId;
    if (name === 'courseId') return ids.courseId;
    if (name === 'email') return 'fuzz.egenskap@fjordvik.example';
    if (name === 'baseRevision') return 0;
    if (name === 'startsAt') return '2027-01-10T09:00:00+01:00';
    if (name === 'completedOn') return '2026-01-15';
    if (name === 'givenOn') return '2026-11-30';
    if (name === 'memberIds') return [f.memberIds.professional];
    if (name === 'refreshToken') return 'r'.repeat(40);
    if (name === 'password') return 'et-langt-passord-1';
    if (s.example !== undefined) return s.example;
    if (s.type === 'number' || s.type === 'integer') return 1;
    if (s.type === 'boolean') return true;
    if (s.type === 'array') return [];
    if (s.properties) return baseBody(s);
    return 'Tekst';
  }
  function baseBody(schema: Schema): Record<string, unknown> {
    const s = resolve(schema);
    return Object.fromEntries((s.required ?? []).map((k) => [k, plausible(k, s.properties![k])]));
  }

  function concretePath(route: Route): string {
    const prefix = route.template.split('/{')[0];
    return route.template.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (name === 'planId') return f.planId;
      if (name === 'id') {
        if (prefix.startsWith('/api/accounts')) return f.accountIds.relative;
        if (prefix.startsWith('/api/needs')) return ids.needId;
        if (route.template.includes('/courses/')) return ids.courseId;
        if (route.template.includes('/completions/')) return ids.completionId;
        return ids.notificationId;
      }
      if (name === 'memberId') return f.memberIds.relative;
      if (name === 'consentId') return f.consentIds.relative;
      if (name === 'accountId') return f.accountIds.coordinator;
      return ids[name] ?? '7c9e6679-7425-40de-944b-e07fc1f90ae7';
    });
  }

  const clientFor = (route: Route): ApiClient =>
    route.template.startsWith('/api/plans') || route.template.startsWith('/api/invitations')
      ? f.clients.coordinator
      : f.clients.systemkoordinator;

  /** One hostile request for a route: the hostile part in its body, its query or its path. */
  type Hostile = { where: 'body' | 'query' | 'path'; field: string; what: string; path: string; body?: string };
  function hostileRequests(route: Route): fc.Arbitrary<Hostile> | null {
    const path = concretePath(route);
    const options: fc.Arbitrary<Hostile>[] = [];
    const hasBody = !['GET', 'HEAD'].includes(route.method);
    if (hasBody) {
      const schema = route.body ? resolve(route.body) : undefined;
      const base = schema ? baseBody(schema) : {};
      const props = Object.keys(schema?.properties ?? {});
      const field = props.length ? fc.oneof(fc.constantFrom(...props), fc.constant('extra')) : fc.constant('extra');
      options.push(
        fc.tuple(field, centralPart).map(([k, p]) => ({ where: 'body', field: k, what: p.what, path, body: withPart(base, k, p.json) })),
      );
      if (schema) {
        const unknownKey = text.filter((k) => k.length > 0 && !props.includes(k) && !['__proto__', 'constructor', 'prototype'].includes(k));
        options.push(
          fc.tuple(unknownKey, fc.jsonValue({ maxDepth: 2 })).map(([k, v]) => ({
            where: 'body',
            field: k,
            what: 'unknown field',
            path,
            body: withPart(base, k, JSON.stringify(v)),
          })),
        );
        const notNullable = props.filter((k) => schema.properties![k].nullable !== true);
        if (notNullable.length)
          options.push(
            fc.constantFrom(...notNullable).map((k) => ({ where: 'body', field: k, what: 'null', path, body: withPart(base, k, 'null') })),
          );
        const typed = props.flatMap((k) => {
          const arb = wrongTypeFor(schema.properties![k]);
          return arb
            ? [
                arb.map((v) => ({
                  where: 'body' as const,
                  field: k,
                  what: `wrong type ${JSON.stringify(v)}`,
                  path,
                  body: withPart(base, k, JSON.stringify(v)),
                })),
              ]
            : [];
        });
        if (typed.length) options.push(fc.oneof(...typed));
      }
    }
    for (const q of route.query) {
      const numeric = typeof q.schema?.default === 'number';
      const values = [hostileText(forbiddenUrlChar).map((v) => ({ what: 'text', qs: `${q.name}=${encodeURIComponent(v)}` }))];
      values.push(
        fc
          .tuple(text, text)
          .map(([a, b]) => ({ what: 'repeated', qs: `${q.name}=${encodeURIComponent(a)}&${q.name}=${encodeURIComponent(b)}` })),
      );
      if (numeric) values.push(hostileNumber.map((n) => ({ what: 'number', qs: `${q.name}=${String(n)}` })));
      values.push(fc.constant({ what: 'unknown parameter zz', qs: 'zz=1' }));
      options.push(
        fc
          .oneof(...values)
          .map(({ what, qs }) => ({ where: 'query', field: what === 'unknown parameter zz' ? 'zz' : q.name, what, path: `${path}?${qs}` })),
      );
    }
    for (const p of route.path) {
      const real = concretePath({ ...route, template: `{${p.name}}` });
      const bad = fc.oneof(
        hostileText(forbiddenUrlChar),
        fc.uuid().filter((u) => u !== real),
        text.filter((s) => s.length > 0 && s !== '.' && s !== '..'),
        fc.constantFrom("1' OR '1'='1", '00000000-0000-0000-0000-000000000000'),
      );
      options.push(
        bad.map((v) => ({
          where: 'path',
          field: p.name,
          what: `path ${JSON.stringify(v)}`,
          path: route.template
            .replace(`{${p.name}}`, encodeURIComponent(v))
            .replace(/\{(\w+)\}/g, (_, n: string) => concretePath({ ...route, template: `{${n}}` })),
          body: hasBody ? JSON.stringify(route.body ? baseBody(route.body) : {}) : undefined,
        })),
      );
    }
    return options.length ? fc.oneof(...options) : null;
  }

  it('walks every route in the OpenAPI document', () => {
    expect(routes.length).toBeGreaterThan(50);
    // Closing a meeting and reopening it are walked like every other route.
    expect(routes.map((r) => `${r.method} ${r.template}`)).toEqual(
      expect.arrayContaining([
        'POST /api/plans/{planId}/meetings/{meetingId}/close',
        'POST /api/plans/{planId}/meetings/{meetingId}/reopen',
      ]),
    );
    const withoutInput = routes.filter((r) => !hostileRequests(r)).map((r) => `${r.method} ${r.template}`);
    // Only GET routes that read nothing from the request have nothing to be hostile with.
    expect(withoutInput.every((r) => r.startsWith('GET '))).toBe(true);
  });

  it('every REST route refuses hostile input with a 4xx naming the field, writes nothing, and the node lives on', async () => {
    for (const route of routes) {
      const arb = hostileRequests(route);
      if (!arb) continue;
      const client = clientFor(route);
      await fc.assert(
        fc.asyncProperty(arb, async (h) => {
          const before = await writes();
          const res = await client.request(route.method, h.path, h.body);
          const seen = { route: `${route.method} ${route.template}`, ...h, body: h.body?.slice(0, 200) };
          const refused = res.status >= 400 && res.status < 500 && typeof res.body?.code === 'string';
          expect({ ...seen, refused, status: res.status, answer: refused ? undefined : res.body }).toEqual({
            ...seen,
            refused: true,
            status: res.status,
            answer: undefined,
          });
          if (h.where !== 'path' && res.status === 400 && Array.isArray(res.body.details)) {
            const fields = (res.body.details as { field: string }[]).map((d) => d.field);
            expect({ ...seen, fields }).toEqual({
              ...seen,
              fields: expect.arrayContaining([expect.stringMatching(new RegExp(`^${escape(h.field)}(\\.|$)`))]) as string[],
            });
          }
          expect(await writes()).toBe(before);
        }),
        FC,
      );
    }
    expect((await app.client.get('/health')).status).toBe(200);
    expect(app.api.process.exitCode).toBeNull();
  }, 600_000);

  // ---------------------------------------------------------------- the socket

  type ClientEvent = (typeof CLIENT_EVENTS)[number];
  let socket: TestSocket;
  beforeAll(async () => {
    socket = await connectSocket(app.api.url, f.clients.coordinator.accessToken);
    await expectOk(socket, 'plan:join', { planId: f.planId, sinceRevision: null });
  }, 30_000);
  afterAll(() => socket?.close());

  /** A valid payload for every event of the contract (the type makes a new event fail to compile until it is here). */
  const EVENTS: { [E in ClientEvent]: { payload(): Parameters<ClientToServerEvents[E]>[0]; nullable: string[] } } = {
    'plan:join': { payload: () => ({ planId: f.planId, sinceRevision: 0 }), nullable: ['sinceRevision'] },
    'plan:leave': { payload: () => ({ planId: f.planId }), nullable: [] },
    'plan:events': { payload: () => ({ planId: f.planId, afterRevision: 0, toRevision: 1 }), nullable: [] },
    'plan:command': { payload: () => COMMANDS['goal.create'].command(), nullable: [] },
    'presence:update': {
      payload: () => ({ planId: f.planId, focus: { entityType: 'goal', entityId: ids.goalId, mode: 'viewing', field: 'title' } }),
      nullable: ['focus'],
    },
    'presence:heartbeat': { payload: () => ({ planId: f.planId }), nullable: [] },
    'text:open': { payload: () => ({ ...minutes(), sync: 'AAA=' }), nullable: [] },
    'text:update': { payload: () => ({ ...minutes(), update: 'AAA=' }), nullable: [] },
    'text:cursor': { payload: () => ({ ...minutes(), anchor: 'AAA=', head: 'AAA=' }), nullable: ['anchor', 'head'] },
    'text:settle': { payload: () => minutes(), nullable: [] },
    'text:close': { payload: () => minutes(), nullable: [] },
    'text:post': { payload: () => ({ planId: f.planId, clientMutationId: 'hostile-post' }), nullable: [] },
  };
  const minutes = () => ({ planId: f.planId, entityType: 'meeting' as const, entityId: ids.meetingId, field: 'minutes' });

  /** A valid command of every type, with the REST DTO whose schema its fields follow. */
  const COMMANDS: { [T in PlanCommandType]: { command(): Extract<PlanCommand, { type: T }>; fields?: string; dto?: string } } = {
    'plan.update': {
      command: () => ({ type: 'plan.update', planId: f.planId, baseRevision: 0, patch: { title: 'T' } }),
      fields: 'patch',
      dto: 'UpdatePlanDto',
    },
    'plan.setStatus': { command: () => ({ type: 'plan.setStatus', planId: f.planId, status: 'active' }) },
    'goal.create': {
      command: () => ({ type: 'goal.create', planId: f.planId, goal: { title: 'M' } }),
      fields: 'goal',
      dto: 'CreateGoalDto',
    },
    'goal.update': {
      command: () => ({ type: 'goal.update', planId: f.planId, goalId: ids.goalId, baseRevision: 0, patch: { title: 'M' } }),
      fields: 'patch',
      dto: 'UpdateGoalDto',
    },
    'goal.delete': { command: () => ({ type: 'goal.delete', planId: f.planId, goalId: ids.goalId }) },
    'goal.restore': { command: () => ({ type: 'goal.restore', planId: f.planId, goalId: ids.goalId }) },
    'goal.reorder': { command: () => ({ type: 'goal.reorder', planId: f.planId, goalIds: [ids.goalId] }) },
    'task.create': {
      command: () => ({ type: 'task.create', planId: f.planId, task: { title: 'T' } }),
      fields: 'task',
      dto: 'CreateTaskDto',
    },
    'task.update': {
      command: () => ({ type: 'task.update', planId: f.planId, taskId: ids.taskId, baseRevision: 0, patch: { title: 'T' } }),
      fields: 'patch',
      dto: 'UpdateTaskDto',
    },
    'task.delete': { command: () => ({ type: 'task.delete', planId: f.planId, taskId: ids.taskId }) },
    'task.restore': { command: () => ({ type: 'task.restore', planId: f.planId, taskId: ids.taskId }) },
    'task.reorder': { command: () => ({ type: 'task.reorder', planId: f.planId, taskIds: [ids.taskId] }) },
    'meeting.update': {
      command: () => ({ type: 'meeting.update', planId: f.planId, meetingId: ids.meetingId, baseRevision: 0, patch: { title: 'M' } }),
      fields: 'patch',
      dto: 'UpdateMeetingDto',
    },
  };

  /**
   * A hostile part at one field of a payload, or of its nested fields object (a command's patch,
   * goal or task, whose schema is the REST DTO's), as frame text.
   */
  function hostilePayload(base: () => Record<string, unknown>, nullable: string[], nested?: { key: string; dto: string }) {
    const top = Object.keys(base()).filter((k) => k !== 'type');
    const nestedSchema = nested ? schemas[nested.dto] : undefined;
    const slots = [
      ...top.map((key) => ({ inNested: false, key })),
      ...Object.keys(nestedSchema?.properties ?? {}).map((key) => ({ inNested: true, key })),
      { inNested: false, key: 'zzUnknown' },
      ...(nested ? [{ inNested: true, key: 'zzUnknown' }] : []),
    ];
    return fc.constantFrom(...slots).chain(({ inNested, key }) => {
      const parts: fc.Arbitrary<Part>[] = [centralPart];
      if (key === 'zzUnknown') parts.push(fc.constant({ what: 'unknown field', json: '"x"' }));
      else {
        const schema = inNested ? nestedSchema!.properties![key] : undefined;
        if (!(inNested ? schema!.nullable === true : nullable.includes(key))) parts.push(fc.constant({ what: 'null', json: 'null' }));
        // The envelope's fields are ids, revisions, objects and arrays: none of these is any of them.
        const wrong = schema ? wrongTypeFor(schema) : fc.constantFrom<unknown>(1.5, 'x', true, []);
        if (wrong) parts.push(wrong.map((v) => ({ what: `wrong type ${JSON.stringify(v)}`, json: JSON.stringify(v) })));
      }
      return fc.oneof(...parts).map((part) => {
        const payload = base();
        const inner = withPart(inNested ? (payload[nested!.key] as Record<string, unknown>) : payload, key, part.json);
        const frame = inNested ? withPart(payload, nested!.key, inner) : inner;
        return { field: inNested ? `${nested!.key}.${key}` : key, what: part.what, frame };
      });
    });
  }

  async function expectRefusedFrame(event: string, h: { field: string; what: string; frame: string }): Promise<void> {
    const before = await writes();
    const res = await emitFrameWithAck(socket, event, h.frame);
    const seen = { event, field: h.field, what: h.what, frame: h.frame.slice(0, 200) };
    expect({ ...seen, ok: res.ok, code: res.ok ? undefined : res.error.code }).toEqual({ ...seen, ok: false, code: 'validation_failed' });
    expect(await writes()).toBe(before);
  }

  describe.each(CLIENT_EVENTS.filter((e) => e !== 'plan:command'))('socket event %s', (event) => {
    fcIt.prop(
      [fc.constant(null).chain(() => hostilePayload(() => EVENTS[event].payload() as Record<string, unknown>, EVENTS[event].nullable))],
      FC,
    )('refuses hostile payloads with an error ack and writes nothing', async (h) => expectRefusedFrame(event, h));
  });

  describe.each(Object.keys(COMMANDS) as PlanCommandType[])('socket plan:command %s', (type) => {
    const spec = COMMANDS[type];
    fcIt.prop(
      [
        fc
          .constant(null)
          .chain(() =>
            hostilePayload(
              () => spec.command() as unknown as Record<string, unknown>,
              [],
              spec.fields ? { key: spec.fields, dto: spec.dto! } : undefined,
            ),
          ),
      ],
      FC,
    )('refuses hostile commands with an error ack and writes nothing', async (h) => expectRefusedFrame('plan:command', h));
  });

  it('after all of it the socket is connected, the node healthy, and valid input still works', async () => {
    expect(socket.connected).toBe(true);
    expect((await app.client.get('/health')).status).toBe(200);
    await expectOk(socket, 'plan:join', { planId: f.planId, sinceRevision: null });
    const res = await f.clients.coordinator.post(`/api/plans/${f.planId}/goals`, { title: 'Fortsatt i live' });
    expect(res.status).toBe(201);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
