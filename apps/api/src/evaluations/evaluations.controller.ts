import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ChangeResult, CheckinPromptView, EvaluationView, ProgressView, SelfRatingView } from '#contracts';
import { CurrentActor, type Actor } from '../auth/actor';
import { CheckinDto, DraftRatingDto, EvaluationDto } from './dto/evaluation.dto';
import { EvaluationsService } from './evaluations.service';

@ApiTags('evaluations')
@ApiBearerAuth()
@Controller('plans/:planId')
export class EvaluationsController {
  constructor(private readonly evaluations: EvaluationsService) {}

  /** The plan's evaluations and T-score trend; the person's own ratings and drop notes for those with checkin.read. */
  @Get('evaluations')
  progress(@CurrentActor() actor: Actor, @Param('planId', ParseUUIDPipe) planId: string): Promise<ProgressView> {
    return this.evaluations.progress(actor, planId);
  }

  @Post('evaluations')
  complete(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Body() dto: EvaluationDto,
  ): Promise<ChangeResult<EvaluationView>> {
    return this.evaluations.complete(actor, planId, dto);
  }

  /** The person's own rating of a goal before the evaluation (picked up by it). */
  @Put('evaluations/draft/:goalId')
  draft(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('goalId', ParseUUIDPipe) goalId: string,
    @Body() dto: DraftRatingDto,
  ): Promise<ChangeResult<SelfRatingView>> {
    return this.evaluations.draft(actor, planId, goalId, dto);
  }

  /** "Hvordan går det med …?": one tap per goal, at most once a week. */
  @Post('checkins')
  checkin(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Body() dto: CheckinDto,
  ): Promise<ChangeResult<SelfRatingView>> {
    return this.evaluations.checkin(actor, planId, dto);
  }
}

/** The person's home asks how their goals are going this week. */
@ApiTags('evaluations')
@ApiBearerAuth()
@Controller('me')
export class MyCheckinsController {
  constructor(private readonly evaluations: EvaluationsService) {}

  @Get('checkins')
  mine(@CurrentActor() actor: Actor): Promise<CheckinPromptView[]> {
    return this.evaluations.myCheckins(actor);
  }
}
