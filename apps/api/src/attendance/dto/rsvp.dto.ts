import { ApiProperty } from '@nestjs/swagger';
import { IsIn, ValidateIf } from 'class-validator';
import { RSVP_RESPONSES, type RsvpResponse, type SetRsvp } from '#contracts';
import { MutationDto } from '../../plans/dto/plan.dto';

export class SetRsvpDto extends MutationDto implements SetRsvp {
  @ApiProperty({ enum: RSVP_RESPONSES, nullable: true, description: 'confirmed, declined, or null to take the answer back' })
  @ValidateIf((_, v) => v !== null)
  @IsIn(RSVP_RESPONSES)
  response!: RsvpResponse | null;
}
