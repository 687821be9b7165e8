/**
 * GET /metrics: Prometheus text for one api node. Plan edits are counted by entity type and
 * outcome from the one write path (REST and socket alike), committed edits are timed, open
 * sockets are a gauge, and METRICS_TOKEN, when set, is the only way in.
 */
import { eventually, expectOk, useSockets, useTestApp, type ApiClient, type TestResponse } from '#testing';
import { createPlanFixture, type PlanFixture } from './fixtures/plan-fixture';

const METRICS_TOKEN = 'scrape-token-for-the-metrics-test-0123';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of an exposition text (comments skipped). */
function parseSamples(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[key] = value;
    samples.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return samples;
}

class Scrape {
  readonly samples: Sample[];
  constructor(readonly text: string) {
    this.samples = parseSamples(text);
  }
  /** The sum of the samples of `name` whose labels include `labels`. */
  value(name: string, labels: Record<string, string> = {}): number {
    return this.samples
      .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
      .reduce((sum, s) => sum + s.value, 0);
  }
  has(name: string): boolean {
    return this.samples.some((s) => s.name === name);
  }
}

describe('GET /metrics', () => {
  const app = useTestApp({ METRICS_TOKEN });
  const openSocket = useSockets();
  let f: PlanFixture;
  beforeAll(async () => {
    f = await createPlanFixture(app, 'Metrikk-planen');
  }, 60_000);

  const url = (path = '') => `/api/plans/${f.planId}${path}`;
  const scrapeRaw = (headers: Record<string, string> = { authorization: `Bearer ${METRICS_TOKEN}` }): Promise<TestResponse> =>
    app.client.anonymous().get('/metrics', headers);
  const scrape = async (): Promise<Scrape> => {
    const res = await scrapeRaw();
    expect(res.status).toBe(200);
    return new Scrape(res.body as string);
  };
  const edits = (s: Scrape, entityType: string, outcome: string) =>
    s.value('fellesplan_plan_edits_total', { entity_type: entityType, outcome });
  const revisionNow = async (client: ApiClient = f.clients.coordinator) => (await client.get(url())).body.revision as number;

  it('refuses a scrape without the token, or with a wrong one, in the standard error body', async () => {
    const missing = await scrapeRaw({});
    expect(missing.status).toBe(401);
    expect(missing.body).toMatchObject({ statusCode: 401, code: 'unauthenticated' });
    expect(typeof missing.body.message).toBe('string');
    const wrong = await scrapeRaw({ authorization: `Bearer ${METRICS_TOKEN}x` });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ statusCode: 401, code: 'token_invalid' });
    // An account's access token is not a metrics token.
    expect((await scrapeRaw({ authorization: `Bearer ${f.clients.coordinator.accessToken}` })).status).toBe(401);
  });

  it('serves Prometheus text with the token, outside the /api prefix, with the default process metrics', async () => {
    const res = await scrapeRaw();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const s = new Scrape(res.body as string);
    expect(s.has('fellesplan_process_cpu_user_seconds_total')).toBe(true);
    expect(s.has('fellesplan_nodejs_eventloop_lag_seconds')).toBe(true);
    expect(s.text).toContain('# TYPE fellesplan_plan_edits_total counter');
    expect(s.text).toContain('# TYPE fellesplan_plan_edit_duration_seconds histogram');
    expect(s.text).toContain('# TYPE fellesplan_sockets gauge');
    expect((await app.client.anonymous().get('/api/metrics', { authorization: `Bearer ${METRICS_TOKEN}` })).status).not.toBe(200);
  });

  it('counts plan edits by entity type and outcome, from REST and socket alike, and times each committed one', async () => {
    const before = await scrape();
    const socket = await openSocket(app.api.url, f.clients.professional.accessToken);

    // Committed: two goals over REST, one over the socket.
    const first = await f.clients.coordinator.post(url('/goals'), { title: 'Lage middag selv', description: 'To ganger i uka' });
    expect(first.status).toBe(201);
    expect((await f.clients.person.post(url('/goals'), { title: 'Ta bussen til skolen' })).status).toBe(201);
    await expectOk(socket, 'plan:command', { type: 'goal.create', planId: f.planId, goal: { title: 'Trene på svømming' } });
    const goalId = first.body.entityId as string;
    const base = first.body.revision as number;
    expect((await f.clients.person.patch(url(`/goals/${goalId}`), { baseRevision: base, title: 'Lage middag med venner' })).status).toBe(
      200,
    );
    // Conflict: the only field sent was changed by someone else since base; nothing is written.
    const conflict = await f.clients.coordinator.patch(url(`/goals/${goalId}`), { baseRevision: base, title: 'Lage frokost' });
    expect(conflict.status).toBe(409);
    const revisionAfterConflict = await revisionNow();
    // Partly applied (one field conflicts, the other is saved): a revision is taken, so committed.
    const partial = await f.clients.coordinator.patch(url(`/goals/${goalId}`), {
      baseRevision: base,
      title: 'Lage lunsj',
      description: 'Tre ganger i uka',
    });
    expect(partial.status).toBe(409);
    expect(partial.body.details.revision).toBe(revisionAfterConflict + 1);
    // Replayed: the same client mutation id twice.
    const retry = { title: 'Søke om støttekontakt', clientMutationId: `metrics-${Date.now()}` };
    expect((await f.clients.person.post(url('/tasks'), retry)).status).toBe(201);
    expect((await f.clients.person.post(url('/tasks'), retry)).body.replayed).toBe(true);
    // Refused: someone who is not a member (not found, a domain error).
    expect((await f.clients.outsider.post(url('/goals'), { title: 'Ikke min plan' })).status).toBe(404);

    const after = await scrape();
    const delta = (entityType: string, outcome: string) => edits(after, entityType, outcome) - edits(before, entityType, outcome);
    expect({
      goalCommitted: delta('goal', 'committed'),
      goalConflict: delta('goal', 'conflict'),
      goalRefused: delta('goal', 'refused'),
      taskCommitted: delta('task', 'committed'),
      taskReplayed: delta('task', 'replayed'),
    }).toEqual({ goalCommitted: 5, goalConflict: 1, goalRefused: 1, taskCommitted: 1, taskReplayed: 1 });

    // Every committed edit, and only those, is in the latency histogram: the fixture's too.
    const committed = (s: Scrape) => s.value('fellesplan_plan_edits_total', { outcome: 'committed' });
    const timed = (s: Scrape) => s.value('fellesplan_plan_edit_duration_seconds_count');
    expect(committed(after) - committed(before)).toBe(6);
    expect(timed(after) - timed(before)).toBe(6);
    expect(timed(after)).toBe(committed(after));
    expect(after.value('fellesplan_plan_edit_duration_seconds_bucket', { le: '+Inf' })).toBe(timed(after));
    expect(after.value('fellesplan_plan_edit_duration_seconds_sum')).toBeGreaterThan(0);
  });

  it('shows the sockets open on the node: 1 while one is connected, 0 once it has closed', async () => {
    const sockets = async () => (await scrape()).value('fellesplan_sockets');
    expect(await sockets()).toBe(0);
    const socket = await openSocket(app.api.url, f.clients.person.accessToken);
    await eventually(async () => (await sockets()) === 1);
    socket.close();
    await eventually(async () => (await sockets()) === 0);
  });

  it('times HTTP requests by method and status class, never by URL', async () => {
    await f.clients.person.get(url());
    await f.clients.person.get('/api/no-such-route');
    const s = await scrape();
    const http = s.samples.filter((x) => x.name === 'fellesplan_http_request_duration_seconds_count');
    expect(s.value('fellesplan_http_request_duration_seconds_count', { method: 'GET', status_class: '2xx' })).toBeGreaterThan(0);
    expect(s.value('fellesplan_http_request_duration_seconds_count', { method: 'GET', status_class: '4xx' })).toBeGreaterThan(0);
    expect(s.value('fellesplan_http_request_duration_seconds_count', { method: 'PATCH', status_class: '4xx' })).toBeGreaterThan(0);
    for (const sample of http) expect(Object.keys(sample.labels).sort()).toEqual(['method', 'status_class']);
    expect(s.text).not.toContain(f.planId);
  });
});

describe('GET /metrics without METRICS_TOKEN', () => {
  const app = useTestApp();

  it('is open to a scraper without credentials', async () => {
    const res = await app.client.anonymous().get('/metrics');
    expect(res.status).toBe(200);
    expect(new Scrape(res.body as string).has('fellesplan_sockets')).toBe(true);
  });
});
