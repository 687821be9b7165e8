/** Every migration, in order. A new migration is added here and reviewed like code. */
import { Foundation1764000000000 } from './1764000000000-foundation';
import { OidcLoginStates1764000000100 } from './1764000000100-oidc-login-states';
import { Plans1764000000200 } from './1764000000200-plans';
import { KoordinerendeEnhet1764000000300 } from './1764000000300-koordinerende-enhet';
import { SocketIoAttachments1764000000400 } from './1764000000400-socket-io-attachments';
import { AccountsPerTenant1764000000500 } from './1764000000500-accounts-per-tenant';
import { Outbox1764000000700 } from './1764000000700-outbox';
import { Exports1764000000900 } from './1764000000900-exports';
import { SignIn1764000001000 } from './1764000001000-sign-in';
import { SoftDeleteCommentsSeen1764000001100 } from './1764000001100-soft-delete-comments-seen';
import { PersonContact1764000001200 } from './1764000001200-person-contact';
import { ConsentRecords1764000001300 } from './1764000001300-consent-records';
import { MeetingClose1764000001400 } from './1764000001400-meeting-close';
import { SmsAttendance1764000001500 } from './1764000001500-sms-attendance';
import { Evaluations1764000001600 } from './1764000001600-evaluations';
import { SharedText1764000001700 } from './1764000001700-shared-text';
import { JournalDrafts1764000001800 } from './1764000001800-journal-drafts';
import { SharedTextSettling1764000001900 } from './1764000001900-shared-text-settling';

export const MIGRATIONS = [
  Foundation1764000000000,
  OidcLoginStates1764000000100,
  Plans1764000000200,
  KoordinerendeEnhet1764000000300,
  SocketIoAttachments1764000000400,
  AccountsPerTenant1764000000500,
  Outbox1764000000700,
  Exports1764000000900,
  SignIn1764000001000,
  SoftDeleteCommentsSeen1764000001100,
  PersonContact1764000001200,
  ConsentRecords1764000001300,
  MeetingClose1764000001400,
  SmsAttendance1764000001500,
  Evaluations1764000001600,
  SharedText1764000001700,
  JournalDrafts1764000001800,
  SharedTextSettling1764000001900,
];
