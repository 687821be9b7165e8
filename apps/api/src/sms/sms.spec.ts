import { inboundNumber, normalizePhone } from './phone';
import { quietUntil, zonedInstant } from './quiet-hours';
import { MAX_SMS_LENGTH, replyKeyword, SMS_REPLIES, smsText } from './sms-templates';
import { NOTIFICATION_KINDS } from '#contracts';

describe('phone numbers', () => {
  it.each([
    ['912 34 567', '+4791234567'],
    ['91234567', '+4791234567'],
    ['+47 912 34 567', '+4791234567'],
    ['0047 41 23 45 67', '+4741234567'],
    ['47 41234567', '+4741234567'],
    ['+46 70-123 45 67', '+46701234567'],
    ['(+1) 202 555 0143', null],
    ['+1 202 555 0143', '+12025550143'],
  ])('%s → %s', (input, expected) => expect(normalizePhone(input)).toBe(expected));

  it.each(['', '12345', '+4701234567', '+47 1234 5678', '+479123456789', 'ring meg', '+0 123 456 78', '9'.repeat(40), '91234567x'])(
    'refuses %p',
    (input) => expect(normalizePhone(input)).toBeNull(),
  );

  it('reads the gateway sender by its type of number', () => {
    expect(inboundNumber('4791234567', 1)).toBe('+4791234567');
    expect(inboundNumber('91234567', 0)).toBe('+4791234567');
    expect(inboundNumber('12', 0)).toBeNull();
    expect(inboundNumber('Fellesplan', 5)).toBeNull();
  });
});

describe('quiet hours (21–08)', () => {
  const tz = 'Europe/Oslo';
  it('lets daytime through', () => {
    expect(quietUntil(tz, zonedInstant(tz, 2026, 12, 2, 8))).toBeNull();
    expect(quietUntil(tz, new Date(zonedInstant(tz, 2026, 12, 2, 21).getTime() - 1))).toBeNull();
  });
  it('holds the evening until 08:00 the next day, and the night until 08:00 the same day', () => {
    expect(quietUntil(tz, zonedInstant(tz, 2026, 12, 2, 21))).toEqual(zonedInstant(tz, 2026, 12, 3, 8));
    expect(quietUntil(tz, zonedInstant(tz, 2026, 12, 31, 23))).toEqual(zonedInstant(tz, 2027, 1, 1, 8));
    expect(quietUntil(tz, zonedInstant(tz, 2026, 12, 3, 3))).toEqual(zonedInstant(tz, 2026, 12, 3, 8));
    expect(zonedInstant(tz, 2026, 12, 3, 8).toISOString()).toBe('2026-12-03T07:00:00.000Z');
  });
  it('knows summer time', () => {
    expect(zonedInstant(tz, 2026, 7, 1, 8).toISOString()).toBe('2026-07-01T06:00:00.000Z');
    // The night the clocks go forward (29 March 2026, 02:00 → 03:00).
    expect(quietUntil(tz, new Date('2026-03-29T00:30:00Z'))!.toISOString()).toBe('2026-03-29T06:00:00.000Z');
  });
});

describe('SMS texts', () => {
  const params = {
    startsAt: '2026-12-03T09:00:00.000Z',
    dueDate: '2026-12-04',
    evaluationDate: '2026-12-10',
    taskTitle: 'Søke om BPA',
    planTitle: 'Ainas plan',
    meetingTitle: 'Ansvarsgruppemøte om rus',
    personName: 'Aina Lund',
    location: 'DPS Fjordvik',
  };
  it('the meeting reminder, as the issue words it', () => {
    expect(smsText('meeting_reminder', params, 'nb', 'Europe/Oslo')).toBe(
      'Du har et møte i Fellesplan i morgen kl. 10. Svar JA eller NEI.',
    );
    expect(smsText('meeting_reminder', { startsAt: '2026-12-03T09:30:00.000Z' }, 'nb', 'Europe/Oslo')).toContain('kl. 10.30.');
    expect(smsText('meeting_reminder', params, 'en', 'Europe/Oslo')).toContain('tomorrow at 10:00');
  });
  it.each(NOTIFICATION_KINDS.flatMap((k) => (['nb', 'en'] as const).map((l) => [k, l] as const)))(
    '%s (%s) fits one SMS and names no person, plan, task, meeting title or place',
    (kind, locale) => {
      const text = smsText(kind, params, locale, 'Europe/Oslo');
      expect(text.length).toBeGreaterThan(0);
      expect(text.length).toBeLessThanOrEqual(MAX_SMS_LENGTH);
      for (const secret of ['Søke', 'Aina', 'rus', 'DPS', 'plan «']) expect(text).not.toContain(secret);
    },
  );
  it('replies fit one SMS', () => {
    for (const l of ['nb', 'en'] as const)
      for (const t of Object.values(SMS_REPLIES[l])) expect(t.length).toBeLessThanOrEqual(MAX_SMS_LENGTH);
  });
  it('reads JA, NEI and STOPP however they are written', () => {
    expect(['Ja', 'ja!', ' JA takk', 'yes'].map(replyKeyword)).toEqual(['yes', 'yes', 'yes', 'yes']);
    expect(['Nei', 'nei.', 'NO'].map(replyKeyword)).toEqual(['no', 'no', 'no']);
    expect(['STOPP', 'stop', 'Stopp.'].map(replyKeyword)).toEqual(['stop', 'stop', 'stop']);
    expect(['Hei', '', 'jaså'].map(replyKeyword)).toEqual(['other', 'other', 'other']);
  });
});
