/**
 * Training of coordinators: the courses koordinerende enhet offers, who completed which when,
 * and until when it counts. Managed by the systemkoordinator (training.manage), in their tenant.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CompletionView, CourseView, TrainingStatus } from '#contracts';
import { AccountsService } from '../accounts/accounts.service';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { AlreadyExists, BadRequest, NotFound } from '../errors/domain-error';
import { addMonths, localDate } from '../notifications/local-time';
import { CoordinationConfig } from '../overview/coordination.config';
import { CourseCompletion } from './course-completion.entity';
import { Course } from './course.entity';
import type { CreateCourseDto, ListCompletionsQueryDto, RecordCompletionDto, UpdateCourseDto } from './dto/training.dto';
import { trainingStatus, type LatestCompletion, type RequiredCourse } from './training-status';

export function toCourseView(c: Course): CourseView {
  return {
    id: c.id,
    title: c.title,
    description: c.description,
    validityMonths: c.validityMonths,
    requiredForCoordinators: c.requiredForCoordinators,
    archived: c.archivedAt !== null,
    createdAt: c.createdAt.toISOString(),
  };
}

const UNIQUE_VIOLATION = '23505';
const isUniqueViolation = (e: unknown) => (e as { driverError?: { code?: string }; code?: string })?.driverError?.code === UNIQUE_VIOLATION;

@Injectable()
export class TrainingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly accounts: AccountsService,
    private readonly audit: AuditService,
    private readonly coordination: CoordinationConfig,
  ) {}

  today(): string {
    return localDate(this.coordination.NOTIFICATION_TIME_ZONE);
  }

  /** Everyone in the tenant may see which courses exist. */
  async listCourses(actor: Actor, includeArchived = false): Promise<CourseView[]> {
    const qb = this.db
      .getRepository(Course)
      .createQueryBuilder('c')
      .where('c.tenant_id = :tenantId', { tenantId: actor.tenantId })
      .orderBy('c.title', 'ASC');
    if (!includeArchived) qb.andWhere('c.archived_at IS NULL');
    return (await qb.getMany()).map(toCourseView);
  }

  async createCourse(actor: Actor, dto: CreateCourseDto): Promise<CourseView> {
    this.accounts.requireTenantAction(actor, 'training.manage');
    const course = await this.db
      .transaction(async (tx) => {
        const repo = tx.getRepository(Course);
        const saved = await repo.save(
          repo.create({
            tenantId: actor.tenantId,
            title: dto.title.trim(),
            description: dto.description ?? '',
            validityMonths: dto.validityMonths ?? null,
            requiredForCoordinators: dto.requiredForCoordinators ?? true,
          }),
        );
        await this.audit.record(
          { tenantId: actor.tenantId, actorAccountId: actor.accountId, action: 'course.create', targetType: 'course', targetId: saved.id },
          actor,
          tx,
        );
        return saved;
      })
      .catch((e: unknown) => {
        throw isUniqueViolation(e) ? new AlreadyExists('A course with this title already exists') : e;
      });
    return toCourseView(course);
  }

  async updateCourse(actor: Actor, id: string, dto: UpdateCourseDto): Promise<CourseView> {
    this.accounts.requireTenantAction(actor, 'training.manage');
    const course = await this.findCourse(actor, id);
    if (dto.title !== undefined) course.title = dto.title.trim();
    if (dto.description !== undefined) course.description = dto.description;
    if (dto.validityMonths !== undefined) course.validityMonths = dto.validityMonths;
    if (dto.requiredForCoordinators !== undefined) course.requiredForCoordinators = dto.requiredForCoordinators;
    if (dto.archived !== undefined) course.archivedAt = dto.archived ? (course.archivedAt ?? new Date()) : null;
    await this.db
      .transaction(async (tx) => {
        await tx.getRepository(Course).save(course);
        await this.audit.record(
          {
            tenantId: actor.tenantId,
            actorAccountId: actor.accountId,
            action: 'course.update',
            targetType: 'course',
            targetId: id,
            details: { fields: Object.keys(dto) },
          },
          actor,
          tx,
        );
      })
      .catch((e: unknown) => {
        throw isUniqueViolation(e) ? new AlreadyExists('A course with this title already exists') : e;
      });
    return toCourseView(course);
  }

  async listCompletions(actor: Actor, query: ListCompletionsQueryDto): Promise<CompletionView[]> {
    this.accounts.requireTenantAction(actor, 'training.manage');
    return this.completions(actor.tenantId, query);
  }

  async recordCompletion(actor: Actor, dto: RecordCompletionDto): Promise<CompletionView> {
    this.accounts.requireTenantAction(actor, 'training.manage');
    const course = await this.findCourse(actor, dto.courseId);
    const [account] = (await this.db.query(`SELECT id FROM accounts WHERE id = $1 AND tenant_id = $2`, [
      dto.accountId,
      actor.tenantId,
    ])) as unknown[];
    if (!account) throw new NotFound('Account');
    if (dto.completedOn > this.today()) throw new BadRequest('The completion date cannot be in the future');
    const id = await this.db
      .transaction(async (tx) => {
        const repo = tx.getRepository(CourseCompletion);
        const saved = await repo.save(
          repo.create({
            tenantId: actor.tenantId,
            courseId: course.id,
            accountId: dto.accountId,
            completedOn: dto.completedOn,
            expiresOn: course.validityMonths ? addMonths(dto.completedOn, course.validityMonths) : null,
            recordedBy: actor.accountId,
          }),
        );
        await this.audit.record(
          {
            tenantId: actor.tenantId,
            actorAccountId: actor.accountId,
            action: 'course.completion.record',
            targetType: 'account',
            targetId: dto.accountId,
            details: { courseId: course.id, completedOn: dto.completedOn },
          },
          actor,
          tx,
        );
        return saved.id;
      })
      .catch((e: unknown) => {
        throw isUniqueViolation(e) ? new AlreadyExists('This completion is already recorded') : e;
      });
    const [view] = await this.completions(actor.tenantId, { id });
    return view;
  }

  async deleteCompletion(actor: Actor, id: string): Promise<void> {
    this.accounts.requireTenantAction(actor, 'training.manage');
    const completion = await this.db.getRepository(CourseCompletion).findOneBy({ id, tenantId: actor.tenantId });
    if (!completion) throw new NotFound('Completion');
    await this.db.transaction(async (tx) => {
      await tx.getRepository(CourseCompletion).delete({ id });
      await this.audit.record(
        {
          tenantId: actor.tenantId,
          actorAccountId: actor.accountId,
          action: 'course.completion.delete',
          targetType: 'account',
          targetId: completion.accountId,
          details: { courseId: completion.courseId, completedOn: completion.completedOn },
        },
        actor,
        tx,
      );
    });
  }

  /** The caller's own training: status over the required courses and every completion. */
  async mine(actor: Actor): Promise<{ status: TrainingStatus; completions: CompletionView[] }> {
    const status = (await this.statusOf(actor.tenantId, [actor.accountId])).get(actor.accountId)!;
    return { status, completions: await this.completions(actor.tenantId, { accountId: actor.accountId }) };
  }

  /** Training status of each account, over the tenant's required courses. */
  async statusOf(tenantId: string, accountIds: string[]): Promise<Map<string, TrainingStatus>> {
    const today = this.today();
    const required = (await this.db.query(
      `SELECT id, title FROM courses WHERE tenant_id = $1 AND archived_at IS NULL AND required_for_coordinators ORDER BY title`,
      [tenantId],
    )) as RequiredCourse[];
    const latest = accountIds.length
      ? ((await this.db.query(
          `SELECT DISTINCT ON (cc.account_id, cc.course_id) cc.account_id, cc.course_id, cc.completed_on::text, cc.expires_on::text
             FROM course_completions cc
            WHERE cc.tenant_id = $1 AND cc.account_id = ANY($2)
            ORDER BY cc.account_id, cc.course_id, cc.expires_on DESC NULLS FIRST, cc.completed_on DESC`,
          [tenantId, accountIds],
        )) as { account_id: string; course_id: string; completed_on: string; expires_on: string | null }[])
      : [];
    const byAccount = new Map<string, LatestCompletion[]>();
    for (const r of latest) {
      const list = byAccount.get(r.account_id) ?? [];
      list.push({ courseId: r.course_id, completedOn: r.completed_on, expiresOn: r.expires_on });
      byAccount.set(r.account_id, list);
    }
    return new Map(accountIds.map((id) => [id, trainingStatus(required, byAccount.get(id) ?? [], today)]));
  }

  private async completions(tenantId: string, filter: { id?: string; accountId?: string; courseId?: string }): Promise<CompletionView[]> {
    const rows = (await this.db.query(
      `SELECT cc.id, cc.account_id, a.name AS account_name, cc.course_id, c.title AS course_title,
              cc.completed_on::text, cc.expires_on::text, cc.recorded_by, r.name AS recorded_by_name
         FROM course_completions cc
         JOIN accounts a ON a.id = cc.account_id
         JOIN courses c ON c.id = cc.course_id
         LEFT JOIN accounts r ON r.id = cc.recorded_by
        WHERE cc.tenant_id = $1
          AND ($2::uuid IS NULL OR cc.id = $2)
          AND ($3::uuid IS NULL OR cc.account_id = $3)
          AND ($4::uuid IS NULL OR cc.course_id = $4)
        ORDER BY a.name, c.title, cc.completed_on DESC
        LIMIT 1000`,
      [tenantId, filter.id ?? null, filter.accountId ?? null, filter.courseId ?? null],
    )) as {
      id: string;
      account_id: string;
      account_name: string;
      course_id: string;
      course_title: string;
      completed_on: string;
      expires_on: string | null;
      recorded_by: string | null;
      recorded_by_name: string | null;
    }[];
    return rows.map((r) => ({
      id: r.id,
      accountId: r.account_id,
      accountName: r.account_name,
      courseId: r.course_id,
      courseTitle: r.course_title,
      completedOn: r.completed_on,
      expiresOn: r.expires_on,
      recordedBy: r.recorded_by ? { accountId: r.recorded_by, name: r.recorded_by_name ?? '' } : null,
    }));
  }

  private async findCourse(actor: Actor, id: string): Promise<Course> {
    const course = await this.db.getRepository(Course).findOneBy({ id, tenantId: actor.tenantId });
    if (!course) throw new NotFound('Course');
    return course;
  }
}
