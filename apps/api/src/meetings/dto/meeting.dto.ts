import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  Equals,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { MEETING_STATUSES, type MeetingStatus } from '#contracts';
import { MutationDto, PageDto, TEXT_MAX, TITLE_MAX, UpdateMutationDto } from '../../plans/dto/plan.dto';

/** Minutes (referat) may be long; still bounded. */
export const MINUTES_MAX = 50_000;
const LOCATION_MAX = 300;
const URL_MAX = 2000;
const AGENDA_MAX = 100;

const nullable = () => ValidateIf((_, v) => v !== null);
const videoUrl = () => IsUrl({ protocols: ['https', 'http'], require_protocol: true });

export class AgendaItemDto {
  @ApiPropertyOptional({ description: 'Keep the id of an existing item; a new item gets one' }) @IsOptional() @IsUUID() id?: string;
  @ApiProperty({ example: 'Overgang fra barnehage til skole' }) @IsString() @MinLength(1) @MaxLength(TITLE_MAX) title!: string;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() done?: boolean;
}

export class CreateMeetingDto extends MutationDto {
  @ApiPropertyOptional({ default: 'Ansvarsgruppemøte' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(TITLE_MAX) title?: string;
  @ApiProperty({ example: '2026-03-03T09:00:00+01:00' }) @IsISO8601({ strict: true }) startsAt!: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @nullable() @IsISO8601({ strict: true }) endsAt?: string | null;
  @ApiPropertyOptional({ example: 'Fjordvik helsestasjon, møterom 2' })
  @IsOptional()
  @IsString()
  @MaxLength(LOCATION_MAX)
  location?: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @nullable() @videoUrl() @MaxLength(URL_MAX) videoUrl?: string | null;
  @ApiPropertyOptional({ type: [AgendaItemDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(AGENDA_MAX)
  @ValidateNested({ each: true })
  @Type(() => AgendaItemDto)
  agenda?: AgendaItemDto[];
}

/** REST PATCH and the socket's 'meeting.update' command both land here (MeetingsService.update). */
export class UpdateMeetingDto extends UpdateMutationDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(TITLE_MAX) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }) startsAt?: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @nullable() @IsISO8601({ strict: true }) endsAt?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(LOCATION_MAX) location?: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @nullable() @videoUrl() @MaxLength(URL_MAX) videoUrl?: string | null;
  @ApiPropertyOptional({ type: [AgendaItemDto], description: 'The whole agenda, in order' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(AGENDA_MAX)
  @ValidateNested({ each: true })
  @Type(() => AgendaItemDto)
  agenda?: AgendaItemDto[];
  @ApiPropertyOptional({ type: [String], description: 'Member ids of this plan marked present' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  attendees?: string[];
  @ApiPropertyOptional({ description: 'The minutes (referat)' }) @IsOptional() @IsString() @MaxLength(MINUTES_MAX) minutes?: string;
  @ApiPropertyOptional({ enum: MEETING_STATUSES }) @IsOptional() @IsIn(MEETING_STATUSES) status?: MeetingStatus;
}

export class DecisionTaskDto {
  @ApiProperty({ example: 'Søke om tilrettelagt skoleskyss' }) @IsString() @MinLength(1) @MaxLength(TITLE_MAX) title!: string;
  @ApiProperty({ description: 'The member of this plan responsible for the task' }) @IsUUID() responsibleMemberId!: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @nullable() @IsDateString({ strict: true }) dueDate?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @nullable() @IsUUID() goalId?: string | null;
  @ApiPropertyOptional({ example: '1 t/uke' }) @IsOptional() @IsString() @MaxLength(200) scope?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(TEXT_MAX) how?: string;
}

export class CreateDecisionDto extends MutationDto {
  @ApiProperty({ example: 'Skolen søker om assistent fra august' }) @IsString() @MinLength(1) @MaxLength(2000) text!: string;
  @ApiPropertyOptional({ type: DecisionTaskDto, description: 'Make the decision a task (tiltak) in the same change' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DecisionTaskDto)
  task?: DecisionTaskDto;
}

/** The next meeting, set in the same step as closing this one: date and time, optionally the place. */
export class NextMeetingDto {
  @ApiProperty({ example: '2027-02-07T09:00:00+01:00' }) @IsISO8601({ strict: true }) startsAt!: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @nullable() @IsISO8601({ strict: true }) endsAt?: string | null;
  @ApiPropertyOptional({ example: 'Fjordvik helsestasjon, møterom 2' })
  @IsOptional()
  @IsString()
  @MaxLength(LOCATION_MAX)
  location?: string;
}

/**
 * The coordinator approves the minutes and closes the meeting: who was present (members of this
 * plan; not the RSVP answers given before it), and optionally the next meeting.
 */
export class CloseMeetingDto extends MutationDto {
  @ApiProperty({ type: [String], description: 'Member ids of this plan who were present' })
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  present!: string[];
  @ApiProperty({ enum: [true], description: 'The coordinator approves the minutes as they stand' })
  @Equals(true, { message: 'minutesApproved must be true: closing a meeting approves its minutes' })
  minutesApproved!: true;
  @ApiPropertyOptional({ type: NextMeetingDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => NextMeetingDto)
  nextMeeting?: NextMeetingDto;
}

/** Reopening a closed meeting, for a correction of its minutes; the reason is in the history. */
export class ReopenMeetingDto extends MutationDto {
  @ApiProperty({ example: 'Feil dato i vedtaket om skoleskyss' }) @IsString() @MinLength(1) @MaxLength(500) reason!: string;
}

export class MeetingsQueryDto extends PageDto {
  @ApiPropertyOptional({ enum: MEETING_STATUSES }) @IsOptional() @IsIn(MEETING_STATUSES) status?: MeetingStatus;
}
