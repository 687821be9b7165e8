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
};
const OTHER = {
  inviterName: 'Kari Nilsen',
  assignedBy: 'Kari Nilsen',
  appointedBy: 'Sigrid Sandvik',
  dueDate: '2026-03-03',
  evaluationDate: '2026-04-01',
  startsAt: '2026-03-03T08:00:00.000Z',
  location: 'Rådhuset',
  needKind: 'both',
};

describe('notification texts', () => {
  describe.each(['nb', 'en'] as const)('in %s', (locale) => {
    it.each([...NOTIFICATION_KINDS])('%s: an e-mail holds no plan content and no person', (kind) => {
      const mail = mailText(kind, { ...CONTENT, ...OTHER }, locale, 'Europe/Oslo');
      expect(mail.subject.length).toBeGreaterThan(0);
      for (const value of Object.values(CONTENT)) {
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

  it('escapes HTML in mails and digests', () => {
    const single = singleMail({ subject: 's', line: '<b>x</b>' }, 'https://x/"a"', 'https://x/s', 'nb');
    expect(single.html).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(single.html).toContain('https://x/&quot;a&quot;');
    const digest = digestMail([{ text: { subject: 's', line: '<i>' }, link: 'https://x' }], 'https://x/s', 'en');
    expect(digest.subject).toBe("Today's notifications from Fellesplan (1)");
    expect(digest.html).toContain('&lt;i&gt;');
  });
});
