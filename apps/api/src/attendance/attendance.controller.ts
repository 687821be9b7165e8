import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ChangeResult, MeetingAttendanceView, RsvpResponse } from '#contracts';
import { CurrentActor, type Actor } from '../auth/actor';
import { AttendanceService } from './attendance.service';
import { SetRsvpDto } from './dto/rsvp.dto';

/** Who comes to a meeting: read with the meeting (meeting.read), answered for oneself (meeting.rsvp). */
@ApiTags('meetings')
@ApiBearerAuth()
@Controller('plans/:planId/meetings/:meetingId')
export class AttendanceController {
  constructor(private readonly attendance: AttendanceService) {}

  @Get('attendance')
  get(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
  ): Promise<MeetingAttendanceView> {
    return this.attendance.attendance(actor, planId, meetingId);
  }

  @Put('rsvp')
  answer(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
    @Body() dto: SetRsvpDto,
  ): Promise<ChangeResult<{ response: RsvpResponse | null }>> {
    return this.attendance.answer(actor, planId, meetingId, dto.response, 'app', dto.clientMutationId);
  }
}
