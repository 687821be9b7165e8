/**
 * Consent given outside the app, and what a plan still needs of consent.
 *
 * Routes (under /api, bearer token):
 *   POST /plans/:planId/consents/recorded  RecordConsentInput → ChangeResult<RecordedConsentView> (consent.record)
 *        the coordinator (or the person / a guardian) records consent given orally or on paper
 *   PUT  /plans/:planId/consents/records/:recordId/document   the scanned paper: raw body,
 *        Content-Type application/pdf | image/png | image/jpeg, at most CONSENT_DOCUMENT_MAX_BYTES,
 *        the bytes must be what the type says → ChangeResult (consent.record)
 *   GET  /plans/:planId/consents/records/:recordId/document   the scan (consent.read; audited)
 *   GET  /plans/:planId/consents/status    → ConsentStatusView (consent.read): what is missing, who waits
 *   POST /plans/:planId/consents/reminders → ConsentReminderResult (consent.remind): tell the person
 *   GET  /plans/:planId/consents/waiting   → ConsentWaitView: for a member without consent (metadata only)
 */
import type { ConsentDocumentMeta, ConsentForm } from './plans';
import type { PlanRole } from './roles';

/** Forms of consent given outside the app, recorded by someone. */
export const RECORDED_CONSENT_FORMS = ['oral', 'paper'] as const satisfies readonly ConsentForm[];
export type RecordedConsentForm = (typeof RECORDED_CONSENT_FORMS)[number];

export const CONSENT_DOCUMENT_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
] as const satisfies readonly ConsentDocumentMeta['contentType'][];
export type ConsentDocumentType = (typeof CONSENT_DOCUMENT_TYPES)[number];
export const CONSENT_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

/** A person may be reminded of consent once per this many hours per plan. */
export const CONSENT_REMINDER_INTERVAL_HOURS = 24;

export interface RecordConsentInput {
  form: RecordedConsentForm;
  /** The day it was given (YYYY-MM-DD), not in the future. */
  givenOn: string;
  /** Consent to the plan being made. */
  plan: boolean;
  /** Members (relatives, professionals) the person consented to seeing the plan. */
  memberIds: string[];
  note?: string;
  clientMutationId?: string;
}

export interface RecordedConsentView {
  recordId: string;
  /** The consents made (targets already in force are left as they were). */
  consentIds: string[];
}

export type PersonReach =
  /** The person or a guardian has an account and can give consent in the app. */
  | 'account'
  /** Invited by e-mail, not yet joined. */
  | 'invited'
  /** Nobody who can give consent can log in: record consent given on paper or orally. */
  | 'none';

/** What a plan still needs of consent (for those with consent.read). */
export interface ConsentNeeds {
  /** Consent to the plan being made is in force. */
  planConsent: boolean;
  /** Active relatives and professionals who wait for consent. */
  waiting: number;
  personReach: PersonReach;
}

export interface ConsentWaitingMember {
  memberId: string;
  name: string;
  role: PlanRole;
  /** When they joined the plan (since then they wait). */
  since: string;
}

export interface ConsentStatusView extends ConsentNeeds {
  waitingMembers: ConsentWaitingMember[];
  /** The last reminder to the person, and when the next may go. */
  lastReminderAt: string | null;
  nextReminderAt: string | null;
  /** May the caller send a reminder (consent.remind and someone to send it to). */
  mayRemind: boolean;
}

export interface ConsentReminderResult {
  sentAt: string;
  /** How many people were told (the person and guardians with an account). */
  recipients: number;
  nextReminderAt: string;
}

/** What a member who waits for consent may know: metadata only. */
export interface ConsentWaitView {
  planId: string;
  title: string;
  personName: string;
  /** False when consent is in force after all (reload the plan). */
  waiting: boolean;
  coordinatorName: string | null;
  since: string;
  personReach: PersonReach;
  lastReminderAt: string | null;
}
