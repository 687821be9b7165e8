import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import {
  NUDGE_REASONS,
  OVERVIEW_PLAN_VIEWS,
  PLAN_STATUSES,
  type NudgeReason,
  type OverviewPlanViewName,
  type PlanStatus,
} from '#contracts';
import { PageQueryDto } from '../../accounts/dto/account.dto';

export class OverviewPlansQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: OVERVIEW_PLAN_VIEWS, default: 'all' })
  @IsOptional()
  @IsIn(OVERVIEW_PLAN_VIEWS)
  view: OverviewPlanViewName = 'all';

  @ApiPropertyOptional({ enum: PLAN_STATUSES, description: "With view 'all': only plans with this status" })
  @IsOptional()
  @IsIn(PLAN_STATUSES)
  status?: PlanStatus;
}

export class NudgeDto {
  @ApiProperty({ enum: NUDGE_REASONS, description: 'Which list the plan is on: what the reminder is about' })
  @IsIn(NUDGE_REASONS)
  reason!: NudgeReason;
}
