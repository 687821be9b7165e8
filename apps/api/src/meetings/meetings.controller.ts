import { Body, Controller, Delete, Get, Header, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ChangeResult, MeetingCloseResult, MeetingDecisionResult, MeetingDetailView, Page } from '#contracts';
import { CurrentActor, type Actor } from '../auth/actor';
import { MutationDto } from '../plans/dto/plan.dto';
import {
  CloseMeetingDto,
  CreateDecisionDto,
  CreateMeetingDto,
  MeetingsQueryDto,
  ReopenMeetingDto,
  UpdateMeetingDto,
} from './dto/meeting.dto';
import { MeetingsService } from './meetings.service';

@ApiTags('meetings')
@ApiBearerAuth()
@Controller('plans/:planId/meetings')
export class MeetingsController {
  constructor(private readonly meetings: MeetingsService) {}

  @Get()
  list(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Query() query: MeetingsQueryDto,
  ): Promise<Page<MeetingDetailView>> {
    return this.meetings.list(actor, planId, query);
  }

  @Post()
  create(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Body() dto: CreateMeetingDto,
  ): Promise<ChangeResult<MeetingDetailView>> {
    return this.meetings.create(actor, planId, dto);
  }

  @Get(':meetingId/calendar.ics')
  @Header('content-type', 'text/calendar; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="mote.ics"')
  calendar(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
  ): Promise<string> {
    return this.meetings.calendar(actor, planId, meetingId);
  }

  @Get(':meetingId')
  get(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
  ): Promise<MeetingDetailView> {
    return this.meetings.get(actor, planId, meetingId);
  }

  @Patch(':meetingId')
  update(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
    @Body() dto: UpdateMeetingDto,
  ): Promise<ChangeResult<MeetingDetailView>> {
    return this.meetings.update(actor, planId, meetingId, dto);
  }

  @Delete(':meetingId')
  @HttpCode(200)
  remove(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
    @Query() q: MutationDto,
  ): Promise<ChangeResult> {
    return this.meetings.remove(actor, planId, meetingId, q.clientMutationId);
  }

  @Post(':meetingId/decisions')
  decide(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
    @Body() dto: CreateDecisionDto,
  ): Promise<ChangeResult<MeetingDecisionResult>> {
    return this.meetings.decide(actor, planId, meetingId, dto);
  }

  /** The coordinator approves the minutes and closes the meeting (then read-only); optionally sets the next one. */
  @Post(':meetingId/close')
  @HttpCode(200)
  close(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
    @Body() dto: CloseMeetingDto,
  ): Promise<ChangeResult<MeetingCloseResult>> {
    return this.meetings.close(actor, planId, meetingId, dto);
  }

  /** The coordinator reopens a closed meeting for a correction, with a reason. */
  @Post(':meetingId/reopen')
  @HttpCode(200)
  reopen(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
    @Body() dto: ReopenMeetingDto,
  ): Promise<ChangeResult<MeetingDetailView>> {
    return this.meetings.reopen(actor, planId, meetingId, dto);
  }

  @Post(':meetingId/restore')
  @HttpCode(200)
  restore(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
    @Body() dto: MutationDto,
  ): Promise<ChangeResult<MeetingDetailView>> {
    return this.meetings.restore(actor, planId, meetingId, dto.clientMutationId);
  }
}
