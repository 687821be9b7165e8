import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import {
  NEED_KINDS,
  NEED_STATUSES,
  type AppointCoordinatorInput,
  type NeedKind,
  type NeedReportInput,
  type NeedStatus,
  type TriageNeedInput,
} from '#contracts';
import { PageQueryDto } from '../../accounts/dto/account.dto';

export class ReportNeedDto implements NeedReportInput {
  @ApiProperty({ example: 'Emma Solberg' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  personName!: string;

  @ApiPropertyOptional({ example: '400 12 345', description: 'How koordinerende enhet reaches the person' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  personContact?: string;

  @ApiProperty({ enum: NEED_KINDS })
  @IsIn(NEED_KINDS)
  kind!: NeedKind;

  @ApiProperty({ description: 'What is needed and why, briefly' })
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  description!: string;

  @ApiProperty({ example: 'Hjemmetjenesten' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  reporterService!: string;
}

export const NEED_STATUS_FILTERS = [...NEED_STATUSES, 'open'] as const;

export class ListNeedsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: NEED_STATUS_FILTERS, description: "'open' is new and in_review" })
  @IsOptional()
  @IsIn(NEED_STATUS_FILTERS)
  status?: NeedStatus | 'open';

  @ApiPropertyOptional({ description: 'Only the needs I reported' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  mine?: boolean;
}

export class TriageNeedDto implements TriageNeedInput {
  @ApiProperty({ enum: NEED_STATUSES })
  @IsIn(NEED_STATUSES)
  status!: NeedStatus;

  @ApiPropertyOptional({ description: 'Required when declining' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string;

  @ApiPropertyOptional({ description: 'With plan_started: the plan that was started' })
  @IsOptional()
  @IsUUID()
  planId?: string;
}

export class AppointCoordinatorDto implements AppointCoordinatorInput {
  @ApiProperty()
  @IsUUID()
  coordinatorAccountId!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string;
}
