/**
 * Notifications, in the app and by e-mail to a real SMTP server started here: invitation, task
 * assigned, meeting scheduled/moved/cancelled with an .ics invitation, mention; preferences
 * (off, daily digest); and the log fallback when no SMTP server is configured. A node killed right
 * after the commit of a change that tells someone loses nothing: another node carries out the
 * change's outbox message, once.
 */
import type { ParsedMail } from 'mailparser';
import { Client } from 'pg';
import { ApiClient, eventually, recipientOf, startApiProcess, startSmtp, useTestApp, type TestSmtp } from '#testing';
import { DEMO_PASSWORD, demoAccount } from '../src/database/seed/demo-accounts';

const PASSWORD = 'Et-langt-passord-2026';
const PUBLIC_URL = 'https://fellesplan.test';

const icsOf = (m: ParsedMail) => m.attachments.find((a) => a.filename?.endsWith('.ics'))?.content.toString('utf8') ?? '';
const icsField = (ics: string, name: string) => new RegExp(`^${name}[:;](.*)$`, 'm').exec(ics.replace(/\r\n /g, ''))?.[1]?.trim();

describe('notifications', () => {
  let smtp: TestSmtp;
  const env: Record<string, string> = { REMINDER_INTERVAL_SECONDS: '0', DIGEST_HOUR: '0', PUBLIC_URL, OUTBOX_POLL_MS: '300' };
  // Registered before useTestApp's own beforeAll, so the api starts with SMTP_URL set.
  beforeAll(async () => {
    smtp = await startSmtp();
    env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
  });
  afterAll(async () => {
    await smtp.close();
  });
  const app = useTestApp(env);

  let admin: ApiClient;

  async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
    const db = new Client({ connectionString: app.databaseUrl });
    await db.connect();
    try {
      return (await db.query(text, params)).rows as T[];
    } finally {
      await db.end();
    }
  }

  interface Person {
    id: string;
    email: string;
    name: string;
    client: ApiClient;
  }

  let counter = 0;
  async function newAccount(name: string, role: string): Promise<Person> {
    const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${Date.now()}.${counter++}@fjordvik.example`;
    const res = await admin.post('/api/accounts', { email, name, role, password: PASSWORD });
    expect(res.status).toBe(201);
    return { id: res.body.id, email, name, client: await app.login(email, PASSWORD) };
  }

  /** A plan made by a fresh coordinator for a fresh citizen (both active members). */
  async function newPlan(title: string) {
    const coordinator = await newAccount('Kåre Koordinator', 'coordinator');
    const person = await newAccount('Lise Lund', 'citizen');
    const res = await coordinator.client.post('/api/plans', { title, personName: person.name, personAccountId: person.id });
    expect(res.status).toBe(201);
    const plan = res.body.plan;
    const memberId = (accountId: string) => plan.members.find((m: { accountId: string }) => m.accountId === accountId).id as string;
    return {
      planId: plan.id as string,
      coordinator,
      person,
      personMemberId: memberId(person.id),
      coordinatorMemberId: memberId(coordinator.id),
    };
  }

  const mailsTo = (address: string) => smtp.mails.filter((m) => recipientOf(m) === address);
  const waitForMail = (address: string, subject: string | RegExp) =>
    eventually(async () =>
      mailsTo(address).find((m) => (typeof subject === 'string' ? m.subject === subject : subject.test(m.subject ?? ''))),
    );
  const waitForNotification = (client: ApiClient, kind: string) =>
    eventually(async () => (await client.get('/api/notifications')).body.items.find((n: { kind: string }) => n.kind === kind));

  beforeAll(async () => {
    admin = await app.login(demoAccount('fjordvik', 'systemkoordinator').email, DEMO_PASSWORD);
  });

  it('an invitation is e-mailed with its one-time link, and the link is never stored', async () => {
    const { planId, coordinator } = await newPlan('Invitasjonsplan');
    const email = `ny.deltaker.${Date.now()}@example.org`;
    const res = await coordinator.client.post(`/api/plans/${planId}/members`, { email, name: 'Nora Ny', role: 'relative' });
    expect(res.status).toBe(201);
    const token = String(res.body.invitationUrl).split('/invitasjon/')[1];
    expect(token).toBeTruthy();
    const mail = await waitForMail(email, 'Du er invitert til å delta i en individuell plan');
    expect(mail.text).toContain(`${PUBLIC_URL}/invitasjon/${token}`);
    expect(mail.text).toContain('Kåre Koordinator');
    expect(mail.text).not.toContain('Invitasjonsplan');
    // The server has the mail before the api has heard back from it and marked the row sent.
    const rows = await eventually(async () => {
      const found = await sql<{ row: string; email_status: string }>(
        `SELECT n::text AS row, email_status FROM notifications n WHERE email = $1`,
        [email],
      );
      return found[0]?.email_status !== 'pending' && found;
    });
    expect(rows).toHaveLength(1);
    expect(rows[0].email_status).toBe('sent');
    expect(rows[0].row).not.toContain(token);
  });

  it('a task given to someone tells them in the app, and by an e-mail that holds no plan content', async () => {
    const { planId, coordinator, person, personMemberId, coordinatorMemberId } = await newPlan('Lises plan');
    const res = await coordinator.client.post(`/api/plans/${planId}/tasks`, {
      title: 'Øve på å gå til butikken',
      responsibleMemberId: personMemberId,
      dueDate: '2030-05-01',
    });
    expect(res.status).toBe(201);
    const n = await waitForNotification(person.client, 'task_assigned');
    expect(n).toMatchObject({
      title: 'Nytt tiltak til deg: Øve på å gå til butikken',
      planId,
      link: `/planer/${planId}/tiltak/${res.body.entityId}`,
    });
    expect(n.body).toContain('Kåre Koordinator');
    const mail = await waitForMail(person.email, 'Du har fått ansvar for et tiltak');
    expect(mail.text).toContain(`${PUBLIC_URL}/planer/${planId}/tiltak/${res.body.entityId}`);
    for (const secret of ['Øve på å gå til butikken', 'Lises plan', 'Lise Lund']) expect(mail.text).not.toContain(secret);
    expect(mail.html).not.toContain('butikken');

    // Nobody is told about their own change.
    await coordinator.client.post(`/api/plans/${planId}/tasks`, { title: 'Ringe skolen', responsibleMemberId: coordinatorMemberId });
    const second = await coordinator.client.post(`/api/plans/${planId}/tasks`, {
      title: 'Kontrolltiltak',
      responsibleMemberId: personMemberId,
    });
    await eventually(async () => (await person.client.get('/api/notifications')).body.items.length === 2);
    const own = await coordinator.client.get('/api/notifications');
    expect(own.body.items.filter((x: { kind: string }) => x.kind === 'task_assigned')).toEqual([]);
    expect(second.status).toBe(201);
  });

  it('a task given on a node that dies right after the commit is told once, by another node', async () => {
    const { planId, coordinator, person, personMemberId } = await newPlan('Planen på noden som døde');
    // This node kills itself right after committing a new task, before anything that follows the commit.
    const dying = await startApiProcess(app.databaseUrl, { ...env, TEST_KILL_AFTER_COMMIT: 'task.created' });
    const exited = new Promise((resolve) => dying.process.once('exit', resolve));
    const title = 'Søke om støttekontakt';
    const outcome = await new ApiClient(dying.url, coordinator.client.accessToken)
      .post(`/api/plans/${planId}/tasks`, { title, responsibleMemberId: personMemberId })
      .then(
        (r) => r.status,
        () => 'no answer',
      );
    expect(outcome).toBe('no answer');
    await exited;
    expect(dying.process.signalCode).toBe('SIGKILL');
    const plan = await coordinator.client.get(`/api/plans/${planId}`);
    const task = (plan.body.tasks as { id: string; title: string }[]).find((t) => t.title === title);
    expect(task).toBeDefined();

    const n = await waitForNotification(person.client, 'task_assigned');
    expect(n).toMatchObject({ title: `Nytt tiltak til deg: ${title}`, link: `/planer/${planId}/tiltak/${task!.id}` });
    await waitForMail(person.email, 'Du har fått ansvar for et tiltak');
    // Carried out once: nothing is left in the outbox, and one notification was made.
    await eventually(async () => (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM outbox`))[0].n === 0);
    const made = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM notifications WHERE account_id = $1 AND kind = 'task_assigned'`, [
      person.id,
    ]);
    expect(made[0].n).toBe(1);
    expect(mailsTo(person.email).filter((m) => m.subject === 'Du har fått ansvar for et tiltak')).toHaveLength(1);
  }, 60_000);

  it('a meeting sends a calendar invitation; moving it updates the same entry (same UID, higher SEQUENCE); deleting cancels it', async () => {
    const { planId, coordinator, person } = await newPlan('Møteplan');
    const startsAt = new Date(Date.now() + 7 * 86_400_000);
    startsAt.setUTCHours(8, 0, 0, 0);
    const created = await coordinator.client.post(`/api/plans/${planId}/meetings`, {
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 90 * 60_000).toISOString(),
      location: 'Fjordvik helsestasjon, møterom 2',
    });
    expect(created.status).toBe(201);
    const meetingId = created.body.entityId as string;

    const invite = await waitForMail(person.email, 'Invitasjon til ansvarsgruppemøte');
    const ics = icsOf(invite);
    expect(icsField(ics, 'METHOD')).toBe('REQUEST');
    expect(icsField(ics, 'UID')).toBe(`meeting-${meetingId}@fellesplan`);
    expect(icsField(ics, 'SEQUENCE')).toBe('0');
    expect(icsField(ics, 'DTSTART')).toBe(startsAt.toISOString().replace(/[-:]/g, '').replace('.000', ''));
    expect(icsField(ics, 'LOCATION')).toBe('Fjordvik helsestasjon\\, møterom 2');
    expect(icsField(ics, 'ATTENDEE')).toContain(`mailto:${person.email}`);
    expect(icsField(ics, 'ORGANIZER')).toContain('mailto:');
    // The calendar entry names neither the plan nor its person: calendars are shared widely.
    expect(icsField(ics, 'SUMMARY')).toBe('Ansvarsgruppemøte (Fellesplan)');
    expect(ics).not.toContain('Møteplan');
    expect(invite.text).toContain('møterom 2');
    expect((await waitForNotification(person.client, 'meeting_scheduled')).link).toBe(`/planer/${planId}/moter/${meetingId}`);

    const later = new Date(startsAt.getTime() + 2 * 3_600_000);
    const moved = await coordinator.client.patch(`/api/plans/${planId}/meetings/${meetingId}`, {
      baseRevision: created.body.revision,
      startsAt: later.toISOString(),
      endsAt: new Date(later.getTime() + 3_600_000).toISOString(),
    });
    expect(moved.status).toBe(200);
    const update = await waitForMail(person.email, 'Ansvarsgruppemøtet er endret');
    const ics2 = icsOf(update);
    expect(icsField(ics2, 'UID')).toBe(`meeting-${meetingId}@fellesplan`);
    expect(icsField(ics2, 'SEQUENCE')).toBe('1');
    expect(icsField(ics2, 'DTSTART')).toBe(later.toISOString().replace(/[-:]/g, '').replace('.000', ''));

    expect((await coordinator.client.delete(`/api/plans/${planId}/meetings/${meetingId}`)).status).toBe(200);
    const cancel = await waitForMail(person.email, 'Ansvarsgruppemøtet er avlyst');
    const ics3 = icsOf(cancel);
    expect(icsField(ics3, 'METHOD')).toBe('CANCEL');
    expect(icsField(ics3, 'UID')).toBe(`meeting-${meetingId}@fellesplan`);
    expect(icsField(ics3, 'SEQUENCE')).toBe('2');
    // The one who made the changes is not invited to their own meeting by mail.
    expect(mailsTo(coordinator.email)).toEqual([]);
  });

  it('a comment that mentions someone tells them; the mail does not quote the comment', async () => {
    const { planId, coordinator, person } = await newPlan('Kommentarplan');
    const res = await person.client.post(`/api/plans/${planId}/journal`, {
      body: 'Gikk til butikken i dag! @Kåre Koordinator kan du ringe fysio?',
    });
    expect(res.status).toBe(201);
    const n = await waitForNotification(coordinator.client, 'mention');
    expect(n.title).toBe('Lise Lund nevnte deg');
    expect(n.body).toContain('kan du ringe fysio?');
    const mail = await waitForMail(coordinator.email, 'Du er nevnt i en kommentar');
    expect(mail.text).not.toContain('fysio');
    expect(mail.text).not.toContain('butikken');
  });

  describe('preferences', () => {
    it('start as "at once" for every kind, and are validated', async () => {
      const who = await newAccount('Pia Pref', 'professional');
      expect((await who.client.get('/api/notifications/preferences')).body).toEqual({
        default: 'immediate',
        kinds: {},
        sms: expect.objectContaining({ enabled: false, kinds: {} }),
      });
      const set = await who.client.put('/api/notifications/preferences', {
        default: 'digest',
        kinds: { task_overdue: 'immediate', mention: 'off' },
      });
      expect(set.status).toBe(200);
      expect(set.body).toMatchObject({ default: 'digest', kinds: { task_overdue: 'immediate', mention: 'off' } });
      expect(Object.keys(set.body.kinds)).toHaveLength(2);
      const reset = await who.client.put('/api/notifications/preferences', { kinds: { mention: null } });
      expect(reset.body).toMatchObject({ default: 'digest', kinds: { task_overdue: 'immediate' } });
      expect(Object.keys(reset.body.kinds)).toEqual(['task_overdue']);
      expect((await who.client.put('/api/notifications/preferences', { kinds: { invitation: 'off' } })).status).toBe(400);
      expect((await who.client.put('/api/notifications/preferences', { kinds: { task_assigned: 'hourly' } })).status).toBe(400);
      expect((await who.client.put('/api/notifications/preferences', { default: 'never' })).status).toBe(400);
      expect((await who.client.put('/api/notifications/preferences', { kinds: [] })).status).toBe(400);
    });

    it('off: the notification is in the app, and no e-mail is sent', async () => {
      const { planId, coordinator, person, personMemberId } = await newPlan('Stilleplan');
      await person.client.put('/api/notifications/preferences', { kinds: { task_assigned: 'off' } });
      await coordinator.client.post(`/api/plans/${planId}/tasks`, { title: 'Stille tiltak', responsibleMemberId: personMemberId });
      const n = await waitForNotification(person.client, 'task_assigned');
      const [row] = await sql<{ email_status: string }>('SELECT email_status FROM notifications WHERE id = $1', [n.id]);
      expect(row.email_status).toBe('off');
      // The reminder run sweeps the outbox: still nothing for this person.
      expect((await admin.post('/api/admin/reminders/run')).status).toBe(200);
      expect(mailsTo(person.email)).toEqual([]);
    });

    it('daily digest: nothing at once, then one mail with every notification (and its calendar invitation), once a day', async () => {
      const { planId, coordinator, person, personMemberId } = await newPlan('Samleplan');
      await person.client.put('/api/notifications/preferences', { default: 'digest' });
      await coordinator.client.post(`/api/plans/${planId}/tasks`, { title: 'Tiltak én', responsibleMemberId: personMemberId });
      await coordinator.client.post(`/api/plans/${planId}/tasks`, { title: 'Tiltak to', responsibleMemberId: personMemberId });
      await coordinator.client.post(`/api/plans/${planId}/meetings`, { startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString() });
      await eventually(async () => (await person.client.get('/api/notifications')).body.total === 3);
      const statuses = await sql<{ email_status: string }>('SELECT email_status FROM notifications WHERE account_id = $1', [person.id]);
      expect(statuses.map((s) => s.email_status)).toEqual(['digest', 'digest', 'digest']);
      expect(mailsTo(person.email)).toEqual([]);

      const run = await admin.post('/api/admin/reminders/run');
      expect(run.status).toBe(200);
      expect(run.body.digests).toBeGreaterThanOrEqual(1);
      const digests = mailsTo(person.email);
      expect(digests).toHaveLength(1);
      expect(digests[0].subject).toBe('Dagens varsler fra Fellesplan (3)');
      expect(digests[0].text?.match(/^- /gm)).toHaveLength(3);
      expect(digests[0].attachments.filter((a) => a.filename?.endsWith('.ics'))).toHaveLength(1);

      // Once a day: what comes after waits for tomorrow's digest.
      await coordinator.client.post(`/api/plans/${planId}/tasks`, { title: 'Tiltak tre', responsibleMemberId: personMemberId });
      await eventually(async () => (await person.client.get('/api/notifications')).body.total === 4);
      await admin.post('/api/admin/reminders/run');
      expect(mailsTo(person.email)).toHaveLength(1);
    });
  });

  describe('the in-app list', () => {
    it('marks one or all read, filters unread, and shows only my own', async () => {
      const { planId, coordinator, person, personMemberId } = await newPlan('Listeplan');
      for (const title of ['A', 'B', 'C']) {
        await coordinator.client.post(`/api/plans/${planId}/tasks`, { title, responsibleMemberId: personMemberId });
      }
      const list = await eventually(async () => {
        const res = await person.client.get('/api/notifications?limit=2');
        return res.body.total === 3 && res.body;
      });
      expect(list.items).toHaveLength(2);
      expect(list.unread).toBe(3);
      // Newest first.
      expect(list.items[0].title).toBe('Nytt tiltak til deg: C');

      expect((await coordinator.client.post(`/api/notifications/${list.items[0].id}/read`)).status).toBe(404);
      const read = await person.client.post(`/api/notifications/${list.items[0].id}/read`);
      expect(read.status).toBe(200);
      expect(read.body.readAt).toBeTruthy();
      const unread = await person.client.get('/api/notifications?unread=true');
      expect(unread.body).toMatchObject({ total: 2, unread: 2 });
      expect((await person.client.post('/api/notifications/read-all')).body).toEqual({ updated: 2 });
      expect((await person.client.get('/api/notifications')).body.unread).toBe(0);
      expect((await app.client.get('/api/notifications')).status).toBe(401);
    });
  });

  it('without SMTP_URL, mails are written to the log as JSON', async () => {
    const node = await startApiProcess(app.databaseUrl, { REMINDER_INTERVAL_SECONDS: '0', LOG_LEVEL: 'info' });
    try {
      const reporter = await new ApiClient(node.url).login(demoAccount('fjordvik', 'professional').email, DEMO_PASSWORD);
      const res = await reporter.post('/api/needs', {
        personName: 'Logg Test',
        kind: 'coordinator',
        description: 'Trenger koordinator.',
        reporterService: 'Hjemmetjenesten',
      });
      expect(res.status).toBe(201);
      const line = await eventually(async () =>
        node
          .output()
          .split('\n')
          .find((l) => l.includes('Ny melding om behov for IP eller koordinator')),
      );
      const entry = JSON.parse(line);
      const mail = JSON.parse(entry.msg);
      expect(mail).toMatchObject({ subject: 'Ny melding om behov for IP eller koordinator' });
      expect(mail.to[0].address).toBe(demoAccount('fjordvik', 'systemkoordinator').email);
      expect(JSON.stringify(mail)).not.toContain('Logg Test');
    } finally {
      await node.stop();
    }
    // A second api process: its start alone can take half a minute on a busy machine.
  }, 120_000);
});
