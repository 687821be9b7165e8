/**
 * Consent given outside the app (orally, or on paper in the first meeting), recorded by the
 * coordinator or by the person or a guardian, with the scanned paper if there is one; what a plan
 * still needs of consent; the coordinator's reminder to the person; and what a member who waits
 * may know. Recording goes through the one write path (revision, event, audit) like any consent;
 * the person revokes a recorded consent like any other (ConsentService.revoke).
 */
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In, IsNull, Not } from 'typeorm';
import {
  CONSENT_DOCUMENT_MAX_BYTES,
  CONSENT_REMINDER_INTERVAL_HOURS,
  PLAN_PERMISSIONS,
  planRoleMay,
  type ChangeResult,
  type ConsentDocumentMeta,
  type ConsentReminderResult,
  type ConsentStatusView,
  type ConsentWaitView,
  type PersonReach,
  type RecordedConsentView,
} from '#contracts';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { BadRequest, Conflict, DomainError, NotFound, TooManyRequests } from '../errors/domain-error';
import { PlanMember } from '../members/plan-member.entity';
import { localDate } from '../notifications/local-time';
import { NotificationsService, type CreatedNotification } from '../notifications/notifications.service';
import { CoordinationConfig } from '../overview/coordination.config';
import { PlanAccessService } from '../plans/plan-access.service';
import { PlanWriter } from '../plans/plan-writer.service';
import { Plan } from '../plans/plan.entity';
import { checkDocument, declaredDocumentType } from './consent-document';
import { consentMissing, consentNeedsOf, ROLES_GIVING_CONSENT, ROLES_NEEDING_CONSENT } from './consent-needs';
import { Consent } from './consent.entity';
import type { RecordConsentDto } from './dto/consent.dto';

const REMINDER_MS = CONSENT_REMINDER_INTERVAL_HOURS * 3600_000;

export interface ConsentDocument {
  contentType: ConsentDocumentMeta['contentType'];
  sha256: string;
  data: Buffer;
}

@Injectable()
export class ConsentRecordsService {
  private readonly logger = new Logger('ConsentRecords');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly writer: PlanWriter,
    private readonly access: PlanAccessService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly config: CoordinationConfig,
  ) {}

  /** Records consent given orally or on paper: to the plan and/or to members seeing it, as one record. */
  record(actor: Actor, planId: string, dto: RecordConsentDto): Promise<ChangeResult<RecordedConsentView>> {
    if (!dto.plan && dto.memberIds.length === 0) throw new BadRequest('Say what the consent covers: the plan, members, or both');
    if (dto.givenOn > localDate(this.config.NOTIFICATION_TIME_ZONE)) throw new BadRequest('givenOn cannot be in the future');
    if (dto.givenOn < '1900-01-01') throw new BadRequest('givenOn is too far back');
    return this.writer.change(
      actor,
      planId,
      { action: 'consent.record', entityType: 'consent', clientMutationId: dto.clientMutationId },
      async ({ tx, plan }) => {
        const members = dto.memberIds.length
          ? await tx.getRepository(PlanMember).findBy({ id: In(dto.memberIds), planId, status: Not('removed') })
          : [];
        if (members.length !== dto.memberIds.length) throw new NotFound('Member');
        const wrong = members.find((m) => !ROLES_NEEDING_CONSENT.includes(m.role));
        if (wrong)
          throw new BadRequest(`A ${wrong.role} needs no consent to see the plan`, [
            { field: 'memberIds', message: 'not a relative or professional' },
          ]);
        const consents = tx.getRepository(Consent);
        const inForce = await consents.findBy({ planId, revokedAt: IsNull() });
        const recordId = randomUUID();
        const recordedAt = new Date();
        // The day it was given; noon UTC is that same day in Norway.
        const givenAt = new Date(`${dto.givenOn}T12:00:00.000Z`);
        const targets: { kind: Consent['kind']; memberId: string | null }[] = [
          ...(dto.plan && !inForce.some((c) => c.kind === 'plan') ? [{ kind: 'plan' as const, memberId: null }] : []),
          ...members
            .filter((m) => !inForce.some((c) => c.kind === 'member_access' && c.memberId === m.id))
            .map((m) => ({ kind: 'member_access' as const, memberId: m.id })),
        ];
        if (!targets.length) return { entityId: recordId, op: 'recorded', patch: {}, result: { recordId, consentIds: [] } };
        const made = await consents.save(
          targets.map((t) =>
            consents.create({
              planId,
              kind: t.kind,
              memberId: t.memberId,
              form: dto.form,
              givenAt,
              givenByAccountId: null,
              givenByName: plan.personName,
              note: dto.note ?? '',
              recordId,
              recordedByAccountId: actor.accountId,
              recordedByName: actor.name,
              recordedAt,
            }),
          ),
        );
        const activates = made.some((c) => c.kind === 'plan') && plan.status === 'draft';
        if (activates) await tx.getRepository(Plan).update({ id: planId }, { status: 'active' });
        const memberIds = made.filter((c) => c.memberId).map((c) => c.memberId as string);
        return {
          entityId: recordId,
          op: 'recorded',
          patch: {
            recordId,
            form: dto.form,
            givenOn: dto.givenOn,
            givenByName: plan.personName,
            recordedByName: actor.name,
            note: dto.note ?? '',
            consents: made.map((c) => ({ id: c.id, kind: c.kind, memberId: c.memberId })),
            ...(made.some((c) => c.kind === 'plan') ? { kind: 'plan' } : {}),
            memberIds,
            ...(activates ? { planStatus: 'active' } : {}),
          },
          result: { recordId, consentIds: made.map((c) => c.id) },
        };
      },
    );
  }

  /**
   * Keeps the scanned paper of a record. Authorized first (nothing is read from a caller who may
   * not), then the declared type, the size and the bytes; only a whole, honest file is stored.
   */
  async attachDocument(
    actor: Actor,
    planId: string,
    recordId: string,
    contentType: string | undefined,
    contentLength: number | null,
    read: (limit: number) => Promise<Buffer>,
  ): Promise<ChangeResult> {
    await this.access.authorize(actor, planId, 'consent.record');
    const declared = declaredDocumentType(contentType);
    if (!declared) throw new DomainError('unsupported_media_type', 415, 'Send the scan as application/pdf, image/png or image/jpeg');
    if (contentLength !== null && contentLength > CONSENT_DOCUMENT_MAX_BYTES) throw tooLarge();
    const bytes = await read(CONSENT_DOCUMENT_MAX_BYTES);
    if (bytes.length > CONSENT_DOCUMENT_MAX_BYTES) throw tooLarge();
    const checked = checkDocument(declared, bytes);
    if (!checked.ok) throw new DomainError('document_invalid', 400, checked.reason);
    return this.writer.change(actor, planId, { action: 'consent.record', entityType: 'consent' }, async ({ tx }) => {
      const covered = await tx.getRepository(Consent).countBy({ planId, recordId });
      if (!covered) throw new NotFound('Consent record');
      const inserted = (await tx.query(
        `INSERT INTO consent_documents (record_id, plan_id, content_type, byte_size, sha256, data, uploaded_by_account_id, uploaded_by_name)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (record_id) DO NOTHING RETURNING uploaded_at`,
        [recordId, planId, checked.contentType, bytes.length, checked.sha256, bytes, actor.accountId, actor.name],
      )) as { uploaded_at: Date }[];
      if (!inserted.length) throw new Conflict('This record already has its document');
      const document: ConsentDocumentMeta = {
        contentType: checked.contentType,
        size: bytes.length,
        sha256: checked.sha256,
        uploadedAt: inserted[0].uploaded_at.toISOString(),
        uploadedByName: actor.name,
      };
      return { entityId: recordId, op: 'document_attached', patch: { recordId, document } };
    });
  }

  /** The scanned paper, for those who may read consent; every download is audited. */
  async document(actor: Actor, planId: string, recordId: string): Promise<ConsentDocument> {
    await this.access.authorize(actor, planId, 'consent.read');
    const [row] = (await this.db.query(`SELECT content_type, sha256, data FROM consent_documents WHERE record_id = $1 AND plan_id = $2`, [
      recordId,
      planId,
    ])) as { content_type: ConsentDocument['contentType']; sha256: string; data: Buffer }[];
    if (!row) throw new NotFound('Consent document');
    await this.audit.record(
      {
        tenantId: actor.tenantId,
        actorAccountId: actor.accountId,
        planId,
        action: 'consent.document.read',
        targetType: 'consent',
        targetId: recordId,
        details: { sha256: row.sha256 },
      },
      actor,
    );
    return { contentType: row.content_type, sha256: row.sha256, data: row.data };
  }

  /** What consent the plan still needs, who waits, and whether a reminder may go now. */
  async status(actor: Actor, planId: string): Promise<ConsentStatusView> {
    const { member } = await this.access.authorize(actor, planId, 'consent.read');
    const needs = (await consentNeedsOf(this.db.manager, [planId])).get(planId)!;
    const waitingMembers = (await this.db.query(
      `SELECT m.id, m.name, m.role, m.created_at FROM plan_members m
        WHERE m.plan_id = $1 AND m.status = 'active' AND m.role = ANY($2)
          AND NOT EXISTS (SELECT 1 FROM consents c WHERE c.member_id = m.id AND c.kind = 'member_access' AND c.revoked_at IS NULL)
        ORDER BY m.created_at, m.id`,
      [planId, ROLES_NEEDING_CONSENT],
    )) as { id: string; name: string; role: ConsentStatusView['waitingMembers'][number]['role']; created_at: Date }[];
    const last = await this.lastReminder(planId);
    const next = last ? new Date(last.getTime() + REMINDER_MS) : null;
    return {
      ...needs,
      waitingMembers: waitingMembers.map((m) => ({ memberId: m.id, name: m.name, role: m.role, since: m.created_at.toISOString() })),
      lastReminderAt: last?.toISOString() ?? null,
      nextReminderAt: next?.toISOString() ?? null,
      mayRemind:
        planRoleMay(member.role, 'consent.remind') &&
        needs.personReach === 'account' &&
        consentMissing(needs) &&
        (!next || next.getTime() <= Date.now()),
    };
  }

  /**
   * The coordinator reminds the person (and guardians) that consent is missing: an in-app
   * notification and an e-mail by their preference, with no plan content in the mail. At most one
   * per plan per CONSENT_REMINDER_INTERVAL_HOURS (429 with when to try again); audited.
   */
  async remind(actor: Actor, planId: string): Promise<ConsentReminderResult> {
    await this.access.authorize(actor, planId, 'consent.remind');
    const { created, result } = await this.db.transaction(async (tx) => {
      // One reminder at a time per plan: the plan row is the lock.
      const [plan] = (await tx.query(`SELECT id, title, person_name FROM plans WHERE id = $1 AND tenant_id = $2 FOR UPDATE`, [
        planId,
        actor.tenantId,
      ])) as { id: string; title: string; person_name: string }[];
      if (!plan) throw new NotFound('Plan');
      const needs = (await consentNeedsOf(tx, [planId])).get(planId)!;
      if (!consentMissing(needs)) throw new Conflict('Nothing waits for consent in this plan');
      const last = await this.lastReminder(planId, tx);
      if (last && Date.now() - last.getTime() < REMINDER_MS) {
        const retry = Math.ceil((last.getTime() + REMINDER_MS - Date.now()) / 1000);
        throw new TooManyRequests(
          `The person was reminded ${last.toISOString()}; the next reminder can go in ${Math.ceil(retry / 3600)} h`,
          retry,
        );
      }
      const givers = (await tx.query(
        `SELECT m.account_id FROM plan_members m JOIN accounts a ON a.id = m.account_id AND a.disabled_at IS NULL
          WHERE m.plan_id = $1 AND m.status = 'active' AND m.role = ANY($2)`,
        [planId, ROLES_GIVING_CONSENT],
      )) as { account_id: string }[];
      if (!givers.length)
        throw new Conflict('Nobody who can give consent can log in: record the consent given orally or on paper', {
          personReach: needs.personReach,
        });
      const sentAt = new Date();
      const today = localDate(this.config.NOTIFICATION_TIME_ZONE, sentAt);
      const made: CreatedNotification[] = [];
      for (const g of givers) {
        await tx.query(
          `INSERT INTO sent_reminders (kind, target_id, recipient, due_on, sent_at) VALUES ('consent_reminder', $1, $2, $3, $4)
           ON CONFLICT (kind, target_id, recipient, due_on) DO UPDATE SET sent_at = EXCLUDED.sent_at`,
          [planId, g.account_id, today, sentAt],
        );
        const n = await this.notifications.create(tx, {
          tenantId: actor.tenantId,
          recipient: { accountId: g.account_id },
          kind: 'consent_reminder',
          params: { planTitle: plan.title, coordinatorName: actor.name, waiting: String(needs.waiting) },
          link: `/planer/${planId}?vis=folk#consent`,
          planId,
          dedupeKey: `consent_reminder:${planId}:${g.account_id}:${sentAt.toISOString()}`,
        });
        if (n) made.push(n);
      }
      await this.audit.record(
        {
          tenantId: actor.tenantId,
          actorAccountId: actor.accountId,
          planId,
          action: 'consent.reminder_sent',
          targetType: 'plan',
          targetId: planId,
          details: { recipients: givers.length, waiting: needs.waiting, planConsent: needs.planConsent },
        },
        actor,
        tx,
      );
      return {
        created: made,
        result: {
          sentAt: sentAt.toISOString(),
          recipients: givers.length,
          nextReminderAt: new Date(sentAt.getTime() + REMINDER_MS).toISOString(),
        },
      };
    });
    this.logger.log(`consent reminder for plan ${planId} to ${result.recipients} recipient(s)`);
    this.notifications.deliverSoon(created);
    return result;
  }

  /** For a member who waits for consent: why, who gives it, who can help. Metadata only. */
  async waiting(actor: Actor, planId: string): Promise<ConsentWaitView> {
    const [row] = (await this.db.query(
      `SELECT p.id, p.title, p.person_name, m.role, m.created_at,
              EXISTS (SELECT 1 FROM consents c WHERE c.member_id = m.id AND c.kind = 'member_access' AND c.revoked_at IS NULL) AS consent,
              (SELECT c.name FROM plan_members c WHERE c.plan_id = p.id AND c.role = 'coordinator' AND c.status = 'active' LIMIT 1) AS coordinator_name
         FROM plans p JOIN plan_members m ON m.plan_id = p.id AND m.account_id = $3 AND m.status = 'active'
        WHERE p.id = $1 AND p.tenant_id = $2`,
      [planId, actor.tenantId, actor.accountId],
    )) as {
      id: string;
      title: string;
      person_name: string;
      role: PlanMember['role'];
      created_at: Date;
      consent: boolean;
      coordinator_name: string | null;
    }[];
    if (!row) throw new NotFound('Plan');
    const needs = (await consentNeedsOf(this.db.manager, [planId])).get(planId)!;
    const last = await this.lastReminder(planId);
    const reach: PersonReach = needs.personReach;
    return {
      planId,
      title: row.title,
      personName: row.person_name,
      waiting: PLAN_PERMISSIONS[row.role].requiresConsent && !row.consent,
      coordinatorName: row.coordinator_name,
      since: row.created_at.toISOString(),
      personReach: reach,
      lastReminderAt: last?.toISOString() ?? null,
    };
  }

  private async lastReminder(planId: string, manager: Pick<DataSource, 'query'> = this.db): Promise<Date | null> {
    const [row] = (await manager.query(`SELECT max(sent_at) AS at FROM sent_reminders WHERE kind = 'consent_reminder' AND target_id = $1`, [
      planId,
    ])) as { at: Date | null }[];
    return row?.at ?? null;
  }
}

function tooLarge(): DomainError {
  return new DomainError('payload_too_large', 413, 'The scan is larger than 10 MB');
}
