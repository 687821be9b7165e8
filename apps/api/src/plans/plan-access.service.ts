/**
 * The one place that decides whether an account may do something in a plan: active membership,
 * the role's permission in the matrix (libs/contracts), the same tenant, and consent in force
 * where the role needs it. Deny by default; a plan in another tenant is simply not found.
 *
 * Every plan request and every edit passes here, so the checks are a single prepared statement
 * for a read (plan, membership and consent together) and two for a change (lock the plan row,
 * then membership, consent and an earlier application of the same client mutation, read after the
 * lock so that a revocation committed while we waited for it is seen), or one for a field edit
 * that takes no lock (`readForChange`; its write checks the revision instead).
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PLAN_PERMISSIONS, planRoleMay, type PlanAction } from '#contracts';
import type { Actor } from '../auth/actor';
import { requireAssurance } from '../auth/assurance';
import { EntityColumns, run, sql, type ContentRead, type Statement } from '../database/sql';
import { ConsentRequired, Forbidden, NotFound } from '../errors/domain-error';
import { PlanMember } from '../members/plan-member.entity';
import { Plan } from './plan.entity';

export interface PlanAccess {
  plan: Plan;
  member: PlanMember;
}

/** What the write path itself needs of the plan: a change that names its content row reads only these (`lockForChange`). */
export const PLAN_CORE = ['id', 'tenantId', 'revision', 'status'] as const;
export type PlanCore = Pick<Plan, (typeof PLAN_CORE)[number]>;
/** What authorizing a change needs of the membership (and what a content change is given of it). */
export const MEMBER_CORE = ['id', 'planId', 'accountId', 'role', 'status'] as const;
export type MemberCore = Pick<PlanMember, (typeof MEMBER_CORE)[number]>;

/** What a change needs to know once the plan row is locked. */
export interface ChangeAccess {
  /** The whole plan row, or only its core (PLAN_CORE) when the change named a content row. */
  plan: Plan | PlanCore;
  /** The actor's active membership, if any (not checked yet: see `check`); only MEMBER_CORE with a content row. */
  member: PlanMember | MemberCore | null;
  hasConsent: boolean;
  /** The revision and entity of an earlier application of the same client mutation. */
  replay: { revision: number; entityId: string } | null;
  /** The content row asked for (`lockForChange`'s `read`), read after the lock; null when none was asked for or found. */
  content: unknown;
}

/** What a socket join needs of an authorization: the plan's revision and the actor's seat in it. */
export interface SeatAccess {
  revision: number;
  member: Pick<PlanMember, 'id' | 'role'>;
}

interface Statements {
  plans: EntityColumns<Plan>;
  members: EntityColumns<PlanMember>;
  corePlans: EntityColumns<Plan>;
  coreMembers: EntityColumns<PlanMember>;
  /** The lock when the change names a content row: the plan's core columns only. */
  lockCore: Statement;
  /** The authorization read, in two parts, for statements that read more beside it. */
  readSelect: string;
  readFrom: string;
  read: Statement;
  /** The authorization read with only what a seat needs (fewer columns to describe and parse on every join). */
  seat: Statement;
  lock: Statement;
  /** The membership read after the lock (its core columns), in two parts, for statements that read more beside it. */
  coreMemberAndReplaySelect: string;
  memberAndReplayFrom: string;
  memberAndReplay: Statement;
}

const CONSENT_IN_FORCE = `m.id IS NOT NULL AND EXISTS (
  SELECT 1 FROM consents c WHERE c.member_id = m.id AND c.kind = 'member_access' AND c.revoked_at IS NULL)`;

/** Consent in force for the membership `m`, and an earlier application `e` of the same client mutation. */
const REPLAY_SELECT = `${CONSENT_IN_FORCE} AS consent, e.revision AS replay_revision, e.entity_id AS replay_entity_id`;

@Injectable()
export class PlanAccessService {
  private statements: Statements | null = null;
  private readonly readsWith = new Map<string, Statement>();
  private readonly changeReadsWith = new Map<string, Statement>();
  private readonly lockFreeReads = new Map<string, Statement>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Authorizes a read (or anything outside the write path). */
  async authorize(actor: Actor, planId: string, action: PlanAction, manager: EntityManager = this.db.manager): Promise<PlanAccess> {
    const s = this.prepared();
    const [row] = await run(manager, s.read, [planId, actor.tenantId, actor.accountId]);
    return this.authorized(actor, row, action);
  }

  /**
   * Authorizes a read as `authorize` does (the same membership, consent, tenant and assurance
   * checks), answering only with the plan's revision and the actor's seat: for a socket join.
   */
  async authorizeSeat(actor: Actor, planId: string, action: PlanAction): Promise<SeatAccess> {
    const s = this.prepared();
    const [row] = await run(this.db.manager, s.seat, [planId, actor.tenantId, actor.accountId]);
    if (!row) throw new NotFound('Plan');
    const member = row.member_id === null ? null : { id: row.member_id as string, role: row.member_role as PlanMember['role'] };
    this.check(member, row.consent === true, action);
    requireAssurance(actor);
    return { revision: row.revision as number, member: member! };
  }

  /**
   * Authorizes a read and, in the same statement (one snapshot, one round trip), reads more of the
   * plan: `columns` are select items over the plan `p` and the actor's membership `m` (e.g.
   * PlanRowsJson columns guarded by `PlanAccessService.MEMBER`), returned in `row`. `params` are
   * the columns' own, from $4 on.
   */
  async authorizeWith(
    actor: Actor,
    planId: string,
    action: PlanAction,
    columns: string,
    params: unknown[] = [],
  ): Promise<PlanAccess & { row: Record<string, unknown> }> {
    const s = this.prepared();
    let statement = this.readsWith.get(columns);
    if (!statement) this.readsWith.set(columns, (statement = sql(`${s.readSelect}, ${columns} ${s.readFrom}`)));
    const [row] = await run(this.db.manager, statement, [planId, actor.tenantId, actor.accountId, ...params]);
    return { ...this.authorized(actor, row, action), row };
  }

  /** SQL that holds in an `authorizeWith` statement when the actor is an active member (`m`). */
  static readonly MEMBER = 'm.id IS NOT NULL';

  private authorized(actor: Actor, row: Record<string, unknown> | undefined, action: PlanAction): PlanAccess {
    const s = this.prepared();
    const plan = row ? s.plans.hydrate(row, 'p') : null;
    if (!row || !plan) throw new NotFound('Plan');
    // Membership first (a plan the caller is not a member of is simply not found, whatever their
    // login strength), then the login strength the tenant asks of the role (carried in the token).
    const member = this.check(s.members.hydrate(row, 'm'), row.consent === true, action);
    requireAssurance(actor);
    return { plan, member };
  }

  /**
   * Inside a write transaction: locks the plan row (serializing revisions), then reads the actor's
   * membership, consent and whether `clientMutationId` was applied before, and in the same
   * statement the content row `read` names (the change's own row, as committed once we hold the
   * lock). With `read`, only the core columns of the plan and the membership are read: the plan's
   * free texts, field revisions and timestamps are parsed on every edit otherwise, for nothing.
   * Not yet authorized.
   */
  async lockForChange(
    tx: EntityManager,
    actor: Actor,
    planId: string,
    clientMutationId: string | null,
    read?: ContentRead<unknown>,
  ): Promise<ChangeAccess> {
    const s = this.prepared();
    const [locked] = await run(tx, read ? s.lockCore : s.lock, [planId, actor.tenantId]);
    const plan = locked ? (read ? s.corePlans : s.plans).hydrate(locked, 'p') : null;
    if (!plan) throw new NotFound('Plan');
    const params = [planId, actor.accountId, clientMutationId];
    const [row] = read
      ? await run(tx, this.memberAndReplayWith(read), [...params, ...read.params])
      : await run(tx, s.memberAndReplay, params);
    return this.changeAccess(plan, row, read ? s.coreMembers : s.members, read);
  }

  /**
   * For a change that takes no lock (`ChangeSpec.lockFree`): the plan's core, the actor's
   * membership, consent, an earlier application of `clientMutationId` and the `read` row, all in
   * one statement (one snapshot). Nothing is locked: the write that follows takes the next revision
   * only if the plan is still at this one (PlanWriter), so anything committed in between (a
   * revocation, a removal, another edit; each takes a revision) sends the change back here.
   * Not yet authorized.
   */
  async readForChange(actor: Actor, planId: string, clientMutationId: string | null, read: ContentRead<unknown>): Promise<ChangeAccess> {
    const s = this.prepared();
    let statement = this.lockFreeReads.get(read.key);
    if (!statement) {
      statement = sql(
        `SELECT ${s.corePlans.select('p')}, ${s.coreMembers.select('m')}, ${REPLAY_SELECT}, ${read.select}
           FROM plans p
           LEFT JOIN plan_members m ON m.plan_id = p.id AND m.account_id = $2 AND m.status = 'active'
           LEFT JOIN plan_events e ON e.plan_id = p.id AND e.actor_account_id = $2 AND e.client_mutation_id = $3
           ${read.join(5)}
          WHERE p.id = $1 AND p.tenant_id = $4`,
      );
      this.lockFreeReads.set(read.key, statement);
    }
    const [row] = await run(this.db.manager, statement, [planId, actor.accountId, clientMutationId, actor.tenantId, ...read.params]);
    const plan = row ? s.corePlans.hydrate(row, 'p') : null;
    if (!row || !plan) throw new NotFound('Plan');
    return this.changeAccess(plan, row, s.coreMembers, read);
  }

  /** A change's access from the row that read the membership, consent, replay and (with `read`) the content row. */
  private changeAccess(
    plan: ChangeAccess['plan'],
    row: Record<string, unknown>,
    members: EntityColumns<PlanMember>,
    read: ContentRead<unknown> | undefined,
  ): ChangeAccess {
    const replayRevision = row.replay_revision as number | null;
    return {
      plan,
      member: members.hydrate(row, 'm'),
      hasConsent: row.consent === true,
      replay: replayRevision === null ? null : { revision: replayRevision, entityId: row.replay_entity_id as string },
      content: read ? read.hydrate(row) : null,
    };
  }

  private memberAndReplayWith(read: ContentRead<unknown>): Statement {
    let statement = this.changeReadsWith.get(read.key);
    if (!statement) {
      const s = this.prepared();
      statement = sql(`${s.coreMemberAndReplaySelect}, ${read.select} ${s.memberAndReplayFrom} ${read.join(4)}`);
      this.changeReadsWith.set(read.key, statement);
    }
    return statement;
  }

  /** The membership if it allows the action; throws otherwise. A non-member learns nothing, not even that the plan exists. */
  check<M extends Pick<PlanMember, 'role'>>(member: M | null, hasConsent: boolean, action: PlanAction): M {
    if (!member) throw new NotFound('Plan');
    if (!planRoleMay(member.role, action)) throw new Forbidden(`Your role in this plan (${member.role}) may not do this (${action})`);
    if (PLAN_PERMISSIONS[member.role].requiresConsent && !hasConsent) throw new ConsentRequired();
    return member;
  }

  /** Whether the actor may do the action, without throwing (for shaping a response). */
  may(access: PlanAccess, action: PlanAction): boolean {
    return planRoleMay(access.member.role, action);
  }

  private prepared(): Statements {
    if (this.statements) return this.statements;
    const plans = new EntityColumns(this.db, Plan);
    const members = new EntityColumns(this.db, PlanMember);
    const readSelect = `SELECT ${plans.select('p')}, ${members.select('m')}, ${CONSENT_IN_FORCE} AS consent`;
    const corePlans = new EntityColumns(this.db, Plan, PLAN_CORE);
    const coreMembers = new EntityColumns(this.db, PlanMember, MEMBER_CORE);
    const replaySelect = REPLAY_SELECT;
    const memberAndReplaySelect = `SELECT ${members.select('m')}, ${replaySelect}`;
    const coreMemberAndReplaySelect = `SELECT ${coreMembers.select('m')}, ${replaySelect}`;
    const memberAndReplayFrom = `FROM (VALUES (1)) AS one (x)
         LEFT JOIN plan_members m ON m.plan_id = $1 AND m.account_id = $2 AND m.status = 'active'
         LEFT JOIN plan_events e ON e.plan_id = $1 AND e.actor_account_id = $2 AND e.client_mutation_id = $3`;
    const readFrom = `FROM plans p
         LEFT JOIN plan_members m ON m.plan_id = p.id AND m.account_id = $3 AND m.status = 'active'
         WHERE p.id = $1 AND p.tenant_id = $2`;
    this.statements = {
      plans,
      members,
      readSelect,
      readFrom,
      read: sql(`${readSelect} ${readFrom}`),
      seat: sql(`SELECT p.revision, m.id AS member_id, m.role AS member_role, ${CONSENT_IN_FORCE} AS consent ${readFrom}`),
      lock: sql(`SELECT ${plans.select('p')} FROM plans p WHERE p.id = $1 AND p.tenant_id = $2 FOR UPDATE`),
      corePlans,
      coreMembers,
      lockCore: sql(`SELECT ${corePlans.select('p')} FROM plans p WHERE p.id = $1 AND p.tenant_id = $2 FOR UPDATE`),
      coreMemberAndReplaySelect,
      memberAndReplayFrom,
      memberAndReplay: sql(`${memberAndReplaySelect} ${memberAndReplayFrom}`),
    };
    return this.statements;
  }
}
