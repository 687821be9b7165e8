import { NOTIFICATION_KINDS } from '#contracts';
import { digestMail, inAppText, mailText, singleMail } from './templates';

/** Whatever is plan content or names the person: it may be in the app, never in an e-mail. */
const CONTENT = {
  taskTitle: 'TASK-TITLE',
  planTitle: 'PLAN-TITLE',
  personName: 'PERSON-NAME',
  meetingTitle: 'MEETING-TITLE',
  excerpt: 'COMMENT-TEXT',
  authorName: 'AUTHOR-NAME',
  reporterName: 'REPORTER-NAME',
  reporterService: 'REPORTER-SERVICE',
  decisions: JSON.stringify(['DECISION-TEXT']),
  tasks: JSON.stringify([{ title: 'NEW-TASK-TITLE', who: 'TASK-RESPONSIBLE', due: '2026-03-10' }]),
};
/** Markers inside the lists above, which must not reach a mail either. */
const LISTED = ['DECISION-TEXT', 'NEW-TASK-TITLE', 'TASK-RESPONSIBLE'];
const OTHER = {
  inviterName: 'Kari Nilsen',
  assignedBy: 'Kari Nilsen',
  appointedBy: 'Sigrid Sandvik',
  dueDate: '2026-03-03',
  evaluationDate: '2026-04-01',
  startsAt: '2026-03-03T08:00:00.000Z',
  location: 'Rådhuset',
  needKind: 'both',
  meetingStartsAt: '2026-03-03T08:00:00.000Z',
  decisionCount: '1',
  taskCount: '1',
  myTaskCount: '1',
  myFirstDue: '2026-03-10',
  nextStartsAt: '2026-04-07T07:00:00.000Z',
  nextLocation: 'Rådhuset',
};

describe('notification texts', () => {
  describe.each(['nb', 'en'] as const)('in %s', (locale) => {
    it.each([...NOTIFICATION_KINDS])('%s: an e-mail holds no plan content and no person', (kind) => {
      const mail = mailText(kind, { ...CONTENT, ...OTHER }, locale, 'Europe/Oslo');
      expect(mail.subject.length).toBeGreaterThan(0);
      for (const value of [...Object.values(CONTENT), ...LISTED]) {
        expect(mail.subject).not.toContain(value);
        expect(mail.line).not.toContain(value);
      }
    });

    it.each([...NOTIFICATION_KINDS])('%s: has an in-app title', (kind) => {
      expect(inAppText(kind, { ...CONTENT, ...OTHER }, locale, 'Europe/Oslo').title.length).toBeGreaterThan(0);
    });
  });

  it('shows meeting times in the municipality’s time zone', () => {
    const mail = mailText('meeting_scheduled', { startsAt: '2026-03-03T08:00:00.000Z', location: 'Rådhuset' }, 'nb', 'Europe/Oslo');
    expect(mail.line).toContain('09:00');
    expect(mail.line).toContain('Rådhuset');
  });

  it('sums up a closed meeting: everything in the app, only its shape and the next meeting in the e-mail', () => {
    const params = { ...CONTENT, ...OTHER, decisionCount: '2', taskCount: '1', myTaskCount: '0', myFirstDue: null };
    const inApp = inAppText('meeting_summary', params, 'nb', 'Europe/Oslo');
    expect(inApp.body).toContain('«DECISION-TEXT»');
    expect(inApp.body).toContain('NEW-TASK-TITLE (TASK-RESPONSIBLE, frist 10. mars 2026)');
    expect(inApp.body).toContain('Neste møte: ');
    const mail = mailText('meeting_summary', params, 'nb', 'Europe/Oslo');
    expect(mail.line).toContain('2 vedtak og 1 nytt tiltak');
    expect(mail.line).toContain('09:00');
    expect(mail.line).toContain('Rådhuset');
    expect(mail.line).not.toContain('Du har ansvar');
    expect(
      mailText('meeting_summary', { ...params, taskCount: '3', myTaskCount: '2', myFirstDue: '2026-03-10' }, 'en', 'Europe/Oslo').line,
    ).toContain('3 new tasks. You are responsible for 2 of them, first due');
    const none = mailText('meeting_closed', { ...CONTENT, ...OTHER }, 'nb', 'Europe/Oslo');
    expect(none.line).not.toContain('Rådhuset');
    expect(none.line).not.toContain('09:00');
  });

  it('escapes HTML in mails and digests', () => {
    const single = singleMail({ subject: 's', line: '<b>x</b>' }, 'https://x/"a"', 'https://x/s', 'nb');
    expect(single.html).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(single.html).toContain('https://x/&quot;a&quot;');
    const digest = digestMail([{ text: { subject: 's', line: '<i>' }, link: 'https://x' }], 'https://x/s', 'en');
    expect(digest.subject).toBe("Today's notifications from Fellesplan (1)");
    expect(digest.html).toContain('&lt;i&gt;');
  });
});
