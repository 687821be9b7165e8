import { Body, Controller, Delete, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ChangeResult, GoalView } from '#contracts';
import { CurrentActor, type Actor } from '../auth/actor';
import { MutationDto } from '../plans/dto/plan.dto';
import { CreateGoalDto, ReorderDto, UpdateGoalDto } from './dto/goal.dto';
import { GoalsService } from './goals.service';

@ApiTags('goals')
@ApiBearerAuth()
@Controller('plans/:planId/goals')
export class GoalsController {
  constructor(private readonly goals: GoalsService) {}

  @Post()
  create(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Body() dto: CreateGoalDto,
  ): Promise<ChangeResult<GoalView>> {
    return this.goals.create(actor, planId, dto);
  }

  @Put('order')
  reorder(@CurrentActor() actor: Actor, @Param('planId', ParseUUIDPipe) planId: string, @Body() dto: ReorderDto): Promise<ChangeResult> {
    return this.goals.reorder(actor, planId, dto);
  }

  @Patch(':goalId')
  update(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('goalId', ParseUUIDPipe) goalId: string,
    @Body() dto: UpdateGoalDto,
  ): Promise<ChangeResult> {
    return this.goals.update(actor, planId, goalId, dto);
  }

  @Delete(':goalId')
  @HttpCode(200)
  remove(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('goalId', ParseUUIDPipe) goalId: string,
    @Query() q: MutationDto,
  ): Promise<ChangeResult> {
    return this.goals.remove(actor, planId, goalId, q.clientMutationId);
  }

  @Post(':goalId/restore')
  @HttpCode(200)
  restore(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('goalId', ParseUUIDPipe) goalId: string,
    @Body() dto: MutationDto,
  ): Promise<ChangeResult<GoalView>> {
    return this.goals.restore(actor, planId, goalId, dto.clientMutationId);
  }
}
