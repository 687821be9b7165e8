/**
 * Plan edits sent over a socket ('plan:command'). Each command type is read into the DTO class
 * its REST route uses, validated with the same rules, and handed to the same service method:
 * one write path, so authorization, conflicts, revisions, audit and idempotency (by
 * clientMutationId) are exactly those of REST.
 */
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { ChangeResult, CommandResult, PlanCommandType } from '#contracts';
import type { Actor } from '../auth/actor';
import { BadRequest } from '../errors/domain-error';
import { CreateGoalDto, ReorderDto, UpdateGoalDto } from '../goals/dto/goal.dto';
import { GoalsService } from '../goals/goals.service';
import { UpdateMeetingDto } from '../meetings/dto/meeting.dto';
import { MeetingsService } from '../meetings/meetings.service';
import { MutationDto, SetPlanStatusDto, UpdatePlanDto } from '../plans/dto/plan.dto';
import { PlansService } from '../plans/plans.service';
import { CreateTaskDto, UpdateTaskDto } from '../tasks/dto/task.dto';
import { TasksService } from '../tasks/tasks.service';
import { isPlainObject } from './payload-guard';
import { validateInput } from './socket-input';

type Command = Record<string, unknown> & { planId: string; clientMutationId?: unknown };

interface CommandSpec {
  /** The fields this command has besides type, planId and clientMutationId. */
  fields: string[];
  run(actor: Actor, cmd: Command): Promise<ChangeResult<unknown>>;
}

const ENVELOPE = ['type', 'planId', 'clientMutationId'];

@Injectable()
export class PlanCommandsService {
  private readonly commands: Record<PlanCommandType, CommandSpec>;

  constructor(plans: PlansService, goals: GoalsService, tasks: TasksService, meetings: MeetingsService) {
    this.commands = {
      'plan.update': {
        fields: ['baseRevision', 'patch'],
        run: async (actor, c) => plans.update(actor, c.planId, await validateInput(UpdatePlanDto, updateBody(c))),
      },
      'plan.setStatus': {
        fields: ['status'],
        run: async (actor, c) =>
          plans.setStatus(
            actor,
            c.planId,
            await validateInput(SetPlanStatusDto, { status: c.status, clientMutationId: c.clientMutationId }),
          ),
      },
      'goal.create': {
        fields: ['goal'],
        run: async (actor, c) => goals.create(actor, c.planId, await validateInput(CreateGoalDto, createBody(c, 'goal'))),
      },
      'goal.update': {
        fields: ['goalId', 'baseRevision', 'patch'],
        run: async (actor, c) => goals.update(actor, c.planId, entityId(c, 'goalId'), await validateInput(UpdateGoalDto, updateBody(c))),
      },
      'goal.delete': {
        fields: ['goalId'],
        run: async (actor, c) => goals.remove(actor, c.planId, entityId(c, 'goalId'), await mutationId(c)),
      },
      'goal.restore': {
        fields: ['goalId'],
        run: async (actor, c) => goals.restore(actor, c.planId, entityId(c, 'goalId'), await mutationId(c)),
      },
      'goal.reorder': {
        fields: ['goalIds'],
        run: async (actor, c) =>
          goals.reorder(actor, c.planId, await validateInput(ReorderDto, { ids: c.goalIds, clientMutationId: c.clientMutationId })),
      },
      'task.create': {
        fields: ['task'],
        run: async (actor, c) => tasks.create(actor, c.planId, await validateInput(CreateTaskDto, createBody(c, 'task'))),
      },
      'task.update': {
        fields: ['taskId', 'baseRevision', 'patch'],
        run: async (actor, c) => tasks.update(actor, c.planId, entityId(c, 'taskId'), await validateInput(UpdateTaskDto, updateBody(c))),
      },
      'task.delete': {
        fields: ['taskId'],
        run: async (actor, c) => tasks.remove(actor, c.planId, entityId(c, 'taskId'), await mutationId(c)),
      },
      'task.restore': {
        fields: ['taskId'],
        run: async (actor, c) => tasks.restore(actor, c.planId, entityId(c, 'taskId'), await mutationId(c)),
      },
      'task.reorder': {
        fields: ['taskIds'],
        run: async (actor, c) =>
          tasks.reorder(actor, c.planId, await validateInput(ReorderDto, { ids: c.taskIds, clientMutationId: c.clientMutationId })),
      },
      'meeting.update': {
        fields: ['meetingId', 'baseRevision', 'patch'],
        run: async (actor, c) =>
          meetings.update(actor, c.planId, entityId(c, 'meetingId'), await validateInput(UpdateMeetingDto, updateBody(c))),
      },
    };
  }

  async execute(actor: Actor, raw: unknown): Promise<CommandResult> {
    const { spec, cmd } = this.parse(raw);
    const result = await spec.run(actor, cmd);
    return { revision: result.revision, entityId: result.entityId, ...(result.replayed ? { replayed: true } : {}) };
  }

  private parse(raw: unknown): { spec: CommandSpec; cmd: Command } {
    if (!isPlainObject(raw)) throw new BadRequest('Invalid input: a command is an object');
    const type = raw.type;
    if (typeof type !== 'string' || !Object.hasOwn(this.commands, type))
      throw new BadRequest(`Invalid input: type must be one of ${Object.keys(this.commands).join(', ')}`, [
        { field: 'type', errors: ['unknown command type'] },
      ]);
    const spec = this.commands[type as PlanCommandType];
    const unknown = Object.keys(raw).filter((k) => !ENVELOPE.includes(k) && !spec.fields.includes(k));
    if (unknown.length)
      throw new BadRequest(
        `Invalid input: ${unknown.map((k) => `${k} (property ${k} should not exist)`).join('; ')}`,
        unknown.map((k) => ({ field: k, errors: [`property ${k} should not exist`] })),
      );
    if (typeof raw.planId !== 'string' || !isUUID(raw.planId))
      throw new BadRequest('Invalid input: planId (planId must be a UUID)', [{ field: 'planId', errors: ['planId must be a UUID'] }]);
    return { spec, cmd: raw as Command };
  }
}

/** An update's DTO body: the patch's fields beside the base revision and the mutation id. */
function updateBody(c: Command): Record<string, unknown> {
  const patch = objectField(c, 'patch');
  for (const reserved of ['baseRevision', 'clientMutationId'])
    if (Object.hasOwn(patch, reserved))
      throw new BadRequest(`Invalid input: patch.${reserved} (give ${reserved} beside the patch, not in it)`, [
        { field: `patch.${reserved}`, errors: ['not allowed in the patch'] },
      ]);
  return { ...patch, baseRevision: c.baseRevision, clientMutationId: c.clientMutationId };
}

function createBody(c: Command, key: 'goal' | 'task'): Record<string, unknown> {
  const fields = objectField(c, key);
  if (Object.hasOwn(fields, 'clientMutationId'))
    throw new BadRequest(`Invalid input: ${key}.clientMutationId (give it beside the ${key}, not in it)`, [
      { field: `${key}.clientMutationId`, errors: ['not allowed here'] },
    ]);
  return { ...fields, clientMutationId: c.clientMutationId };
}

function objectField(c: Command, key: string): Record<string, unknown> {
  const value = c[key];
  if (!isPlainObject(value))
    throw new BadRequest(`Invalid input: ${key} (${key} must be an object)`, [{ field: key, errors: ['must be an object'] }]);
  return value;
}

function entityId(c: Command, key: string): string {
  const value = c[key];
  if (typeof value !== 'string' || !isUUID(value))
    throw new BadRequest(`Invalid input: ${key} (${key} must be a UUID)`, [{ field: key, errors: [`${key} must be a UUID`] }]);
  return value;
}

async function mutationId(c: Command): Promise<string | undefined> {
  return (await validateInput(MutationDto, { clientMutationId: c.clientMutationId })).clientMutationId;
}
