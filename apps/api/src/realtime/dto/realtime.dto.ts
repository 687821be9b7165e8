/**
 * The socket events' payloads besides plan commands (those use the REST DTOs of each feature).
 * `nullable: true` in @ApiProperty is what lets a field be null, as in every DTO (docs/input.md).
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Min, ValidateIf, ValidateNested } from 'class-validator';
import { ENTITY_TYPES, type EntityType, type PresenceMode } from '#contracts';

export class PlanRefDto {
  @IsUUID() planId!: string;
}

export class JoinPlanDto extends PlanRefDto {
  /** The last revision the client holds; null or absent for a first join (a snapshot). */
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(0)
  sinceRevision?: number | null;
}

export class EventsRangeDto extends PlanRefDto {
  @IsInt() @Min(0) afterRevision!: number;
  @IsOptional() @IsInt() @Min(0) toRevision?: number;
}

export class PresenceFocusDto {
  @IsIn(ENTITY_TYPES) entityType!: EntityType;
  @IsUUID() entityId!: string;
  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9_.-]{1,100}$/) field?: string;
  @IsIn(['viewing', 'editing']) mode!: PresenceMode;
}

export class PresenceUpdateDto extends PlanRefDto {
  /** What this device looks at or edits now; null clears it. */
  @ApiProperty({ nullable: true, type: PresenceFocusDto })
  @ValidateIf((_, v) => v !== null)
  @IsObject()
  @ValidateNested()
  @Type(() => PresenceFocusDto)
  focus!: PresenceFocusDto | null;
}
