/**
 * iCalendar (RFC 5545) invitations for ansvarsgruppemøter, sent with METHOD:REQUEST (RFC 5546).
 * The UID is stable per meeting, so a moved meeting updates the same calendar entry; SEQUENCE
 * grows with each move so that calendars take the newest version.
 */

export interface CalendarInvite {
  /** REQUEST/CANCEL: an invitation to one attendee; PUBLISH: a calendar entry to download, to nobody in particular. */
  method: 'REQUEST' | 'CANCEL' | 'PUBLISH';
  uid: string;
  sequence: number;
  start: Date;
  /** Absent: one hour after the start. */
  end?: Date | null;
  summary: string;
  location?: string;
  description?: string;
  url?: string;
  /** Required for REQUEST and CANCEL. */
  organizer?: { name: string; email: string };
  attendee?: { name: string; email: string };
  /** When this version was made (DTSTAMP). */
  stamp?: Date;
}

const HOUR_MS = 3_600_000;

export function meetingUid(meetingId: string, domain = 'fellesplan'): string {
  return `meeting-${meetingId}@${domain}`;
}

export function buildIcs(invite: CalendarInvite): string {
  const end = invite.end ?? new Date(invite.start.getTime() + HOUR_MS);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Fellesplan//Ansvarsgruppemote//NB',
    'CALSCALE:GREGORIAN',
    `METHOD:${invite.method}`,
    'BEGIN:VEVENT',
    `UID:${invite.uid}`,
    `SEQUENCE:${invite.sequence}`,
    `DTSTAMP:${utc(invite.stamp ?? new Date())}`,
    `DTSTART:${utc(invite.start)}`,
    `DTEND:${utc(end)}`,
    `SUMMARY:${text(invite.summary)}`,
    ...(invite.location ? [`LOCATION:${text(invite.location)}`] : []),
    ...(invite.description ? [`DESCRIPTION:${text(invite.description)}`] : []),
    ...(invite.url ? [`URL:${invite.url}`] : []),
    ...(invite.organizer ? [`ORGANIZER;CN=${param(invite.organizer.name)}:mailto:${invite.organizer.email}`] : []),
    ...(invite.attendee
      ? [`ATTENDEE;CN=${param(invite.attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:${invite.attendee.email}`]
      : []),
    `STATUS:${invite.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}

/** 20260303T080000Z */
function utc(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** TEXT values escape backslash, semicolon, comma and newlines. */
function text(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Parameter values are quoted; quotes cannot appear inside them. */
function param(value: string): string {
  return `"${value.replace(/"/g, "'")}"`;
}

/** Lines longer than 75 octets continue on the next line after a space, never inside a UTF-8 character. */
function fold(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  let limit = 75;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (size + n > limit) {
      parts.push(current);
      current = '';
      size = 0;
      limit = 74; // the leading space counts
    }
    current += ch;
    size += n;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
