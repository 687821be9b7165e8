import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { NudgeResult, OverviewPlanRow, OverviewView, Page, PlanAppointmentResult } from '#contracts';
import { AppointCoordinatorDto } from '../needs/dto/need.dto';
import { CurrentActor, type Actor } from '../auth/actor';
import { NudgeDto, OverviewPlansQueryDto } from './dto/overview.dto';
import { OverviewService } from './overview.service';

/** Koordinerende enhet's overview: plan metadata for the systemkoordinator, never plan content. */
@ApiTags('overview')
@ApiBearerAuth()
@Controller('overview')
export class OverviewController {
  constructor(private readonly overview: OverviewService) {}

  @Get()
  summary(@CurrentActor() actor: Actor): Promise<OverviewView> {
    return this.overview.summary(actor);
  }

  @Get('plans')
  plans(@CurrentActor() actor: Actor, @Query() query: OverviewPlansQueryDto): Promise<Page<OverviewPlanRow>> {
    return this.overview.plans(actor, query);
  }

  /** Koordinerende enhet appoints (or replaces) a plan's coordinator. */
  @Post('plans/:planId/coordinator')
  @HttpCode(200)
  appoint(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Body() dto: AppointCoordinatorDto,
  ): Promise<PlanAppointmentResult> {
    return this.overview.appointToPlan(actor, planId, dto.coordinatorAccountId);
  }

  /** Koordinerende enhet reminds the plan's coordinator (or its creator, without one): metadata only, once a day. */
  @Post('plans/:planId/nudges')
  @HttpCode(200)
  nudge(@CurrentActor() actor: Actor, @Param('planId', ParseUUIDPipe) planId: string, @Body() dto: NudgeDto): Promise<NudgeResult> {
    return this.overview.nudge(actor, planId, dto.reason);
  }
}
