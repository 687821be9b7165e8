import { Body, Controller, Delete, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ChangeResult, TaskView } from '#contracts';
import { CurrentActor, type Actor } from '../auth/actor';
import { ReorderDto } from '../goals/dto/goal.dto';
import { MutationDto } from '../plans/dto/plan.dto';
import { CreateTaskDto, UpdateTaskDto } from './dto/task.dto';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('plans/:planId/tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Post()
  create(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Body() dto: CreateTaskDto,
  ): Promise<ChangeResult<TaskView>> {
    return this.tasks.create(actor, planId, dto);
  }

  @Put('order')
  reorder(@CurrentActor() actor: Actor, @Param('planId', ParseUUIDPipe) planId: string, @Body() dto: ReorderDto): Promise<ChangeResult> {
    return this.tasks.reorder(actor, planId, dto);
  }

  @Patch(':taskId')
  update(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('taskId', ParseUUIDPipe) taskId: string,
    @Body() dto: UpdateTaskDto,
  ): Promise<ChangeResult> {
    return this.tasks.update(actor, planId, taskId, dto);
  }

  @Delete(':taskId')
  @HttpCode(200)
  remove(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('taskId', ParseUUIDPipe) taskId: string,
    @Query() q: MutationDto,
  ): Promise<ChangeResult> {
    return this.tasks.remove(actor, planId, taskId, q.clientMutationId);
  }

  @Post(':taskId/restore')
  @HttpCode(200)
  restore(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('taskId', ParseUUIDPipe) taskId: string,
    @Body() dto: MutationDto,
  ): Promise<ChangeResult<TaskView>> {
    return this.tasks.restore(actor, planId, taskId, dto.clientMutationId);
  }
}
