/**
 * Accounts in a tenant. Only a systemkoordinator manages them, and only in their own tenant:
 * every lookup is scoped by the actor's tenant, so another tenant's id is simply not found.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  tenantRoleMay,
  type AccountView,
  type AssurancePolicy,
  type AssurancePolicyView,
  type StaffImportResult,
  type StaffImportRow,
  type TenantRole,
  type MeView,
  type Page,
  type TenantAction,
} from '#contracts';
import type { Actor } from '../auth/actor';
import { hashPassword } from '../auth/password';
import { AuditService } from '../audit/audit.service';
import { isUniqueViolation } from '../database/errors';
import { AlreadyExists, BadRequest, DomainError, Forbidden, NotFound } from '../errors/domain-error';
import { DomainEvents } from '../events/domain-events';
import { Tenant } from '../tenants/tenant.entity';
import { Account } from './account.entity';
import { CsvInvalid, MAX_CSV_BYTES, readStaffCsv } from './staff-csv';
import type { CreateAccountDto, ListAccountsQueryDto, UpdateAccountDto, UpdateMeDto } from './dto/account.dto';

export function toAccountView(a: Account): AccountView {
  return {
    id: a.id,
    tenantId: a.tenantId,
    email: a.email,
    name: a.name,
    phone: a.phone,
    role: a.role,
    service: a.service,
    organisation: a.organisation,
    disabled: a.disabledAt !== null,
    locale: a.locale,
    textSize: a.textSize,
    plainLayout: a.plainLayout,
    createdAt: a.createdAt.toISOString(),
  };
}

export interface DocumentIdentity {
  tenantName: string;
  nationalId: string | null;
  locale: 'nb' | 'en' | null;
}

@Injectable()
export class AccountsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  requireTenantAction(actor: Actor, action: TenantAction): void {
    if (!tenantRoleMay(actor.role, action)) throw new Forbidden();
  }

  async me(actor: Actor): Promise<MeView> {
    const account = await this.db.getRepository(Account).findOneByOrFail({ id: actor.accountId });
    const tenant = await this.db.getRepository(Tenant).findOneByOrFail({ id: account.tenantId });
    const session = actor.session;
    return {
      ...toAccountView(account),
      tenantName: tenant.name,
      session: { method: session?.method ?? 'password', level: session?.level ?? 'low', needed: session?.needed ?? 'high' },
    };
  }

  async assurancePolicy(actor: Actor): Promise<AssurancePolicyView> {
    this.requireTenantAction(actor, 'accounts.manage');
    const tenant = await this.db.getRepository(Tenant).findOneByOrFail({ id: actor.tenantId });
    return { policy: tenant.assurancePolicy };
  }

  /** Takes effect for each session at its next token refresh (within ACCESS_TOKEN_TTL_SECONDS). */
  async setAssurancePolicy(actor: Actor, policy: AssurancePolicy): Promise<AssurancePolicyView> {
    this.requireTenantAction(actor, 'accounts.manage');
    const clean: AssurancePolicy = {
      systemkoordinator: policy.systemkoordinator,
      coordinator: policy.coordinator,
      professional: policy.professional,
      citizen: policy.citizen,
    };
    await this.db.transaction(async (tx) => {
      await tx.getRepository(Tenant).update({ id: actor.tenantId }, { assurancePolicy: clean });
      await this.audit.record(
        { tenantId: actor.tenantId, actorAccountId: actor.accountId, action: 'tenant.assurancePolicy.update', details: { policy: clean } },
        actor,
        tx,
      );
    });
    return { policy: clean };
  }

  async updateMe(actor: Actor, dto: UpdateMeDto): Promise<MeView> {
    await this.db.getRepository(Account).update({ id: actor.accountId }, dto);
    return this.me(actor);
  }

  async list(actor: Actor, query: ListAccountsQueryDto): Promise<Page<AccountView>> {
    this.requireTenantAction(actor, 'accounts.manage');
    const qb = this.db
      .getRepository(Account)
      .createQueryBuilder('a')
      .where('a.tenant_id = :tenantId', { tenantId: actor.tenantId })
      .orderBy('a.name', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .limit(query.limit)
      .offset(query.offset);
    if (query.role) qb.andWhere('a.role = :role', { role: query.role });
    if (query.q) qb.andWhere('(a.name ILIKE :q OR a.email ILIKE :q)', { q: `%${query.q.replace(/[%_\\]/g, '\\$&')}%` });
    const [rows, total] = await qb.getManyAndCount();
    return { items: rows.map(toAccountView), total, limit: query.limit, offset: query.offset };
  }

  async get(actor: Actor, id: string): Promise<AccountView> {
    this.requireTenantAction(actor, 'accounts.manage');
    return toAccountView(await this.findInTenant(actor, id));
  }

  async create(actor: Actor, dto: CreateAccountDto): Promise<AccountView> {
    this.requireTenantAction(actor, 'accounts.manage');
    const email = dto.email.trim().toLowerCase();
    const repo = this.db.getRepository(Account);
    // Unique within the municipality only: whether another municipality has the address is not ours to tell.
    const taken = () => new AlreadyExists('An account with this e-mail already exists in this municipality');
    if (await repo.existsBy({ email, tenantId: actor.tenantId })) throw taken();
    const passwordHash = dto.password ? await hashPassword(dto.password) : null;
    const account = await this.db
      .transaction(async (tx) => {
        return this.insertAccount(
          tx,
          actor,
          {
            email,
            name: dto.name,
            role: dto.role,
            phone: dto.phone ?? null,
            service: dto.service ?? null,
            organisation: dto.organisation ?? null,
            passwordHash,
          },
          {},
        );
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) throw taken();
        throw error;
      });
    return toAccountView(account);
  }

  async update(actor: Actor, id: string, dto: UpdateAccountDto): Promise<AccountView> {
    this.requireTenantAction(actor, 'accounts.manage');
    const account = await this.findInTenant(actor, id);
    if (account.id === actor.accountId && (dto.disabled === true || (dto.role && dto.role !== account.role))) {
      throw new BadRequest('You cannot disable yourself or change your own role');
    }
    const wasDisabled = account.disabledAt !== null;
    if (dto.name !== undefined) account.name = dto.name;
    if (dto.phone !== undefined) account.phone = dto.phone;
    if (dto.service !== undefined) account.service = dto.service;
    if (dto.organisation !== undefined) account.organisation = dto.organisation;
    if (dto.role !== undefined) account.role = dto.role;
    if (dto.disabled !== undefined) account.disabledAt = dto.disabled ? (account.disabledAt ?? new Date()) : null;
    await this.db.transaction(async (tx) => {
      await tx.getRepository(Account).save(account);
      await this.audit.record(
        {
          tenantId: actor.tenantId,
          actorAccountId: actor.accountId,
          action: 'account.update',
          targetType: 'account',
          targetId: id,
          details: { fields: Object.keys(dto) },
        },
        actor,
        tx,
      );
    });
    if (!wasDisabled && account.disabledAt) this.events.emit('account.disabled', { accountId: id, tenantId: actor.tenantId });
    return toAccountView(account);
  }

  /**
   * Staff from a CSV file: a preview with each row's errors, or (commit) every account created in
   * one transaction. A file with any row in error creates nothing; so does a race on an e-mail.
   */
  async importStaff(actor: Actor, bytes: Buffer, commit: boolean): Promise<StaffImportResult> {
    this.requireTenantAction(actor, 'accounts.manage');
    let rows: StaffImportRow[];
    try {
      rows = readStaffCsv(bytes);
    } catch (error) {
      if (error instanceof CsvInvalid) throw new DomainError('csv_invalid', bytes.length > MAX_CSV_BYTES ? 413 : 400, error.message);
      throw error;
    }
    const emails = rows.map((r) => r.email).filter(Boolean);
    const taken = new Set(
      (
        (await this.db.query('SELECT email FROM accounts WHERE tenant_id = $1 AND email = ANY($2)', [actor.tenantId, emails])) as {
          email: string;
        }[]
      ).map((r) => r.email),
    );
    for (const row of rows) if (taken.has(row.email)) row.errors.push('email_taken');
    const invalid = rows.filter((r) => r.errors.length).length;
    const result: StaffImportResult = { rows, valid: rows.length - invalid, invalid, created: 0 };
    if (!commit || invalid > 0) return result;
    await this.db
      .transaction(async (tx) => {
        for (const row of rows) {
          await this.insertAccount(
            tx,
            actor,
            {
              email: row.email,
              name: row.name,
              role: row.role as TenantRole,
              phone: row.phone || null,
              service: row.service || null,
              organisation: row.organisation || null,
              passwordHash: null,
            },
            { via: 'csv_import' },
          );
        }
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) throw new AlreadyExists('An account with one of these e-mails was just made; nothing was imported');
        throw error;
      });
    return { ...result, created: rows.length };
  }

  /** One new account in the actor's municipality, and its audit entry, inside the caller's transaction. */
  private async insertAccount(
    tx: EntityManager,
    actor: Actor,
    fields: Pick<Account, 'email' | 'name' | 'role' | 'phone' | 'service' | 'organisation' | 'passwordHash'>,
    details: Record<string, unknown>,
  ): Promise<Account> {
    const saved = await tx.getRepository(Account).save(tx.getRepository(Account).create({ tenantId: actor.tenantId, ...fields }));
    await this.audit.record(
      {
        tenantId: actor.tenantId,
        actorAccountId: actor.accountId,
        action: 'account.create',
        targetType: 'account',
        targetId: saved.id,
        details: { role: fields.role, ...details },
      },
      actor,
      tx,
    );
    return saved;
  }

  /**
   * What a document about a person in this tenant names them by: the municipality's name, and the
   * person's national identity number and language where they have an account. No authorization:
   * the caller has authorized the plan (exports).
   */
  async documentIdentity(tenantId: string, accountId: string | null): Promise<DocumentIdentity> {
    const [row] = (await this.db.query(
      `SELECT t.name AS tenant_name, a.pid, a.locale FROM tenants t LEFT JOIN accounts a ON a.id = $2 AND a.tenant_id = t.id WHERE t.id = $1`,
      [tenantId, accountId],
    )) as { tenant_name: string; pid: string | null; locale: 'nb' | 'en' | null }[];
    return { tenantName: row?.tenant_name ?? '', nationalId: row?.pid ?? null, locale: row?.locale ?? null };
  }

  private async findInTenant(actor: Actor, id: string): Promise<Account> {
    const account = await this.db.getRepository(Account).findOneBy({ id, tenantId: actor.tenantId });
    if (!account) throw new NotFound('Account');
    return account;
  }
}
