/**
 * A closed meeting is read-only: its minutes were approved by the coordinator. One rule, checked on
 * every change of a meeting's content (REST, the socket's 'meeting.update', and any editor of its
 * free text), inside the write path's transaction so that a close committed meanwhile is seen.
 */
import { DomainError } from '../errors/domain-error';
import type { Meeting } from './meeting.entity';

export class MeetingClosed extends DomainError {
  constructor(message = 'The meeting is closed and its minutes are approved; the coordinator can reopen it for a correction') {
    super('meeting_closed', 409, message);
  }
}

/** Throws `409 meeting_closed` when the meeting is closed. Pure: callers pass the row they read in their transaction. */
export function assertMeetingOpen(meeting: Pick<Meeting, 'closedAt'>): void {
  if (meeting.closedAt) throw new MeetingClosed();
}
