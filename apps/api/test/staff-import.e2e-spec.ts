/**
 * Staff accounts kept by koordinerende enhet: the CSV import (preview, per-row errors, duplicates,
 * nothing half-imported), its clear refusals (malformed, not UTF-8, over 1 MB), the directory
 * fields, and that only accounts.manage may do any of it.
 */
import { ApiClient, useTestApp, type Json } from '#testing';
import { DEMO_PASSWORD, demoAccount } from '../src/database/seed/demo-accounts';

describe('staff accounts', () => {
  const app = useTestApp();
  let sk: ApiClient;
  beforeAll(async () => {
    sk = await app.login(demoAccount('fjordvik', 'systemkoordinator').email, DEMO_PASSWORD);
  });

  const stamp = () => `${process.pid}${Date.now()}`;
  const upload = (client: ApiClient, csv: string | Buffer, commit = false) =>
    fetch(`${app.api.url}/api/accounts/import${commit ? '?commit=true' : ''}`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', ...(client.accessToken ? { authorization: `Bearer ${client.accessToken}` } : {}) },
      body: csv,
    }).then(async (res) => ({ status: res.status, body: (await res.json()) as Json }));
  const emailsInTenant = async () =>
    new Set(((await sk.get('/api/accounts?limit=200')).body.items as { email: string }[]).map((a) => a.email));

  it('previews a good file, then creates every account in it with its directory fields', async () => {
    const s = stamp();
    const csv = `navn;e-post;telefon;rolle;tjeneste;organisasjon\r\nFrida Fysio;frida.${s}@fjordvik.example;400 11 111;fagperson;Fysioterapi;Fjordvik kommune\r\n"Nils ""NAV"" Nilsen";nils.${s}@fjordvik.example;;professional;Oppfølging;NAV Fjordvik\r\n`;
    const preview = await upload(sk, csv);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ valid: 2, invalid: 0, created: 0 });
    expect(preview.body.rows[1]).toMatchObject({ line: 3, name: 'Nils "NAV" Nilsen', role: 'professional', organisation: 'NAV Fjordvik' });
    expect((await emailsInTenant()).has(`frida.${s}@fjordvik.example`)).toBe(false);

    const done = await upload(sk, csv, true);
    expect(done.body).toMatchObject({ created: 2 });
    const list = await sk.get(`/api/accounts?q=${encodeURIComponent(`frida.${s}`)}`);
    expect(list.body.items[0]).toMatchObject({
      name: 'Frida Fysio',
      role: 'professional',
      service: 'Fysioterapi',
      organisation: 'Fjordvik kommune',
      phone: '400 11 111',
    });
  });

  it('reports each bad and duplicate row and creates nothing from a file with any of them', async () => {
    const s = stamp();
    const csv = [
      'name,email,role,service',
      `God Rad,god.${s}@fjordvik.example,coordinator,Koordinering`,
      `,tom.${s}@fjordvik.example,coordinator,`,
      `Feil Post,ikke-en-adresse,coordinator,`,
      `Innbygger,innbygger.${s}@fjordvik.example,citizen,`,
      `God Rad igjen,god.${s}@fjordvik.example,coordinator,`,
      `Kari Igjen,${demoAccount('fjordvik', 'coordinator').email},coordinator,`,
    ].join('\n');
    const res = await upload(sk, csv, true);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ valid: 1, invalid: 5, created: 0 });
    expect(res.body.rows.map((r: { errors: string[] }) => r.errors)).toEqual([
      [],
      ['name_missing'],
      ['email_invalid'],
      ['role_invalid'],
      ['duplicate_in_file'],
      ['email_taken'],
    ]);
    expect((await emailsInTenant()).has(`god.${s}@fjordvik.example`)).toBe(false);
  });

  it.each([
    ['a quote never closed', 'name,email,role\n"Åpen,a@fjordvik.example,coordinator\n', /quote is never closed/],
    ['a row with too many fields', 'name,email,role\nA,b@fjordvik.example,coordinator,extra\n', /Line 2: 4 fields/],
    ['no header with the needed columns', 'fornavn,adresse\nA,b\n', /"name" is missing/],
    ['only a header', 'name,email,role\n', /no rows/],
    ['an empty file', '', /empty/],
  ])('refuses a malformed file (%s) with a clear 400', async (_what, csv, message) => {
    const before = await emailsInTenant();
    const res = await upload(sk, csv, true);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('csv_invalid');
    expect(res.body.message).toMatch(message);
    expect(await emailsInTenant()).toEqual(before);
  });

  it('refuses a file that is not UTF-8 (Windows-1252), and one over 1 MB', async () => {
    const latin1 = Buffer.from('name,email,role\nBjørn Ås,bjorn@fjordvik.example,coordinator\n', 'latin1');
    const wrong = await upload(sk, latin1, true);
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ code: 'csv_invalid', message: expect.stringMatching(/not UTF-8/) });
    const big = `name,email,role\n${'A,a@fjordvik.example,coordinator\n'.repeat(40_000)}`;
    expect(Buffer.byteLength(big)).toBeGreaterThan(1024 * 1024);
    const tooBig = await upload(sk, big, true);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body).toMatchObject({ code: 'csv_invalid', message: 'The file is larger than 1 MB' });
  });

  it('lets only accounts.manage import, and nobody without a login', async () => {
    const csv = 'name,email,role\nA,a.b@fjordvik.example,coordinator\n';
    for (const who of ['coordinator', 'professional', 'citizen'] as const) {
      const client = await app.login(demoAccount('fjordvik', who).email, DEMO_PASSWORD);
      expect((await upload(client, csv)).status).toBe(403);
    }
    expect((await upload(app.client, csv)).status).toBe(401);
  });

  it('changes role and directory fields, and disabling ends the sessions at once', async () => {
    const s = stamp();
    const created = await sk.post('/api/accounts', {
      email: `ny.${s}@fjordvik.example`,
      name: 'Nora Ny',
      role: 'professional',
      service: 'Helsestasjon',
      organisation: 'Fjordvik kommune',
      password: DEMO_PASSWORD,
    });
    expect(created.body).toMatchObject({ service: 'Helsestasjon', organisation: 'Fjordvik kommune' });
    const nora = await app.login(`ny.${s}@fjordvik.example`, DEMO_PASSWORD);
    const changed = await sk.patch(`/api/accounts/${created.body.id}`, { role: 'coordinator', service: 'Koordinering' });
    expect(changed.body).toMatchObject({ role: 'coordinator', service: 'Koordinering' });
    expect((await sk.patch(`/api/accounts/${created.body.id}`, { disabled: true })).status).toBe(200);
    expect((await nora.get('/api/auth/me')).status).toBe(401);
  });
});
