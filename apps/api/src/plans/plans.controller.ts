import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AccessLogRow, ChangeResult, MyPlanRow, Page, PlanEventView, PlanView } from '#contracts';
import { CurrentActor, type Actor } from '../auth/actor';
import { CreatePlanDto, EventsQueryDto, PageDto, SetPlanStatusDto, UpdatePlanDto } from './dto/plan.dto';
import { PlansService, type CreatedPlan } from './plans.service';

@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Get()
  mine(@CurrentActor() actor: Actor, @Query() page: PageDto): Promise<Page<MyPlanRow>> {
    return this.plans.myPlans(actor, page);
  }

  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreatePlanDto): Promise<CreatedPlan> {
    return this.plans.create(actor, dto);
  }

  @Get(':planId')
  get(@CurrentActor() actor: Actor, @Param('planId', ParseUUIDPipe) planId: string): Promise<PlanView> {
    return this.plans.get(actor, planId);
  }

  @Patch(':planId')
  update(@CurrentActor() actor: Actor, @Param('planId', ParseUUIDPipe) planId: string, @Body() dto: UpdatePlanDto): Promise<ChangeResult> {
    return this.plans.update(actor, planId, dto);
  }

  @Post(':planId/status')
  setStatus(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Body() dto: SetPlanStatusDto,
  ): Promise<ChangeResult> {
    return this.plans.setStatus(actor, planId, dto);
  }

  @Get(':planId/events')
  events(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Query() query: EventsQueryDto,
  ): Promise<{ revision: number; events: PlanEventView[] }> {
    return this.plans.events(actor, planId, query);
  }

  @Get(':planId/access-log')
  accessLog(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Query() page: PageDto,
  ): Promise<Page<AccessLogRow>> {
    return this.plans.accessLog(actor, planId, page);
  }
}
