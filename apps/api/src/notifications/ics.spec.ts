import { buildIcs, meetingUid } from './ics';

const base = {
  method: 'REQUEST' as const,
  uid: meetingUid('5e4efbfb-41f1-4926-b3c1-3053f10f5650'),
  sequence: 0,
  start: new Date('2026-03-03T08:00:00.000Z'),
  summary: 'Ansvarsgruppemøte (Fellesplan)',
  organizer: { name: 'Fellesplan', email: 'ikke-svar@fellesplan.local' },
  attendee: { name: 'Kari Nilsen', email: 'kari@fjordvik.example' },
  stamp: new Date('2026-02-01T12:00:00.000Z'),
};

const unfold = (ics: string) => ics.replace(/\r\n /g, '');

describe('buildIcs', () => {
  it('writes a METHOD:PUBLISH entry to download without organizer or attendee', () => {
    const { organizer: _o, attendee: _a, ...rest } = base;
    const lines = unfold(buildIcs({ ...rest, method: 'PUBLISH', sequence: 2 })).split('\r\n');
    expect(lines).toEqual(expect.arrayContaining(['METHOD:PUBLISH', 'SEQUENCE:2', 'STATUS:CONFIRMED']));
    expect(lines.filter((l) => /^(ORGANIZER|ATTENDEE)/.test(l))).toEqual([]);
  });

  it('writes a METHOD:REQUEST invitation with a stable UID, SEQUENCE and UTC times, lines ended by CRLF', () => {
    const ics = buildIcs(base);
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.split('\r\n').slice(0, 5)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Fellesplan//Ansvarsgruppemote//NB',
      'CALSCALE:GREGORIAN',
      'METHOD:REQUEST',
    ]);
    const lines = unfold(ics).split('\r\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'UID:meeting-5e4efbfb-41f1-4926-b3c1-3053f10f5650@fellesplan',
        'SEQUENCE:0',
        'DTSTAMP:20260201T120000Z',
        'DTSTART:20260303T080000Z',
        'DTEND:20260303T090000Z',
        'STATUS:CONFIRMED',
        'ORGANIZER;CN="Fellesplan":mailto:ikke-svar@fellesplan.local',
      ]),
    );
  });

  it('a cancellation keeps the UID, with its own SEQUENCE and STATUS:CANCELLED', () => {
    const lines = unfold(buildIcs({ ...base, method: 'CANCEL', sequence: 3 })).split('\r\n');
    expect(lines).toEqual(expect.arrayContaining(['METHOD:CANCEL', 'SEQUENCE:3', 'STATUS:CANCELLED', `UID:${base.uid}`]));
  });

  it('escapes text values and quotes names in parameters', () => {
    const lines = unfold(
      buildIcs({ ...base, location: 'Rådhuset; møterom 2, 3. etg\nInngang B', attendee: { name: 'Ola "Olsen"', email: 'o@x.no' } }),
    ).split('\r\n');
    expect(lines).toContain('LOCATION:Rådhuset\\; møterom 2\\, 3. etg\\nInngang B');
    expect(lines.find((l) => l.startsWith('ATTENDEE'))).toContain(`CN="Ola 'Olsen'"`);
  });

  it('folds lines longer than 75 octets without splitting a character', () => {
    const ics = buildIcs({ ...base, description: 'æøå'.repeat(60) });
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(unfold(ics)).toContain(`DESCRIPTION:${'æøå'.repeat(60)}`);
    expect(ics).not.toContain('\uFFFD');
  });
});
